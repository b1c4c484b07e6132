/**
 * Every server-side call to a Zendesk account names the Marketplace app it comes from, when the
 * operator configured one (shared/reference/zendesk.md §10): a whole sync and a webhook refresh,
 * each request checked as the simulated Zendesk received it. Unconfigured (a private app), no call
 * carries those headers.
 */
import { scaledClock } from '@frontline/connector/clock';
import { silentLogger } from '@frontline/connector/logger';
import { syncTenant } from '@frontline/connector/sync';
import { createVendorClient } from '@frontline/connector/vendors';
import {
  createSimulatedAccount,
  createZendeskHandlers,
  DEFAULT_ZENDESK_CREDENTIALS,
  generateHistory,
} from '@frontline/simulators';
import { setupServer } from 'msw/node';
import { afterEach, expect, it } from 'vitest';
import { openPostgresTenant, type PostgresTenant } from './support/postgres-tenant.js';

const BASE_URL = 'https://acme.zendesk.com';
const APP = { name: 'Frontline', organizationId: '4242', appId: '987654' };

let opened: PostgresTenant | null = null;
afterEach(async () => {
  await opened?.close();
  opened = null;
});

/** Syncs a small account and refreshes one ticket; returns every request the account received. */
async function syncAndRefresh(marketplace: typeof APP | null) {
  const start = Date.now();
  const clock = scaledClock(2_000, start);
  const history = generateHistory({ seed: 31, tickets: 400, days: 90, now: start - 2 * 60_000 });
  const account = createSimulatedAccount({ vendor: 'zendesk', history, clock });
  const server = setupServer(...createZendeskHandlers(account, { baseUrl: BASE_URL }));
  server.listen({ onUnhandledRequest: 'error' });
  try {
    opened = await openPostgresTenant({
      vendor: 'zendesk',
      baseUrl: BASE_URL,
      credentials: {
        kind: 'zendesk-token',
        email: DEFAULT_ZENDESK_CREDENTIALS.email,
        token: DEFAULT_ZENDESK_CREDENTIALS.apiToken,
      },
    });
    const { store, tenant } = opened;
    const client = createVendorClient(tenant, { clock, log: silentLogger, zendeskMarketplace: marketplace });
    expect((await syncTenant(tenant, { store, client, surveys: null, clock })).caughtUp).toBe(true);
    // A rated ticket: its refresh reads the ticket and its rating record.
    const rated = account.truth(BASE_URL).satisfactionRatings.find((r) => r.score === 'good')!;
    expect(await client.ticket(String(rated.ticket_id))).not.toBeNull();
    expect(account.requests()).toHaveLength(account.stats().requests);
    return account.requests();
  } finally {
    server.close();
    await account.stop();
  }
}

it('names the configured Marketplace app in every request of a sync and a refresh', async () => {
  const requests = await syncAndRefresh(APP);

  expect(new Set(requests.map((r) => r.route))).toEqual(
    new Set([
      'zendesk.incremental-tickets',
      'zendesk.satisfaction-ratings',
      'zendesk.users',
      'zendesk.account-settings',
      'zendesk.show-ticket',
      'zendesk.show-satisfaction-rating',
    ]),
  );
  for (const { route, headers } of requests) {
    expect(headers, route).toMatchObject({
      'x-zendesk-marketplace-name': 'Frontline',
      'x-zendesk-marketplace-organization-id': '4242',
      'x-zendesk-marketplace-app-id': '987654',
    });
  }
});

it('sends no Marketplace headers for a private app', async () => {
  const requests = await syncAndRefresh(null);

  expect(requests.length).toBeGreaterThan(5);
  for (const { route, headers } of requests) {
    expect(
      Object.keys(headers).filter((name) => name.startsWith('x-zendesk-marketplace')),
      route,
    ).toEqual([]);
  }
});
