/**
 * The conformance suite every `VendorClient` passes, run by each vendor's `client.test.ts` with
 * msw handlers that speak that vendor's wire format. The suite owns the scenarios (faults,
 * exhausted budgets, resumes); the vendor supplies handlers for a fake account of numbered
 * tickets ("1".."n", changed in that order), ratings and agents, and of one ticket with a rating on
 * it for refreshes. Not a test file itself.
 */
import type { HttpHandler } from 'msw';
import { delay, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import type { RetryPolicy } from './http/backoff.js';
import type { HttpObserver } from './http/http-observer.js';
import { createInstantClock, type InstantClock } from './http/instant-clock.js';
import { VendorAuthError } from './vendor-auth-error.js';
import type { StreamStart, SyncedTicket, TicketPage, VendorClient } from './vendor-client.js';
import { VendorUnavailableError } from './vendor-unavailable-error.js';

/** The test clock starts here; the fake accounts' history lies before it. */
export const CONTRACT_NOW = Date.parse('2026-03-01T00:00:00Z');

/** One request as a fake vendor received it. */
export interface Arrival {
  /** 0 for the first request to the handler, counting every retry. */
  readonly index: number;
  /** The clock's time on arrival. */
  readonly time: number;
  readonly url: URL;
}

/** A fault answers instead of the fake vendor (a `Response`), or adds headers to its normal answer. */
export type FaultAnswer = Response | { readonly headers: Readonly<Record<string, string>> };
export type Fault = (arrival: Arrival) => FaultAnswer | undefined | Promise<FaultAnswer | undefined>;

/** What a fake endpoint serves, and on which clock it times arrivals. */
export interface Scenario {
  readonly count: number;
  readonly pageSize: number;
  readonly clock: Clock;
  readonly fault?: Fault;
}

/** One ticket with (or without) an answered rating on it, for the single-ticket endpoints. */
export interface RefreshScenario {
  readonly ticketId: string;
  readonly rating: { readonly id: string; readonly positive: boolean; readonly comment: string | null } | null;
  readonly clock: Clock;
  /** Answers instead of the fake vendor when the rating is read. */
  readonly ratingFault?: Fault;
}

export interface ContractClientOptions {
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly retry: Partial<RetryPolicy>;
  readonly observer: HttpObserver;
}

/** What a vendor gives the suite: a client factory and handlers of its wire format. */
export interface VendorClientSetup {
  /** Listening for the whole file (see {@link serveDuringTests}); the suite adds handlers per test. */
  readonly server: SetupServer;
  readonly tenant: string;
  /** Every credential the client holds, in each form it sends them; no error may contain one. */
  readonly secrets: readonly string[];
  /** The path pattern of the ticket stream, as errors name it. */
  readonly ticketsEndpoint: string;
  createClient(options: ContractClientOptions): VendorClient;
  ticketHandlers(scenario: Scenario): HttpHandler[];
  ratingHandlers(scenario: Scenario): HttpHandler[];
  agentHandlers(scenario: Scenario): HttpHandler[];
  /** Serves one ticket and its rating on the endpoints `ticket()` reads. */
  refreshHandlers(scenario: RefreshScenario): HttpHandler[];
  /** Answers the single-ticket endpoints with the vendor's 404. */
  missingTicketHandlers(): HttpHandler[];
  /** Headers of an answer after which the vendor refuses requests for `waitMs`. */
  readonly exhausted: { readonly headers: Readonly<Record<string, string>>; readonly waitMs: number };
}

/** Listens with `onUnhandledRequest: 'error'` for the file's tests, dropping per-test handlers after each. */
export function serveDuringTests(server: SetupServer): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

/**
 * Answers one request of a fake endpoint: the scenario's fault when it has one for this arrival,
 * else `normal` (with the fault's extra headers).
 */
export async function answer(
  scenario: Scenario,
  index: number,
  request: Request,
  normal: (extraHeaders: Readonly<Record<string, string>>) => Response,
): Promise<Response> {
  const arrival = { index, time: scenario.clock.now(), url: new URL(request.url) };
  const fault = await scenario.fault?.(arrival);
  if (fault instanceof Response) return fault;
  return normal(fault?.headers ?? {});
}

/** `base` with `extra` laid over it, names compared case-insensitively as HTTP does. */
export function withHeaders(base: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>>): Headers {
  const headers = new Headers(base);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return headers;
}

/** Half of each backoff ceiling: 500, 1000, 2000... ms. */
const FIXED_JITTER: Partial<RetryPolicy> = { random: () => 0.5 };

interface Harness {
  readonly clock: InstantClock;
  readonly client: VendorClient;
  readonly rateLimitWaits: number[];
}

async function drain(client: VendorClient, start: StreamStart, maxPages = 50): Promise<TicketPage[]> {
  const pages: TicketPage[] = [];
  let next = start;
  for (let i = 0; i < maxPages; i++) {
    const page = await client.ticketsChangedSince(next);
    pages.push(page);
    if (page.done) return pages;
    next = { cursor: page.cursor };
  }
  throw new Error(`the ticket stream was not done after ${maxPages} pages`);
}

const ids = (pages: readonly TicketPage[]): string[] =>
  pages.flatMap((p) => p.items.map((t: SyncedTicket) => t.ticket.id));
const numbered = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** Runs the conformance suite against one vendor's client. */
export function describeVendorClient(name: string, setup: VendorClientSetup): void {
  const harness = (timeoutMs = 5_000): Harness => {
    const clock = createInstantClock(CONTRACT_NOW);
    const rateLimitWaits: number[] = [];
    const client = setup.createClient({
      clock,
      timeoutMs,
      retry: FIXED_JITTER,
      observer: { onRateLimitWait: (ms) => rateLimitWaits.push(ms) },
    });
    return { clock, client, rateLimitWaits };
  };

  /** Serves `count` tickets two a page, recording when each request arrived and letting `fault` answer instead. */
  const serveTickets = (clock: Clock, count: number, fault?: Fault): Arrival[] => {
    const arrivals: Arrival[] = [];
    setup.server.use(
      ...setup.ticketHandlers({
        count,
        pageSize: 2,
        clock,
        fault: (arrival) => {
          arrivals.push(arrival);
          return fault?.(arrival);
        },
      }),
    );
    return arrivals;
  };

  describe(`${name} client (VendorClient contract)`, () => {
    it('pages through every changed ticket, oldest change first, and says when it is done', async () => {
      const { clock, client } = harness();
      serveTickets(clock, 5);
      const pages = await drain(client, { since: 0 });
      expect(ids(pages)).toEqual(numbered(1, 5));
      expect(pages.map((p) => p.done)).toEqual([false, false, true]);
      const times = pages.flatMap((p) => p.items.map((t) => t.updatedAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(pages.map((p) => p.reachedTime)).toEqual(pages.map((p) => p.items.at(-1)?.updatedAt ?? null));
    });

    it('resumes from a page cursor with the rest of the tickets, each once', async () => {
      const first = harness();
      serveTickets(first.clock, 7);
      const page = await first.client.ticketsChangedSince({ since: 0 });
      expect(ids([page])).toEqual(['1', '2']);

      // A new client (a restarted worker) resumes from the stored cursor alone.
      const second = harness();
      const rest = await drain(second.client, { cursor: page.cursor });
      expect(ids(rest)).toEqual(numbered(3, 7));
    });

    it('waits the Retry-After of a 429 on the clock, then gets the page', async () => {
      const { clock, client, rateLimitWaits } = harness();
      const arrivals = serveTickets(clock, 2, ({ index }) =>
        index === 0
          ? new HttpResponse('Too Many Requests', { status: 429, headers: { 'Retry-After': '30' } })
          : undefined,
      );
      const page = await client.ticketsChangedSince({ since: 0 });
      expect(ids([page])).toEqual(['1', '2']);
      expect(arrivals.map((a) => a.time - CONTRACT_NOW)).toEqual([0, 30_000]);
      expect(rateLimitWaits).toEqual([30_000]);
    });

    it('sends nothing after the headers said no requests remain, until the window resets', async () => {
      const { clock, client, rateLimitWaits } = harness();
      const early: Arrival[] = [];
      let exhaustedAt: number | null = null;
      const arrivals = serveTickets(clock, 4, (arrival) => {
        if (arrival.index === 0) {
          exhaustedAt = arrival.time;
          return { headers: setup.exhausted.headers };
        }
        if (exhaustedAt !== null && arrival.time < exhaustedAt + setup.exhausted.waitMs) {
          early.push(arrival);
          return new HttpResponse(null, { status: 429, headers: { 'Retry-After': '60' } });
        }
        return undefined;
      });
      const pages = await drain(client, { since: 0 });
      expect(early).toEqual([]);
      expect(ids(pages)).toEqual(numbered(1, 4));
      expect(arrivals[1]!.time - arrivals[0]!.time).toBeGreaterThanOrEqual(setup.exhausted.waitMs);
      expect(rateLimitWaits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(setup.exhausted.waitMs);
    });

    it('retries 500, 502, 503, a timeout and truncated JSON with growing backoff, then gets the page', async () => {
      const { clock, client } = harness(100);
      const arrivals = serveTickets(clock, 2, async ({ index }) => {
        if (index <= 2) return HttpResponse.json({ error: 'oops' }, { status: [500, 502, 503][index]! });
        if (index === 3) {
          await delay(400); // past the client's 100 ms timeout
          return undefined;
        }
        if (index === 4)
          return new HttpResponse('{"tickets": [{"id": 1,', { headers: { 'Content-Type': 'application/json' } });
        return undefined;
      });
      const page = await client.ticketsChangedSince({ since: 0 });
      expect(ids([page])).toEqual(['1', '2']);
      const gaps = arrivals.slice(1).map((a, i) => a.time - arrivals[i]!.time);
      expect(gaps).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
    });

    it('gives up after 8 attempts with a VendorUnavailableError naming the tenant, endpoint and last status', async () => {
      const { clock, client } = harness();
      const arrivals = serveTickets(clock, 2, () => HttpResponse.json({ error: 'down' }, { status: 503 }));
      const error = await rejection(client.ticketsChangedSince({ since: 0 }));
      expect(error).toBeInstanceOf(VendorUnavailableError);
      const { message } = error as VendorUnavailableError;
      expect(message).toContain(setup.tenant);
      expect(message).toContain(setup.ticketsEndpoint);
      expect(message).toContain('HTTP 503');
      expect(arrivals).toHaveLength(8);
    });

    it('stops at a 401 with a VendorAuthError that names the tenant and holds no secret', async () => {
      const { clock, client } = harness();
      const arrivals = serveTickets(clock, 2, () =>
        HttpResponse.json({ error: "Couldn't authenticate you" }, { status: 401 }),
      );
      const error = await rejection(client.ticketsChangedSince({ since: 0 }));
      expect(error).toBeInstanceOf(VendorAuthError);
      const auth = error as VendorAuthError;
      expect(auth.message).toContain(`token revoked or wrong for ${setup.tenant}`);
      const everything = JSON.stringify({
        ...auth,
        message: auth.message,
        stack: auth.stack,
        cause: String(auth.cause),
      });
      for (const secret of setup.secrets) expect(everything).not.toContain(secret);
      expect(arrivals).toHaveLength(1);
    });

    it('refreshes one ticket with the rating on it', async () => {
      const { clock, client } = harness();
      const rating = { id: '70', positive: false, comment: 'Too slow' };
      setup.server.use(...setup.refreshHandlers({ ticketId: '7', rating, clock }));
      const refreshed = await client.ticket('7');
      expect(refreshed?.synced.ticket.id).toBe('7');
      // Where reply counts take calls of their own, the refresh leaves them to `replies`.
      expect(refreshed?.synced.repliesKnown).toBe(!client.needsReplyCounts);
      expect(refreshed?.ratings).toEqual([
        expect.objectContaining({ id: '70', ticketId: '7', answered: true, positive: false, comment: 'Too slow' }),
      ]);
    });

    it('refreshes a ticket nobody rated with no ratings', async () => {
      const { clock, client } = harness();
      setup.server.use(...setup.refreshHandlers({ ticketId: '8', rating: null, clock }));
      const refreshed = await client.ticket('8');
      expect(refreshed?.synced.ticket.id).toBe('8');
      expect(refreshed?.ratings).toEqual([]);
    });

    it("reads a refreshed ticket's rating within the rate limits: waits a 429's Retry-After", async () => {
      const { clock, client, rateLimitWaits } = harness();
      const arrivals: Arrival[] = [];
      const rating = { id: '70', positive: true, comment: null };
      setup.server.use(
        ...setup.refreshHandlers({
          ticketId: '7',
          rating,
          clock,
          ratingFault: (arrival) => {
            arrivals.push(arrival);
            return arrival.index === 0
              ? new HttpResponse('Too Many Requests', { status: 429, headers: { 'Retry-After': '30' } })
              : undefined;
          },
        }),
      );
      const refreshed = await client.ticket('7');
      expect(refreshed?.ratings.map((r) => [r.id, r.positive])).toEqual([['70', true]]);
      expect(arrivals.map((a) => a.time - arrivals[0]!.time)).toEqual([0, 30_000]);
      expect(rateLimitWaits).toEqual([30_000]);
    });

    it('resolves a ticket that no longer exists (404) to null', async () => {
      const { client } = harness();
      setup.server.use(...setup.missingTicketHandlers());
      await expect(client.ticket('404404')).resolves.toBeNull();
    });

    it('pages through the ratings until done', async () => {
      const { clock, client } = harness();
      setup.server.use(...setup.ratingHandlers({ count: 5, pageSize: 2, clock }));
      const found: string[] = [];
      let start: StreamStart = { since: 0 };
      for (let i = 0; i < 10; i++) {
        const page = await client.ratingsSince(start);
        found.push(...page.items.map((r) => r.id));
        if (page.done) break;
        start = { cursor: page.cursor };
      }
      expect(found).toEqual(numbered(1, 5));
    });

    it('lists every agent across pages', async () => {
      const { clock, client } = harness();
      setup.server.use(...setup.agentHandlers({ count: 5, pageSize: 2, clock }));
      const agents = await client.agents();
      expect(agents.map((a) => a.id)).toEqual(numbered(1, 5));
    });
  });
}
