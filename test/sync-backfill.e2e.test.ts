/**
 * A backfill through a tenth of the vendor's responses faulted (429s, 5xx, timeouts, truncated
 * JSON, duplicated pages) ends with the store equal to the simulator's truth, for both vendors,
 * without one request over the vendor's limits. The vendors' real limits run on a fast clock.
 */
import { scaledClock } from '@frontline/connector/clock';
import { silentLogger } from '@frontline/connector/logger';
import { syncTenant } from '@frontline/connector/sync';
import { createVendorClient } from '@frontline/connector/vendors';
import type { Ticket } from '@frontline/kpi';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFreshdeskHandlers,
  createSimulatedAccount,
  createZendeskHandlers,
  DEFAULT_FRESHDESK_API_KEY,
  DEFAULT_ZENDESK_CREDENTIALS,
  generateHistory,
} from '@frontline/simulators';
import { expectedHistory } from './support/expected-history.js';
import { openPostgresTenant, type PostgresTenant } from './support/postgres-tenant.js';

const TICKETS = Number(process.env['FRONTLINE_E2E_TICKETS'] ?? 50_000);
/** Simulated time runs this much faster: the limits are the vendors' own, per simulated minute. */
const CLOCK_FACTOR = 2_000;
const DAY = 24 * 60 * 60 * 1000;

const TENANTS = {
  zendesk: {
    baseUrl: 'https://acme.zendesk.com',
    credentials: {
      kind: 'zendesk-token',
      email: DEFAULT_ZENDESK_CREDENTIALS.email,
      token: DEFAULT_ZENDESK_CREDENTIALS.apiToken,
    },
  },
  freshdesk: {
    baseUrl: 'https://acme.freshdesk.com',
    credentials: { kind: 'freshdesk-key', apiKey: DEFAULT_FRESHDESK_API_KEY },
  },
} as const;

describe('backfill through faults', () => {
  let opened: PostgresTenant | null = null;
  afterEach(async () => {
    await opened?.close();
    opened = null;
  });

  for (const vendor of ['zendesk', 'freshdesk'] as const) {
    it(`stores every ${vendor} ticket, rating and reply count of ${TICKETS} tickets, with 10% of responses faulted`, async () => {
      const start = Date.now();
      const clock = scaledClock(CLOCK_FACTOR, start);
      const history = generateHistory({ seed: 11, tickets: TICKETS, days: 300, now: start - 2 * 60_000 });
      const account = createSimulatedAccount({
        vendor,
        history,
        clock,
        // Timeouts hold a response for 10 simulated minutes, far past the client's 100 ms (real time; the clock runs fast).
        faults: { rate: 0.1, seed: 5, timeoutMs: 10 * 60_000 },
      });
      const { baseUrl, credentials } = TENANTS[vendor];
      const handlers =
        account.vendor === 'zendesk'
          ? createZendeskHandlers(account as Parameters<typeof createZendeskHandlers>[0], { baseUrl })
          : createFreshdeskHandlers(account as Parameters<typeof createFreshdeskHandlers>[0], { baseUrl });
      const server = setupServer(...handlers);
      server.listen({ onUnhandledRequest: 'error' });
      try {
        opened = await openPostgresTenant({ vendor, baseUrl, credentials });
        const { store, tenant } = opened;
        const client = createVendorClient(tenant, { clock, log: silentLogger, timeoutMs: 100 });

        const outcome = await syncTenant(tenant, { store, client, surveys: null, clock });

        expect(outcome.caughtUp).toBe(true);
        const stats = account.stats();
        // Never a request the vendor refused for its limits (injected 429s aside).
        expect(stats.rateLimited).toBe(0);
        expect(stats.overLimitRequests).toBe(0);
        expect(Object.values(stats.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
        const stored = await store.loadHistory(tenant.id);
        const expected = expectedHistory(account.truth(baseUrl));
        const byId = (a: Ticket, b: Ticket) => Number(a.id) - Number(b.id);
        expect(stored.tickets.length).toBe(expected.tickets.length);
        expect([...stored.tickets].sort(byId)).toEqual([...expected.tickets].sort(byId));
        const ratingKey = (r: { id: string }) => r.id;
        expect(stored.ratings.map(ratingKey).sort()).toEqual(expected.ratings.map(ratingKey).sort());
        expect(new Set(stored.ratings.map((r) => JSON.stringify(r)))).toEqual(
          new Set(expected.ratings.map((r) => JSON.stringify(r))),
        );
        // Simulated time spent: the rate limits, not the test machine, set the pace.
        expect(clock.now() - start).toBeGreaterThan(0);
        expect(clock.now() - start).toBeLessThan(30 * DAY);
      } finally {
        server.close();
        await account.stop();
      }
    }, 300_000);
  }
});
