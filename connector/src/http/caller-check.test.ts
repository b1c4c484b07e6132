import { anAgent, at } from '@frontline/kpi/testing';
import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { openApiHarness, type ApiHarness } from './api-test-harness.js';

const NOW = at('2026-11-20T15:00:00Z');
const clock: Clock = { now: () => NOW, sleep: async () => {} };
const NOTE = '6f1c2b9e-3d4a-4c5b-8e7f-0a1b2c3d4e5f';

/** A valid request to each route that takes a session, as its OpenAPI path and what a client sends. */
interface SessionRoute {
  readonly path: string;
  readonly request: InjectOptions & { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string };
  /** What the 403 names for an agent, on the routes for leads or admins. */
  readonly forbidsAgent?: string;
}

const ROUTES: readonly SessionRoute[] = [
  { path: '/v1/auth/refresh', request: { method: 'POST', url: '/v1/auth/refresh' } },
  { path: '/v1/agents/{agentId}/dashboard', request: { method: 'GET', url: '/v1/agents/me/dashboard' } },
  {
    path: '/v1/agents/{agentId}/kpis/{kpi}/tickets',
    request: { method: 'GET', url: '/v1/agents/me/kpis/csat/tickets' },
  },
  {
    path: '/v1/agents/{agentId}/kpis',
    request: { method: 'GET', url: '/v1/agents/me/kpis?from=2026-03-01&to=2026-04-01' },
  },
  {
    path: '/v1/team',
    request: { method: 'GET', url: '/v1/team' },
    forbidsAgent: 'the team view needs the lead or admin role',
  },
  { path: '/v1/requesters/{requesterId}/context', request: { method: 'GET', url: '/v1/requesters/r1/context' } },
  { path: '/v1/alerts', request: { method: 'GET', url: '/v1/alerts' } },
  { path: '/v1/notes', request: { method: 'GET', url: '/v1/notes' } },
  {
    path: '/v1/notes',
    request: { method: 'POST', url: '/v1/notes', payload: { agentId: 'a1', body: 'Well done' } },
    forbidsAgent: 'writing a coaching note needs the lead or admin role',
  },
  {
    path: '/v1/notes/{noteId}',
    request: { method: 'PATCH', url: `/v1/notes/${NOTE}`, payload: { body: 'Well done' } },
    forbidsAgent: 'editing a coaching note needs the lead or admin role',
  },
  { path: '/v1/notes/{noteId}/acknowledge', request: { method: 'POST', url: `/v1/notes/${NOTE}/acknowledge` } },
  { path: '/v1/targets', request: { method: 'GET', url: '/v1/targets' } },
  {
    path: '/v1/targets/{kpi}',
    request: { method: 'PUT', url: '/v1/targets/csat', payload: { green: 90, amber: 80 } },
    forbidsAgent: 'setting a target needs the lead or admin role',
  },
  {
    path: '/v1/targets/{kpi}',
    request: { method: 'DELETE', url: '/v1/targets/csat' },
    forbidsAgent: 'removing a target needs the lead or admin role',
  },
  { path: '/v1/settings', request: { method: 'GET', url: '/v1/settings' } },
  {
    path: '/v1/settings/headline',
    request: { method: 'PUT', url: '/v1/settings/headline', payload: { headline: ['csat'] } },
    forbidsAgent: 'choosing the headline KPIs needs the admin role',
  },
  { path: '/v1/settings/identity-proof', request: { method: 'GET', url: '/v1/settings/identity-proof' } },
  {
    path: '/v1/settings/identity-proof',
    request: { method: 'PUT', url: '/v1/settings/identity-proof', payload: { required: true } },
    forbidsAgent: 'requiring proof of identity needs the admin role',
  },
  {
    path: '/v1/people',
    request: { method: 'GET', url: '/v1/people' },
    forbidsAgent: "seeing the account's people and roles needs the admin role",
  },
  {
    path: '/v1/people/{userId}/role',
    request: { method: 'PUT', url: '/v1/people/a1/role', payload: { role: 'lead' } },
    forbidsAgent: "choosing people's roles needs the admin role",
  },
  { path: '/v1/tickets/{ticketId}/summary', request: { method: 'GET', url: '/v1/tickets/t1/summary' } },
  { path: '/v1/connect/status', request: { method: 'GET', url: '/v1/connect/status' } },
  {
    path: '/v1/connect/disconnect',
    request: { method: 'POST', url: '/v1/connect/disconnect', payload: { confirm: 'acme' } },
    forbidsAgent: 'disconnecting the account needs the admin role',
  },
];

describe('the session check of the /v1 routes', () => {
  let api: ApiHarness;

  beforeEach(async () => {
    api = await openApiHarness({ agents: [anAgent('a1', 'Ann'), anAgent('lead', 'Lee')] }, clock);
  });

  afterEach(async () => {
    await api.close();
  });

  it('covers every route /openapi.json says takes a session', async () => {
    const spec = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const documented = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.security?.length)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(ROUTES.map((r) => `${r.request.method} ${r.path}`).sort()).toEqual(documented.sort());
  });

  it('answers 401 saying how to sign in when no session token comes', async () => {
    for (const { request } of ROUTES) {
      const response = await api.app.inject(request);
      const what = `${request.method} ${request.url}`;
      expect(response.statusCode, what).toBe(401);
      expect(response.json().error, what).toEqual({
        code: 'unauthenticated',
        message:
          'no session token: send Authorization: Bearer <token> from POST /v1/auth/zendesk or /v1/auth/freshdesk',
      });
    }
  });

  it('answers an agent 403 naming the role each lead or admin route needs, and changes nothing', async () => {
    for (const { request, forbidsAgent } of ROUTES.filter((r) => r.forbidsAgent !== undefined)) {
      const response = await api.as('a1', 'agent', request);
      const what = `${request.method} ${request.url}`;
      expect(response.statusCode, what).toBe(403);
      expect(response.json().error, what).toEqual({
        code: 'forbidden',
        message: `${forbidsAgent}; you are signed in as agent`,
      });
    }
    expect(await api.store.coaching.listTargets(api.tenant.id)).toEqual([]);
    expect(await api.store.coaching.listNotes(api.tenant.id, {})).toEqual([]);
    expect(await api.store.coaching.roleOf(api.tenant.id, 'a1')).toBeNull();
    expect(await api.store.listTenants()).toContainEqual(expect.objectContaining({ name: 'acme' }));
  });
});
