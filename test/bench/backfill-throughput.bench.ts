/**
 * Backfill throughput against Zendesk's own export limit: 50,000 tickets, all changed in the last
 * 55 days, so the sync's recent pass pages every one of them through the incremental export
 * (1,000 tickets a page, 10 requests a sliding minute). The simulator plays the real limits
 * (export 10/min, Enterprise 700/min) on a scaled clock; the sync runs into a fresh PostgreSQL
 * schema. Measured on the simulated clock, from the first to the last export request of the
 * recent ticket stream as the simulator receives them. N pages under a sliding window of 10 a
 * minute need at least (ceil(N/10) - 1) * 60 s; the bound is 0.95 of that ceiling, with no
 * request refused for the limits.
 * Run alone: `npx tsx bench/backfill-throughput.bench.ts` (prints one JSON line).
 */
import { scaledClock } from '@frontline/connector/clock';
import { silentLogger } from '@frontline/connector/logger';
import type { SyncStore } from '@frontline/connector/store';
import { syncTenant } from '@frontline/connector/sync';
import { createVendorClient, type VendorClient } from '@frontline/connector/vendors';
import { setupServer } from 'msw/node';
import pg from 'pg';
import {
  createSimulatedAccount,
  createZendeskHandlers,
  DEFAULT_ZENDESK_CREDENTIALS,
  generateHistory,
} from '@frontline/simulators';
import { openPostgresTenant, type PostgresTenant } from '../support/postgres-tenant.js';
import type { BenchResult } from './bench-result.js';

const TICKETS = 50_000;
const DAYS = 55;
/**
 * Simulated time runs this much faster. Real latency is what the factor magnifies: at 10, a
 * 70 ms page cycle (simulator, JSON, normalizing; storing overlaps the next fetch) is 0.7
 * simulated seconds, about what a real 1,000-ticket export page takes. Every such second inside
 * a minute's ten sequential pages counts against the ratio. `FRONTLINE_BENCH_CLOCK_FACTOR`
 * overrides it, to see how the result depends on it (20 gives about 0.94).
 */
const CLOCK_FACTOR = Number(process.env['FRONTLINE_BENCH_CLOCK_FACTOR'] ?? 10);
const BASE_URL = 'https://acme.zendesk.com';
const EXPORT_PATH = '/api/v2/incremental/tickets/cursor';
/** The checkpoint stream the sync saves the recent ticket pages under ('tickets:history' for older ones). */
const RECENT_TICKET_STREAM = 'tickets';
/** Zendesk's incremental export: requests per sliding minute, tickets per page. */
const EXPORT_PER_MINUTE = 10;
const PAGE_TICKETS = 1000;
const WINDOW_MS = 60_000;
const CEILING_TICKETS_PER_MINUTE = EXPORT_PER_MINUTE * PAGE_TICKETS;
const BOUND = 0.95;

/** One export request as the simulator saw it arrive. */
interface Arrival {
  /** Simulated epoch ms. */
  readonly at: number;
  /** Real ms (performance.now()). */
  readonly real: number;
  /** Real ms the simulator took to answer it; null until answered. */
  handledMs: number | null;
}

/** One page saved by the sync. */
interface SavedPage {
  readonly stream: string;
  readonly tickets: number;
  /** Real ms when the save began and ended. */
  readonly began: number;
  readonly ended: number;
}

const round = (value: number, digits = 0): number => Math.round(value * 10 ** digits) / 10 ** digits;
const mean = (values: readonly number[]): number =>
  values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;

