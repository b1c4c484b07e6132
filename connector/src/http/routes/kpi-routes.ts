import { AGENT_KPI_KEYS } from '@frontline/kpi';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ApiError } from '../api-error.js';
import type { TenantView } from '../../live/tenant-view.js';
import type { Caller } from '../authenticate.js';
import { agentWindowJson, dashboardOf, drillDownJson, iso, teamJson } from '../present-kpis.js';
import { windowOfQuery } from '../window-query.js';
import { requesterContextJson, ticketInView } from '../present-requester.js';
import { AUTH_ERRORS, BEARER, Id } from '../schemas/common-schemas.js';
import {
  AgentWindowKpis,
  AlertList,
  Dashboard,
  DrillDown,
  KpiName,
  Period,
  RequesterContext,
  TeamView,
  WindowQuery,
} from '../schemas/kpi-schemas.js';
import type { ServerDeps } from '../server-deps.js';

const AgentParams = Type.Object({ agentId: Type.Union([Type.Literal('me'), Id]) });
const DrillParams = Type.Object({ agentId: Type.Union([Type.Literal('me'), Type.Literal('team'), Id]), kpi: KpiName });
const DrillQuery = Type.Object(
  {
    period: Type.Optional(Period),
    sort: Type.Optional(Type.Union([Type.Literal('value'), Type.Literal('time')])),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  },
  { additionalProperties: false },
);
const TeamQuery = Type.Object(
  {
    period: Type.Optional(Period),
    from: Type.Optional(WindowQuery.properties.from),
    to: Type.Optional(WindowQuery.properties.to),
    sort: Type.Optional(Type.Union([KpiName, Type.Literal('name')])),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  },
  { additionalProperties: false },
);
const RequesterParams = Type.Object({ requesterId: Id });
const RequesterQuery = Type.Object(
  {
    // The ticket in view; `ticketId` is the name the sidebar first used.
    ticket: Type.Optional(Id),
    ticketId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

/** `me` is the caller; an agent may name only themselves. */
function agentOf(deps: ServerDeps, caller: Caller, agentId: string): string {
  const id = agentId === 'me' ? caller.session.userId : agentId;
  deps.auth.requireAgentAccess(caller, id);
  return id;
}

/** 404 for an agent the account does not have (the caller always has their own numbers, if empty). */
function requireKnownAgent(view: TenantView, caller: Caller, agentId: string): void {
  if (agentId !== caller.session.userId && !view.agentNames.has(agentId)) {
    throw new ApiError('not_found', `no agent ${agentId} in this account: see GET /v1/team for the agents`);
  }
}

/** The agent's dashboard, the team table, drill-downs, requester context and alerts. */
export function registerKpiRoutes(fastify: FastifyInstance, deps: ServerDeps): void {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/v1/agents/:agentId/dashboard',
    {
      config: { caller: 'any' },
      schema: {
        summary: "An agent's KPIs for today, 7 and 30 days: value, trend, target status, team median",
        description: '`me` for the caller. Agents see only their own; leads and admins anyone of their account.',
        tags: ['kpis'],
        security: BEARER,
        params: AgentParams,
        response: { 200: Dashboard, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { caller } = request;
      const agentId = agentOf(deps, caller, request.params.agentId);
      const view = await deps.live.view(caller.tenant);
      requireKnownAgent(view, caller, agentId);
      return dashboardOf(view, agentId, deps.store);
    },
  );

  app.get(
    '/v1/agents/:agentId/kpis/:kpi/tickets',
    {
      config: { caller: 'any' },
      schema: {
        summary: 'The tickets behind one KPI value (drill-down), with subject, requester and the value that counted',
        description:
          '`me` for the caller, `team` for the whole team (leads and admins). `tickets` is sorted by `sort` ' +
          '(`time`, the default: the moment that counted; `value`: minutes or replies, for yes/no KPIs the ' +
          'matching ones first in `desc`) in `order` (default `desc`); ties and ids compare as numbers.',
        tags: ['kpis'],
        security: BEARER,
        params: DrillParams,
        querystring: DrillQuery,
        response: { 200: DrillDown, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { caller } = request;
      const { kpi } = request.params;
      let agentId: string | null;
      if (request.params.agentId === 'team') {
        deps.auth.requireRole(caller, ['lead', 'admin'], "the team's drill-down");
        agentId = null;
      } else {
        agentId = agentOf(deps, caller, request.params.agentId);
        if (!(AGENT_KPI_KEYS as readonly string[]).includes(kpi)) {
          throw new ApiError('bad_request', `${kpi} is a team KPI: ask for it with agentId "team"`);
        }
      }
      const view = await deps.live.view(caller.tenant);
      if (agentId !== null) requireKnownAgent(view, caller, agentId);
      return drillDownJson(
        deps.store,
        view,
        {
          period: request.query.period ?? 'last7Days',
          kpi,
          agentId,
          sort: request.query.sort ?? 'time',
          order: request.query.order ?? 'desc',
        },
        (ids) => deps.store.ticketLabels(caller.tenant.id, ids),
      );
    },
  );

  app.get(
    '/v1/team',
    {
      config: { caller: { roles: ['lead', 'admin'], what: 'the team view' } },
      schema: {
        summary: "Every agent's KPIs for a period, sortable (leads and admins)",
        tags: ['kpis'],
        security: BEARER,
        querystring: TeamQuery,
        response: { 200: TeamView, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { caller } = request;
      const { from, to, sort = 'name', order = sort === 'name' ? 'asc' : 'desc' } = request.query;
      const view = await deps.live.view(caller.tenant);
      if (from === undefined && to === undefined) {
        return teamJson(view, request.query.period ?? 'last7Days', sort, order);
      }
      if (from === undefined || to === undefined || request.query.period !== undefined) {
        throw new ApiError('bad_request', 'ask for a period, or for a window with both from and to, not both');
      }
      const card = await deps.windows.card(view, windowOfQuery({ from, to }, view.timeZone));
      return teamJson(view, null, sort, order, card);
    },
  );

  app.get(
    '/v1/agents/:agentId/kpis',
    {
      config: { caller: 'any' },
      schema: {
        summary: "An agent's KPIs for any window up to a year, against the window of equal length before it",
        description:
          "`me` for the caller. A date is that midnight in the account's time zone (its days are cut there); " +
          '`to` is excluded: `from=2026-03-01&to=2026-04-01` is March.',
        tags: ['kpis'],
        security: BEARER,
        params: AgentParams,
        querystring: WindowQuery,
        response: { 200: AgentWindowKpis, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { caller } = request;
      const agentId = agentOf(deps, caller, request.params.agentId);
      const view = await deps.live.view(caller.tenant);
      requireKnownAgent(view, caller, agentId);
      const card = await deps.windows.card(view, windowOfQuery(request.query, view.timeZone));
      return agentWindowJson(view, card, agentId);
    },
  );

  app.get(
    '/v1/requesters/:requesterId/context',
    {
      config: { caller: 'any' },
      schema: {
        summary: 'The requester of the open ticket: contacts in 30 days, open tickets, last rating, repeat contact',
        tags: ['kpis'],
        security: BEARER,
        params: RequesterParams,
        querystring: RequesterQuery,
        response: { 200: RequesterContext, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { caller } = request;
      const { requesterId } = request.params;
      const ticketId = request.query.ticket ?? request.query.ticketId ?? null;
      const [history, names] = await Promise.all([
        deps.store.historySlice(caller.tenant.id, {
          requesterIds: [requesterId],
          ticketIds: ticketId === null ? [] : [ticketId],
        }),
        deps.store.requesterNames(caller.tenant.id, [requesterId]),
      ]);
      const standing = ticketId === null ? 'theirs' : ticketInView(history, requesterId, ticketId);
      if (ticketId !== null && (standing === 'not_synced' || standing === 'moved')) {
        // The helpdesk shows what the store has not caught up with yet: fetch it now, as a webhook would.
        deps.log.info(
          { tenant: caller.tenant.name, ticketId, standing },
          'ticket in view behind the store: refreshing it',
        );
        await deps.queue.add({ kind: 'refresh-ticket', tenant: caller.tenant.name, ticketId }, { priority: 'high' });
      }
      return requesterContextJson(history, requesterId, deps.clock.now(), ticketId, names.get(requesterId) ?? null);
    },
  );

  app.get(
    '/v1/alerts',
    {
      config: { caller: 'any' },
      schema: {
        summary: 'Escalated negative ratings and successes of the last 7 days, newest first',
        description: "An agent gets those on their own tickets; leads and admins everyone's.",
        tags: ['alerts'],
        security: BEARER,
        response: { 200: AlertList, ...AUTH_ERRORS },
      },
    },
    async (request) => {
      const { caller } = request;
      const view = await deps.live.view(caller.tenant);
      const mine = caller.session.role === 'agent';
      return {
        alerts: view.alerts
          .filter((a) => !mine || a.agentId === caller.session.userId)
          .map((a) => ({ ...a, at: iso(a.at) })),
      };
    },
  );
}
