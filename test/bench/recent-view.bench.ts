/**
 * Time from `tenant add` to a complete last-60-days view (tickets, ratings and, on Freshdesk,
 * every reply count) for an account with 65,000 tickets in those 60 days and 1,000,000 in all,
 * at the vendor's real limits on a fast clock. The floor is the time the limits allow for the
 * requests that view needs; the bound is 1.1x that floor.
 */
import { scaledClock } from '@frontline/connector/clock';
import { silentLogger } from '@frontline/connector/logger';
import { syncTenant } from '@frontline/connector/sync';
import { createVendorClient } from '@frontline/connector/vendors';
import { setupServer } from 'msw/node';
import {
  createFreshdeskHandlers,
  createSimulatedAccount,
  createZendeskHandlers,
  DEFAULT_FRESHDESK_API_KEY,
  DEFAULT_ZENDESK_CREDENTIALS,
  generateHistory,
} from '@frontline/simulators';
import { openPostgresTenant } from '../support/postgres-tenant.js';
import type { BenchResult } from './bench-result.js';

const ALL = 1_000_000;
const RECENT = 65_000;
const BOUND = 1.1;

/** Simulated time per real time: slow enough that this machine keeps up with the limits. */
const FACTOR = { zendesk: 20, freshdesk: 100 } as const;

export async function benchRecentView(vendor: 'zendesk' | 'freshdesk'): Promise<BenchResult> {
  const start = Date.now();
  const clock = scaledClock(FACTOR[vendor], start);
  // 1M tickets over the history, 65k of them in the last 60 days: older ones spread over the years before.
  const history = generateHistory({
    seed: 3,
    tickets: ALL,
    days: Math.round((60 * ALL) / RECENT),
    now: start - 2 * 60_000,
  });
  const account = createSimulatedAccount({ vendor, history, clock });
  const baseUrl = `https://acme.${vendor}.com`;
  const server = setupServer(
    ...(account.vendor === 'zendesk'
      ? createZendeskHandlers(account as Parameters<typeof createZendeskHandlers>[0], { baseUrl })
      : createFreshdeskHandlers(account as Parameters<typeof createFreshdeskHandlers>[0], { baseUrl })),
  );
  server.listen({ onUnhandledRequest: 'error' });
  const credentials =
    vendor === 'zendesk'
      ? ({
          kind: 'zendesk-token',
          email: DEFAULT_ZENDESK_CREDENTIALS.email,
          token: DEFAULT_ZENDESK_CREDENTIALS.apiToken,
        } as const)
      : ({ kind: 'freshdesk-key', apiKey: DEFAULT_FRESHDESK_API_KEY } as const);
  const { store, tenant, close } = await openPostgresTenant({ vendor, baseUrl, credentials });
  try {
    const client = createVendorClient(tenant, { clock, log: silentLogger });
    const began = clock.now();
    let recentDone: number | null = null;
    // The recent view is complete when the sync moves on to the older history.
    const controller = new AbortController();
    await syncTenant(
      tenant,
      { store, client, surveys: null, clock },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (recentDone === null && p.step.startsWith('history')) {
            recentDone = clock.now();
            controller.abort(new Error('recent view complete'));
          }
        },
      },
    ).catch((error: unknown) => {
      if (recentDone === null) throw error;
    });
    if (recentDone === null) throw new Error('the sync ended without reaching the older history');
    const tookMs = recentDone - began;

    const stats = account.stats();
    const recentTickets = (await store.loadHistory(tenant.id)).tickets.filter((t) => !t.removed).length;
    const floorMs = floor(vendor, stats, account.limits);
    const ratio = floorMs / tookMs;
    return {
      name: `${vendor}: tenant add to a complete last-60-days view (65k recent of 1M tickets)`,
      figures: {
        recentTicketsStored: recentTickets,
        requests: stats.requests,
        simulatedMinutes: round(tookMs / 60_000),
        floorMinutes: round(floorMs / 60_000),
        ratioToFloor: round(tookMs / floorMs),
        clockFactor: FACTOR[vendor],
        overLimitRequests: stats.overLimitRequests,
        rateLimited: stats.rateLimited,
      },
      bound: `within ${BOUND}x the floor the vendor's limits allow`,
      ratio: round(ratio * BOUND),
      pass: tookMs <= floorMs * BOUND && stats.rateLimited === 0,
    };
  } finally {
    server.close();
    await account.stop();
    await close();
  }
}

/**
 * The least time the vendor's per-minute limits allow for the requests the sync made: each limit
 * lets `limit` requests through per minute, so N requests under it need (ceil(N / limit) - 1)
 * minutes; the slowest limit sets the floor.
 */
function floor(
  vendor: 'zendesk' | 'freshdesk',
  stats: ReturnType<ReturnType<typeof createSimulatedAccount>['stats']>,
  limits: ReturnType<typeof createSimulatedAccount>['limits'],
): number {
  const minutesFor = (requests: number, perMinute: number) => Math.max(0, Math.ceil(requests / perMinute) - 1) * 60_000;
  const routes = stats.byRoute;
  const count = (prefix: string) =>
    Object.entries(routes)
      .filter(([name]) => name.startsWith(prefix))
      .reduce((sum, [, r]) => sum + r.requests, 0);
  if (vendor === 'zendesk') {
    return Math.max(minutesFor(count('zendesk.incremental'), 10), minutesFor(stats.requests, limits.perMinute));
  }
  // Freshdesk counts credits: a ticket list page with include=stats costs 1 + 2.
  const listPages = count('freshdesk.list-tickets');
  const credits = stats.requests + 2 * listPages;
  return Math.max(minutesFor(listPages, limits.ticketsListPerMinute), minutesFor(credits, limits.perMinute));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const vendor = process.argv[2] === 'freshdesk' ? 'freshdesk' : 'zendesk';
  console.log(JSON.stringify(await benchRecentView(vendor)));
}