/** Backfills 50,000 recent tickets at Zendesk's export limit and compares the time to the limit's floor. */
export async function benchBackfillThroughput(): Promise<BenchResult> {
  const start = Date.now();
  const clock = scaledClock(CLOCK_FACTOR, start);
  const history = generateHistory({ seed: 17, tickets: TICKETS, days: DAYS, now: start - 2 * 60_000 });
  const account = createSimulatedAccount({ vendor: 'zendesk', history, clock });
  const server = setupServer(...createZendeskHandlers(account, { baseUrl: BASE_URL }));
  const arrivals: Arrival[] = [];
  const byRequestId = new Map<string, Arrival>();
  server.events.on('request:start', ({ request, requestId }) => {
    if (!new URL(request.url).pathname.startsWith(EXPORT_PATH)) return;
    const arrival: Arrival = { at: clock.now(), real: performance.now(), handledMs: null };
    arrivals.push(arrival);
    byRequestId.set(requestId, arrival);
  });
  server.events.on('response:mocked', ({ requestId }) => {
    const arrival = byRequestId.get(requestId);
    if (arrival !== undefined) arrival.handledMs = performance.now() - arrival.real;
  });
  server.listen({ onUnhandledRequest: 'error' });

  let opened: PostgresTenant | null = null;
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
    const { store, tenant, schemaUrl } = opened;
    // Waits of a second or more: shorter "waits" are the clock moving while the budget decides.
    let rateLimitWaitMs = 0;
    let rateLimitWaits = 0;
    const vendorClient = createVendorClient(tenant, {
      clock,
      log: silentLogger,
      observer: {
        onRateLimitWait: (ms) => {
          if (ms < 1000) return;
          rateLimitWaitMs += ms;
          rateLimitWaits++;
        },
      },
    });
    // Real time of fetching each ticket page: rate-limit wait, request, parse, normalize.
    const fetchMs: number[] = [];
    const client: VendorClient = {
      ...vendorClient,
      ticketsChangedSince: async (from) => {
        const began = performance.now();
        const page = await vendorClient.ticketsChangedSince(from);
        fetchMs.push(performance.now() - began);
        return page;
      },
    };
    const saved: SavedPage[] = [];
    const timedStore = recordSaves(store, saved);
    const realStart = performance.now();
    const outcome = await syncTenant(tenant, { store: timedStore, client, surveys: null, clock });
    const realSeconds = (performance.now() - realStart) / 1000;
    if (!outcome.caughtUp) throw new Error(`the sync stopped at ${outcome.lastStep} without catching up`);

    // Ticket pages come one at a time, the recent stream's before the older history's; with no
    // faults, each export request is one saved page.
    const ticketSaves = saved.filter((s) => s.stream.startsWith('tickets'));
    const recentSaves = ticketSaves.filter((s) => s.stream === RECENT_TICKET_STREAM);
    if (arrivals.length !== ticketSaves.length)
      throw new Error(`${arrivals.length} export requests for ${ticketSaves.length} ticket pages (retries?)`);
    if (!ticketSaves.slice(0, recentSaves.length).every((s) => s.stream === RECENT_TICKET_STREAM))
      throw new Error('older-history ticket pages came before the recent ones ended');
    const pages = arrivals.slice(0, recentSaves.length);
    const recentTickets = recentSaves.reduce((sum, s) => sum + s.tickets, 0);
    const first = pages[0];
    const last = pages.at(-1);
    if (first === undefined || last === undefined) throw new Error('the recent pass requested no export page');
    const achievedMs = last.at - first.at;
    const windows = Math.ceil(pages.length / EXPORT_PER_MINUTE);
    const floorMs = (windows - 1) * WINDOW_MS;
    const ratio = achievedMs > 0 ? floorMs / achievedMs : floorMs === 0 ? 1 : 0;

    // Where the time beyond the floor goes. Each window starts a little over a minute after the
    // previous one (the client counts a request until a minute after its answer). Inside a
    // window the pages follow one another, each after the previous one was fetched and saved;
    // the first window's spacing is the sync's own pace, and each later request waits for its
    // counterpart of the window before to leave the sliding minute, so every window replays it.
    const windowStarts = pages.filter((_, i) => i % EXPORT_PER_MINUTE === 0);
    const windowGaps = windowStarts.slice(1).map((w, i) => w.at - windowStarts[i]!.at);
    const span = (window: readonly Arrival[]): number => window.at(-1)!.at - window[0]!.at;
    const firstWindow = pages.slice(0, EXPORT_PER_MINUTE);
    const lastWindow = pages.slice((windows - 1) * EXPORT_PER_MINUTE);
    // Real ms of one page inside the first window (no rate-limit wait there): request to
    // request, and its parts: fetch (request, answer, parse, normalize), save, save to next request.
    const cycle: number[] = [];
    const fetchInWindow: number[] = [];
    const saveToRequest: number[] = [];
    for (let i = 1; i < firstWindow.length; i++) {
      cycle.push(pages[i]!.real - pages[i - 1]!.real);
      fetchInWindow.push(fetchMs[i] ?? NaN);
      saveToRequest.push(pages[i]!.real - recentSaves[i - 1]!.ended);
    }
    const stats = account.stats();
    const storedTickets = await countTickets(schemaUrl);
    return {
      name: 'test: Zendesk backfill throughput at the export limit (10 requests/min, 1,000 tickets a page)',
      figures: {
        clock_factor: CLOCK_FACTOR,
        pages: pages.length,
        tickets: recentTickets,
        stored_tickets: storedTickets,
        simulated_seconds: round(achievedMs / 1000, 1),
        floor_seconds: floorMs / 1000,
        tickets_per_simulated_minute: achievedMs > 0 ? Math.round(recentTickets / (achievedMs / WINDOW_MS)) : 0,
        // The same tickets over the floor's time (at the floor, the last window's pages take no time).
        tickets_per_simulated_minute_at_floor: floorMs > 0 ? Math.round(recentTickets / (floorMs / WINDOW_MS)) : 0,
        ceiling_tickets_per_minute: CEILING_TICKETS_PER_MINUTE,
        window_start_gap_seconds_mean: round(mean(windowGaps) / 1000, 2),
        window_start_gap_seconds_max: round(Math.max(...windowGaps) / 1000, 2),
        first_window_seconds: round(span(firstWindow) / 1000, 2),
        last_window_seconds: round(span(lastWindow) / 1000, 2),
        real_ms_page_cycle: round(mean(cycle), 1),
        real_ms_fetch_page: round(mean(fetchInWindow), 1),
        real_ms_simulator_answer: round(mean(firstWindow.slice(1).map((p) => p.handledMs ?? NaN)), 1),
        real_ms_save_page: round(mean(recentSaves.slice(0, firstWindow.length - 1).map((s) => s.ended - s.began)), 1),
        real_ms_saved_to_next_request: round(mean(saveToRequest), 1),
        rate_limit_waits_over_1s: rateLimitWaits,
        rate_limit_wait_simulated_seconds: round(rateLimitWaitMs / 1000, 1),
        export_requests_total: stats.byRoute['zendesk.incremental-tickets']?.requests ?? 0,
        requests_total: stats.requests,
        sync_real_seconds: round(realSeconds, 1),
        overLimitRequests: stats.overLimitRequests,
        rateLimited: stats.rateLimited,
      },
      bound: `>= ${BOUND} of the export ceiling: (ceil(N/10) - 1) * 60 s for N pages, no request refused`,
      ratio: round(ratio, 3),
      pass: ratio >= BOUND && stats.overLimitRequests === 0 && stats.rateLimited === 0,
    };
  } finally {
    server.close();
    await account.stop();
    await opened?.close();
  }
}

/** The store, recording every `savePage` (stream, tickets, real times); everything else as it is. */
function recordSaves(store: SyncStore, saved: SavedPage[]): SyncStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'savePage') {
        return async (...args: Parameters<SyncStore['savePage']>) => {
          const began = performance.now();
          await target.savePage(...args);
          saved.push({ stream: args[1], tickets: args[2].tickets?.length ?? 0, began, ended: performance.now() });
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function countTickets(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>('SELECT count(*) AS count FROM tickets');
    return Number(rows[0]?.count ?? 0);
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchBackfillThroughput()));
}
