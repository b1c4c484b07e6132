import { anAgent, at } from '@frontline/kpi/testing';
import { hashUserKey } from '../auth/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { openApiHarness, type ApiHarness } from './api-test-harness.js';

const NOW = at('2026-11-20T15:00:00Z');
const clock: Clock = { now: () => NOW, sleep: async () => {} };

/** The doors of Connect on a connector its operator did not set up for the Marketplace apps. */
describe('connect routes', () => {
  let api: ApiHarness;

  beforeEach(async () => {
    api = await openApiHarness({ agents: [anAgent('a1', 'Ann'), anAgent('boss', 'Bea')] }, clock);
    // Admin routes read the role from the store at every call, not from the token.
    await api.store.coaching.setRole(api.tenant.id, 'boss', 'admin');
  });
  afterEach(() => api.close());

  it('say that this connector connects accounts through its operator', async () => {
    for (const [url, payload] of [
      ['/v1/connect/zendesk', { token: 'x.y.z' }],
      ['/v1/connect/freshdesk', { host: 'acme.freshdesk.com' }],
    ] as const) {
      const response = await api.app.inject({ method: 'POST', url, payload });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.message, url).toMatch(/through its operator \(frontline tenant add\)/);
    }
  });

  it('tells an admin how far the sync has come, per KPI, and nothing is synced before the first sync', async () => {
    const response = await api.as('boss', 'admin', { method: 'GET', url: '/v1/connect/status' });
    expect(response.statusCode).toBe(200);
    const status = response.json();
    expect(status).toMatchObject({ tenant: 'acme', vendor: 'freshdesk', webhooks: 'none', manualSteps: [] });
    expect(status.recent.byKpi.csat).toBe(0);
    expect(status.history).toEqual({ done: false, reachedTime: null });
  });

  it('disconnects only for an admin who typed the account name, then the tenant is gone', async () => {
    const agent = await api.as('a1', 'lead', {
      method: 'POST',
      url: '/v1/connect/disconnect',
      payload: { confirm: 'acme' },
    });
    expect(agent.statusCode).toBe(403);
    const mistyped = await api.as('boss', 'admin', {
      method: 'POST',
      url: '/v1/connect/disconnect',
      payload: { confirm: 'acne' },
    });
    expect([mistyped.statusCode, mistyped.json().error.message]).toEqual([
      400,
      "type the account's name exactly (acme) to disconnect it; nothing was changed",
    ]);
    expect(await api.store.getTenant('acme')).not.toBeNull();
    const done = await api.as('boss', 'admin', {
      method: 'POST',
      url: '/v1/connect/disconnect',
      payload: { confirm: 'acme' },
    });
    expect([done.statusCode, done.json()]).toEqual([200, { removed: 'acme', problems: [] }]);
    expect(await api.store.getTenant('acme')).toBeNull();
  });

  it("signs Freshdesk users in with the install's API key, and asks for proof once an admin requires it", async () => {
    const installKey = 'install-api-key-0123';
    await api.store.updateCredentials('acme', { kind: 'freshdesk-key', apiKey: installKey });
    const signIn = (extra: Record<string, string> = {}) =>
      api.app.inject({
        method: 'POST',
        url: '/v1/auth/freshdesk',
        headers: { authorization: `Basic ${Buffer.from(installKey).toString('base64')}` },
        payload: { host: 'acme.freshdesk.com', agentId: 'a1', ...extra },
      });
    expect((await signIn()).json().user).toEqual({ id: 'a1', name: 'Ann', role: 'agent' });
    const wrongKey = await api.app.inject({
      method: 'POST',
      url: '/v1/auth/freshdesk',
      headers: { authorization: `Basic ${Buffer.from('someone-elses-key-99').toString('base64')}` },
      payload: { host: 'acme.freshdesk.com', agentId: 'a1' },
    });
    expect(wrongKey.statusCode).toBe(401);

    const set = await api.as('boss', 'admin', {
      method: 'PUT',
      url: '/v1/settings/identity-proof',
      payload: { required: true },
    });
    expect(set.json()).toEqual({ required: true });
    const refused = await signIn();
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'proof_required']);
    await api.store.saveUserKeyHash(api.tenant.id, 'a1', hashUserKey('personal-key-of-ann'));
    expect((await signIn({ userKey: 'personal-key-of-ann' })).statusCode).toBe(200);
    const lead = await api.as('a1', 'lead', {
      method: 'PUT',
      url: '/v1/settings/identity-proof',
      payload: { required: false },
    });
    expect(lead.statusCode).toBe(403);
  });
});
