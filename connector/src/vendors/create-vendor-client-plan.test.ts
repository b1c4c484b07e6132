import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import type { Tenant } from '../store/sync-store.js';
import { createVendorClient } from './create-vendor-client.js';
import { createInstantClock } from './http/instant-clock.js';
import { serveDuringTests } from './vendor-client.contract.js';

const FRESHDESK_URL = 'https://beta.freshdesk.test';
const ZENDESK_URL = 'https://acme.zendesk.test';
const server = setupServer();
serveDuringTests(server);

/** What a stored tenant has besides its vendor and plan. */
const TENANT_STATE = {
  createdAt: 0,
  status: 'active',
  statusReason: null,
  escalationTags: [],
  access: { webhookSecrets: [], appSecret: null, zendeskApp: null, hooks: null },
  ratingsIncludeUnanswered: null,
} as const;

const freshdeskTenant = (plan: string | null): Tenant => ({
  id: '7f1c2b9e-0000-4000-8000-000000000001',
  name: 'beta',
  vendor: 'freshdesk',
  baseUrl: FRESHDESK_URL,
  credentials: { kind: 'freshdesk-key', apiKey: 'k' },
  zigpoll: null,
  plan,
  ...TENANT_STATE,
});

const zendeskTenant = (plan: string | null): Tenant => ({
  id: '7f1c2b9e-0000-4000-8000-000000000002',
  name: 'acme',
  vendor: 'zendesk',
  baseUrl: ZENDESK_URL,
  credentials: { kind: 'zendesk-oauth', accessToken: 't' },
  zigpoll: null,
  plan,
  ...TENANT_STATE,
});

/** Clock time 21 ticket-list calls take, against an account whose answers name no limits. */
async function twentyOneLists(plan: string | null): Promise<number> {
  server.use(http.get(`${FRESHDESK_URL}/api/v2/tickets`, () => HttpResponse.json([])));
  const clock = createInstantClock(Date.parse('2026-03-01T00:00:00Z'));
  const client = createVendorClient(freshdeskTenant(plan), { clock, log: silentLogger });
  const start = clock.now();
  for (let i = 0; i < 21; i++) await client.ticketsChangedSince({ since: 0 });
  return clock.now() - start;
}

/** Clock time 201 agent-list calls take, against an account whose answers name no limits. */
async function twoHundredOneAgentLists(plan: string | null): Promise<number> {
  server.use(
    http.get(`${ZENDESK_URL}/api/v2/users`, () => HttpResponse.json({ users: [], meta: { has_more: false } })),
  );
  const clock = createInstantClock(Date.parse('2026-03-01T00:00:00Z'));
  const client = createVendorClient(zendeskTenant(plan), { clock, log: silentLogger });
  const start = clock.now();
  for (let i = 0; i < 201; i++) await client.agents();
  return clock.now() - start;
}

describe('createVendorClient', () => {
  it("gives a Freshdesk client the tenant's plan: Enterprise lists past Growth's 20 a minute from the start", async () => {
    expect(await twentyOneLists('enterprise')).toBe(0);
    // Unset, the client keeps to Growth's 20 until an answer names the plan; these name none.
    expect(await twentyOneLists(null)).toBe(60_000);
  });

  it("gives a Zendesk client the account limit of the tenant's plan", async () => {
    expect(await twoHundredOneAgentLists('enterprise')).toBe(0);
    // Team's 200, which the client also starts from when no plan is set.
    expect(await twoHundredOneAgentLists('team')).toBe(60_000);
  });
});
