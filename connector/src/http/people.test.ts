import { randomBytes } from 'node:crypto';
import type { Agent } from '@frontline/kpi';
import { anAgent, at } from '@frontline/kpi/testing';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashUserKey } from '../auth/index.js';
import type { Clock } from '../clock.js';
import type { Tenant } from '../store/sync-store.js';
import { SYNC_INTERVAL_MS } from '../sync/sync-scheduler.js';
import { syncTenant } from '../sync/sync-tenant.js';
import { openApiHarness, type ApiHarness } from './api-test-harness.js';
import { FRESHDESK_APP_SECRET_HEADER } from './routes/auth-routes.js';
import { AgentsOnlyHelpdesk } from './testing/agents-only-helpdesk.js';

const START = at('2026-11-20T15:00:00Z');
const MINUTE = 60_000;
let now = START;
const clock: Clock = { now: () => now, sleep: async () => {} };
const APP_SECRET = `fd-app-${randomBytes(12).toString('hex')}`;

const zendeskAdmin = (id: string, name: string): Agent => ({ ...anAgent(id, name), administersHelpdesk: true });

describe('people and their roles, chosen by an admin in the app', () => {
  let api: ApiHarness;
  let zen: Tenant;

  beforeEach(async () => {
    now = START;
    api = await openApiHarness({ agents: [anAgent('a1', 'Ann'), anAgent('a2', 'Bob'), anAgent('boss', 'Bea')] }, clock);
    await api.store.updateAccess('acme', { appSecret: APP_SECRET });
    await api.store.coaching.setRole(api.tenant.id, 'boss', 'admin');
    zen = await api.store.addTenant({
      name: 'zen',
      vendor: 'zendesk',
      baseUrl: 'https://zen.zendesk.com',
      credentials: { kind: 'zendesk-token', email: 'admin@zen.example', token: 'zd-token' },
      zigpoll: null,
    });
  });

  afterEach(() => api.close());

  const call = (token: string, method: 'GET' | 'PUT', url: string, payload?: unknown) =>
    api.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  const people = (token: string) => call(token, 'GET', '/v1/people');
  const choose = (token: string, userId: string, role: string) =>
    call(token, 'PUT', `/v1/people/${userId}/role`, { role });
  const headline = (token: string) => call(token, 'PUT', '/v1/settings/headline', { headline: ['csat', 'backlog'] });
  const refresh = (token: string) =>
    api.app.inject({ method: 'POST', url: '/v1/auth/refresh', headers: { authorization: `Bearer ${token}` } });
  const message = (response: LightMyRequestResponse) => response.json<{ error: { message: string } }>().error.message;
  const saveAgents = (tenant: Tenant, agents: Agent[]) =>
    api.store.savePage(tenant.id, 'agents', { agents }, { cursor: '', done: true, reachedTime: null });

  it("lists the account's agents with their role now and where it comes from", async () => {
    await saveAgents(zen, [zendeskAdmin('za', 'Ada'), anAgent('z1', 'Zoe'), zendeskAdmin('zx', 'Xia')]);
    // A role Frontline keeps wins over Zendesk's: Xia is a Zendesk admin made a lead here.
    await api.store.coaching.setRole(zen.id, 'zx', 'lead');
    const response = await people(api.tokenFor('za', 'admin', zen));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      people: [
        { id: 'za', name: 'Ada', email: null, role: 'admin', roleSource: 'helpdesk' },
        { id: 'zx', name: 'Xia', email: null, role: 'lead', roleSource: 'frontline' },
        { id: 'z1', name: 'Zoe', email: null, role: 'agent', roleSource: 'default' },
      ],
    });
    const freshdesk = await people(api.tokenFor('boss', 'admin'));
    expect(freshdesk.json().people.map((p: { id: string; roleSource: string }) => `${p.id}:${p.roleSource}`)).toEqual([
      'a1:default',
      'boss:frontline',
      'a2:default',
    ]);
  });

  it('answers 403 in words to leads and agents, for the list and for a change', async () => {
    await api.store.coaching.setRole(api.tenant.id, 'a2', 'lead');
    for (const [user, role] of [
      ['a1', 'agent'],
      ['a2', 'lead'],
    ] as const) {
      const list = await people(api.tokenFor(user, role));
      expect(list.statusCode).toBe(403);
      expect(message(list)).toBe(
        `seeing the account's people and roles needs the admin role; you are signed in as ${role}`,
      );
      const change = await choose(api.tokenFor(user, role), 'a1', 'lead');
      expect(change.statusCode).toBe(403);
      expect(message(change)).toBe(`choosing people's roles needs the admin role; you are signed in as ${role}`);
    }
    expect(await api.store.coaching.roleOf(api.tenant.id, 'a1')).toBeNull();
  });

  it('on Freshdesk, stores the role and hands over the personal key that signs the new lead in', async () => {
    const response = await choose(api.tokenFor('boss', 'admin'), 'a1', 'lead');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ person: unknown; personalKey: string }>();
    expect(body.person).toEqual({ id: 'a1', name: 'Ann', email: null, role: 'lead', roleSource: 'frontline' });
    expect(body.personalKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await api.store.coaching.roleOf(api.tenant.id, 'a1')).toBe('lead');
    expect(await api.store.userKeyHash(api.tenant.id, 'a1')).toBe(hashUserKey(body.personalKey));
    // The key is never logged: it is shown to the admin once.
    expect(api.log.text).not.toContain(body.personalKey);
    const signIn = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/freshdesk',
      headers: { [FRESHDESK_APP_SECRET_HEADER]: APP_SECRET },
      payload: { tenant: 'acme', agentId: 'a1', userKey: body.personalKey },
    });
    expect(signIn.json().user).toEqual({ id: 'a1', name: 'Ann', role: 'lead' });
    // Back to agent: no key to hand over.
    const demoted = await choose(api.tokenFor('boss', 'admin'), 'a1', 'agent');
    expect(demoted.json().personalKey).toBeNull();
  });

  it('on Zendesk, stores the role without a key: Zendesk signs who the user is', async () => {
    await saveAgents(zen, [zendeskAdmin('za', 'Ada'), anAgent('z1', 'Zoe')]);
    const response = await choose(api.tokenFor('za', 'admin', zen), 'z1', 'admin');
    expect(response.json()).toEqual({
      person: { id: 'z1', name: 'Zoe', email: null, role: 'admin', roleSource: 'frontline' },
      personalKey: null,
    });
  });

  it('answers 404 for someone who is not an agent of the account, and 409 to an admin demoting themself', async () => {
    const admin = api.tokenFor('boss', 'admin');
    const stranger = await choose(admin, 'requester-7', 'lead');
    expect(stranger.statusCode).toBe(404);
    expect(message(stranger)).toBe(
      'user requester-7 is not an agent of this account (as last synced): only its agents have a Frontline role',
    );
    const self = await choose(admin, 'boss', 'lead');
    expect(self.statusCode).toBe(409);
    expect(self.json().error.code).toBe('conflict');
    expect(message(self)).toBe(
      'you cannot make yourself lead: another admin has to, so the account is never left without an admin',
    );
    expect(await api.store.coaching.roleOf(api.tenant.id, 'boss')).toBe('admin');
    const bad = await choose(admin, 'a1', 'owner');
    expect(bad.statusCode).toBe(400);
  });

  it('gives an open session the new role at its next refresh, up and down', async () => {
    await saveAgents(zen, [zendeskAdmin('za', 'Ada'), anAgent('z1', 'Zoe')]);
    const admin = api.tokenFor('za', 'admin', zen);
    const zoe = api.tokenFor('z1', 'agent', zen);
    await choose(admin, 'z1', 'lead');
    const promoted = await refresh(zoe);
    expect(promoted.json().user).toEqual({ id: 'z1', name: 'Zoe', role: 'lead' });
    await choose(admin, 'z1', 'agent');
    expect((await refresh(promoted.json().token)).json().user.role).toBe('agent');
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths['/v1/people'])).toEqual(['get']);
    const put = doc.paths['/v1/people/{userId}/role'].put;
    expect(Object.keys(put.responses)).toEqual(['200', '400', '401', '403', '404', '409']);
    const key = put.responses['200'].content['application/json'].schema.properties.personalKey;
    expect(key.description).toContain('enters once in their Frontline page');
  });

  it("takes the admin's views from a Zendesk user demoted in Zendesk at the next sync, well within 15 minutes", async () => {
    const helpdesk = new AgentsOnlyHelpdesk([zendeskAdmin('za', 'Ada'), anAgent('z1', 'Zoe')]);
    const sync = () => syncTenant(zen, { store: api.store, client: helpdesk, surveys: null, clock });
    await sync();
    // Ada signs in as an agent's token would be issued, and her first refresh reads Zendesk's word.
    const signedIn = await refresh(api.tokenFor('za', 'agent', zen));
    expect(signedIn.json().user).toEqual({ id: 'za', name: 'Ada', role: 'admin' });
    const token: string = signedIn.json().token;
    expect((await headline(token)).statusCode).toBe(200);
    expect((await people(token)).statusCode).toBe(200);

    // Demoted in Zendesk just after a refresh: that token says admin for 15 more minutes.
    now += 30_000;
    const lastAdminToken: string = (await refresh(token)).json().token;
    helpdesk.agentList = [anAgent('za', 'Ada'), anAgent('z1', 'Zoe')];
    // The scheduler's next incremental sync re-reads the agents.
    now += SYNC_INTERVAL_MS;
    await sync();
    expect(helpdesk.agentReads).toBe(2);
    // The API learns of the sync's write through the change feed, as from a worker.
    await expect.poll(async () => (await headline(lastAdminToken)).statusCode).toBe(403);
    expect(now - START).toBeLessThan(15 * MINUTE);
    const list = await people(lastAdminToken);
    expect(list.statusCode).toBe(403);
    expect(message(list)).toBe(
      "seeing the account's people and roles needs the admin role; you are agent now (your role changed since you " +
        'signed in): reload the app to see what you may do',
    );
    expect((await refresh(lastAdminToken)).json().user.role).toBe('agent');
  });
});
