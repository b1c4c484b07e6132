import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { ApiError } from '../api-error.js';
import { ticketSummaryJson } from '../present-ticket-summary.js';
import { AUTH_ERRORS, BEARER, Id } from '../schemas/common-schemas.js';
import { TicketSummary } from '../schemas/kpi-schemas.js';
import type { ServerDeps } from '../server-deps.js';

const TicketParams = Type.Object({ ticketId: Id });

/** The ticket level: the ticket in view against what is typical for the team. */
export function registerTicketRoutes(fastify: FastifyInstance, deps: ServerDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/v1/tickets/:ticketId/summary',
    {
      config: { caller: 'any' },
      schema: {
        summary: "The ticket in view: its rating, replies against the team's typical count, first reply, reopens",
        description:
          '`outlier` is set when its public replies are at least 3 times the typical count and at least 8. ' +
          '404 while the ticket is not in the store (not synced yet, or deleted).',
        tags: ['kpis'],
        security: BEARER,
        params: TicketParams,
        response: { 200: TicketSummary, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { caller } = request;
      const { ticketId } = request.params;
      const [view, history, labels] = await Promise.all([
        deps.live.view(caller.tenant),
        deps.store.historySlice(caller.tenant.id, { ticketIds: [ticketId] }),
        deps.store.ticketLabels(caller.tenant.id, [ticketId]),
      ]);
      const summary = ticketSummaryJson(history, ticketId, labels.get(ticketId)?.subject ?? null, view.typicalReplies);
      if (summary === null) {
        // The helpdesk shows a ticket the store does not have yet: fetch it now, as a webhook would.
        await deps.queue.add({ kind: 'refresh-ticket', tenant: caller.tenant.name, ticketId }, { priority: 'high' });
        throw new ApiError(
          'not_found',
          `ticket ${ticketId} is not in Frontline's copy yet: it is being fetched, ask again in a few seconds`,
        );
      }
      return summary;
    },
  );
}
