import type { FastifyInstance } from 'fastify';
import Type, { type Static } from 'typebox';
import type { TenantView } from '../../live/tenant-view.js';
import { dashboardOf, iso } from '../present-kpis.js';
import { AUTH_ERRORS } from '../schemas/common-schemas.js';
import type { ServerDeps } from '../server-deps.js';
import type { StreamClient, StreamEvent } from '../stream-hub.js';
import { reauthNotice, watchStreamSessions } from '../stream-sessions.js';

const StreamQuery = Type.Object(
  { access_token: Type.String({ description: 'the session token (EventSource cannot send headers)' }) },
  { additionalProperties: false },
);

/** Keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 20_000;
/** setTimeout's longest wait. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface StreamRouteOptions {
  /** How often open streams are checked against their user's role (default 10 s). */
  readonly checkMs?: number;
}

/**
 * Server-sent events for an open sidebar: `dashboard` (the caller's numbers, on connect and
 * whenever they change), `alert` (a new escalation or success: the agent's own; leads get
 * everyone's), `note` (a coaching note written, edited or acknowledged).
 *
 * A stream lives no longer than its token: at the token's expiry, or when its user's role
 * changes or they are no longer an agent (checked every `checkMs`), it sends `reauth` and ends,
 * and the sidebar reconnects with a renewed token, which carries the role as it is now.
 */
export function registerStreamRoute(app: FastifyInstance, deps: ServerDeps, options: StreamRouteOptions = {}): void {
  const lastAlerts = new Map<string, ReadonlySet<string>>();
  const stopWatching = watchStreamSessions(deps, options.checkMs);
  app.addHook('onClose', async () => stopWatching());

  deps.live.onView((tenantId, view) => {
    const before = lastAlerts.get(tenantId);
    lastAlerts.set(tenantId, new Set(view.alerts.map((a) => a.id)));
    const fresh = before === undefined ? [] : view.alerts.filter((a) => !before.has(a.id));
    for (const client of deps.hub.clientsOf(tenantId)) {
      dashboardOf(view, client.userId, deps.store).then(
        (data) => client.send({ event: 'dashboard', data }),
        (error: unknown) =>
          deps.log.warn(
            { err: error, tenantId },
            'fresh numbers could not be built for an open sidebar; it keeps the last',
          ),
      );
      for (const alert of fresh) {
        if (client.lead || alert.agentId === client.userId)
          client.send({ event: 'alert', data: { ...alert, at: iso(alert.at) } });
      }
    }
  });

  app.get<{ Querystring: Static<typeof StreamQuery> }>(
    '/v1/stream',
    {
      schema: {
        summary: "Server-sent events: the caller's dashboard as it changes, new alerts, coaching notes",
        description:
          'The stream ends with `reauth` ({reason, message}) when its token expires or its user’s role changes: ' +
          'renew the token and open it again. One sign-in keeps 5 streams open; a sixth ends the oldest, ' +
          'which gets `replaced` ({message}).',
        tags: ['live'],
        querystring: StreamQuery,
        response: { 200: Type.String({ description: 'text/event-stream' }), ...AUTH_ERRORS },
      },
    },
    async (request, reply) => {
      const caller = await deps.auth.caller(request, { queryToken: true });
      const view: TenantView = await deps.live.view(caller.tenant);
      // Built before the response is taken over, so a failure still answers with an error.
      const first = await dashboardOf(view, caller.session.userId, deps.store);
      if (!lastAlerts.has(caller.tenant.id)) lastAlerts.set(caller.tenant.id, new Set(view.alerts.map((a) => a.id)));
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'access-control-allow-origin': '*',
      });
      let lastDashboard = '';
      let ended = false;
      const { session } = caller;
      const client: StreamClient = {
        tenantId: caller.tenant.id,
        userId: session.userId,
        role: session.role,
        lead: session.role !== 'agent',
        sessionId: session.sessionId,
        expiresAt: session.expiresAt,
        send(event: StreamEvent) {
          if (ended) return;
          const data = JSON.stringify(event.data);
          if (event.event === 'dashboard') {
            // The same numbers are not sent twice: a change elsewhere in the team is not news here.
            const { revision: _r, computedAt: _c, ...numbers } = event.data as Record<string, unknown>;
            const key = JSON.stringify(numbers);
            if (key === lastDashboard) return;
            lastDashboard = key;
          }
          out.write(`event: ${event.event}\ndata: ${data}\n\n`);
        },
        end(notice) {
          if (ended) return;
          if (notice !== undefined) client.send(notice);
          close();
          out.end();
        },
      };
      client.send({ event: 'dashboard', data: first });
      const remove = deps.hub.add(client);
      const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), HEARTBEAT_MS);
      // The token's own end, by this server's clock; the periodic check catches a faster test clock.
      const expiry = setTimeout(
        () => client.end(reauthNotice('expired')),
        Math.min(MAX_TIMER_MS, Math.max(0, session.expiresAt - deps.clock.now())),
      );
      const close = () => {
        ended = true;
        clearInterval(heartbeat);
        clearTimeout(expiry);
        remove();
      };
      request.raw.on('close', close);
      out.on('error', close);
    },
  );
}
