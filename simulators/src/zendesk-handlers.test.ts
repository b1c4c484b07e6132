import { describe, expect, it } from 'vitest';
import {
  normalizeZendeskRatingPage,
  normalizeZendeskShownRating,
  normalizeZendeskShownTicket,
  normalizeZendeskTicketPage,
} from '@frontline/connector/vendors/zendesk';
import { createSimulatedAccount } from './account.js';
import { generateHistory } from './history.js';
import { createManualClock } from './manual-clock.js';
import { AUTH, call, json } from './test-support.js';
import type { ZendeskRatingJson, ZendeskTicketJson, ZendeskUserJson } from './zendesk-format.js';
import { createZendeskHandlers } from './zendesk-handlers.js';

const NOW = Date.UTC(2026, 2, 1);
const BASE = 'https://acme.zendesk.com';

interface ExportPage {
  tickets: ZendeskTicketJson[];
  metric_sets?: { ticket_id: number }[];
  users?: ZendeskUserJson[];
  after_cursor: string;
  after_url: string;
  end_of_stream: boolean;
}

function setup(tickets = 400, rateLimits?: { incrementalPerMinute?: number; perMinute?: number }) {
  const history = generateHistory({ seed: 7, tickets, days: 60, now: NOW });
  // Two minutes after the history, so the export's one-minute lag hides nothing of it.
  const clock = createManualClock(NOW + 120_000);
  const account = createSimulatedAccount({
    vendor: 'zendesk',
    history,
    clock,
    rateLimits: { incrementalPerMinute: 1000, ...rateLimits },
  });
  const handlers = createZendeskHandlers(account, { baseUrl: BASE });
  return { account, clock, handlers };
}

async function exportAll(
  handlers: ReturnType<typeof setup>['handlers'],
  firstUrl: string,
  between?: (pagesSoFar: readonly ExportPage[]) => Promise<void>,
): Promise<{ pages: ExportPage[] }> {
  const pages: ExportPage[] = [];
  let url = firstUrl;
  for (;;) {
    const response = await call(handlers, url, AUTH.zendesk);
    expect(response.status).toBe(200);
    const page = await json<ExportPage>(response);
    pages.push(page);
    if (page.end_of_stream) return { pages };
    await between?.(pages);
    url = page.after_url;
  }
}

describe('Zendesk incremental cursor export', () => {
  it('returns every ticket exactly once when paged to the end, with metric sets and users', async () => {
    const { account, handlers } = setup();
    const { pages } = await exportAll(
      handlers,
      `${BASE}/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=100&include=metric_sets,users`,
    );
    const ids = pages.flatMap((p) => p.tickets.map((t) => t.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort((a, b) => a - b)).toEqual(account.truth(BASE).tickets.map((t) => t.id));
    for (const page of pages) {
      const times = page.tickets.map((t) => t.generated_timestamp);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(page.tickets.length).toBeLessThanOrEqual(100);
      const live = page.tickets.filter((t) => t.status !== 'deleted').map((t) => t.id);
      expect(page.metric_sets?.map((m) => m.ticket_id).sort()).toEqual(live.sort());
      // The connector's normalizer reads every page.
      const normalized = normalizeZendeskTicketPage(page);
      expect(normalized.tickets).toHaveLength(page.tickets.length);
    }
    const lastPage = pages[pages.length - 1]!;
    expect(lastPage.after_cursor).toBeTruthy();
  });

  it('defaults to pages of 1000 and clamps larger per_page', async () => {
    const { handlers } = setup(2500);
    const page = await json<ExportPage>(
      await call(handlers, `${BASE}/api/v2/incremental/tickets/cursor?start_time=0&per_page=5000`, AUTH.zendesk),
    );
    expect(page.tickets).toHaveLength(1000);
    expect(page.end_of_stream).toBe(false);
  });

  it('shows tickets changed during paging again later in the stream, and skips none', async () => {
    const { account, clock, handlers } = setup();
    const truthBefore = account.truth(BASE).tickets;
    let seenEarly: ZendeskTicketJson | undefined;
    let untouchedLater: number | undefined;
    let added = 0;
    const { pages } = await exportAll(
      handlers,
      `${BASE}/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=50`,
      async (pagesSoFar) => {
        if (pagesSoFar.length !== 2) return;
        // Change a ticket already delivered and one not yet delivered, and add one.
        const delivered = new Set(pagesSoFar.flatMap((p) => p.tickets.map((t) => t.id)));
        seenEarly = pagesSoFar[0]!.tickets.find((t) => t.status === 'open' || t.status === 'pending');
        untouchedLater = truthBefore.find(
          (t) => !delivered.has(t.id) && (t.status === 'open' || t.status === 'pending'),
        )?.id;
        account.updateTicket(seenEarly!.id, { kind: 'note' });
        account.updateTicket(untouchedLater!, { kind: 'reply' });
        added = account.addTicket();
        // Changes become visible once they are older than the export's one-minute lag.
        await clock.advance(61_000);
      },
    );
    const occurrences = new Map<number, ZendeskTicketJson[]>();
    for (const ticket of pages.flatMap((p) => p.tickets))
      occurrences.set(ticket.id, [...(occurrences.get(ticket.id) ?? []), ticket]);
    expect(occurrences.get(seenEarly!.id)).toHaveLength(2);
    expect(occurrences.get(seenEarly!.id)![1]!.updated_at > seenEarly!.updated_at).toBe(true);
    expect(occurrences.get(untouchedLater!)).toHaveLength(1);
    expect(occurrences.get(added)).toHaveLength(1);
    const latest = new Map([...occurrences].map(([id, list]) => [id, list[list.length - 1]!]));
    for (const ticket of account.truth(BASE).tickets) expect(latest.get(ticket.id)?.updated_at).toBe(ticket.updated_at);
  });

  it('resumes from the last cursor and returns only what changed since', async () => {
    const { account, clock, handlers } = setup(200);
    const { pages } = await exportAll(handlers, `${BASE}/api/v2/incremental/tickets/cursor.json?start_time=0`);
    const cursor = pages[pages.length - 1]!.after_cursor;
    const id = account.addTicket();
    let page = await json<ExportPage>(
      await call(
        handlers,
        `${BASE}/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(cursor)}`,
        AUTH.zendesk,
      ),
    );
    expect(page.tickets).toHaveLength(0);
    expect(page.end_of_stream).toBe(true);
    await clock.advance(60_000);
    page = await json<ExportPage>(
      await call(
        handlers,
        `${BASE}/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(page.after_cursor)}`,
        AUTH.zendesk,
      ),
    );
    expect(page.tickets.map((t) => t.id)).toEqual([id]);
    expect(page.tickets[0]!.generated_timestamp).toBe(Math.floor((NOW + 120_000) / 1000));
  });

  it('refuses a start_time less than a minute old and a malformed cursor', async () => {
    const { clock, handlers } = setup(10);
    const recent = Math.floor(clock.now() / 1000) - 30;
    const tooRecent = await call(
      handlers,
      `${BASE}/api/v2/incremental/tickets/cursor.json?start_time=${recent}`,
      AUTH.zendesk,
    );
    expect(tooRecent.status).toBe(400);
    expect(await tooRecent.json()).toMatchObject({ error: 'InvalidValue' });
    const badCursor = await call(
      handlers,
      `${BASE}/api/v2/incremental/tickets/cursor.json?cursor=nonsense`,
      AUTH.zendesk,
    );
    expect(badCursor.status).toBe(400);
  });
});

describe('Zendesk rate limits', () => {
  async function exportOnce(handlers: ReturnType<typeof setup>['handlers']): Promise<Response> {
    return call(handlers, `${BASE}/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=10`, AUTH.zendesk);
  }

  it('answers the 11th export request in a minute with 429 and a Retry-After that, when waited, succeeds', async () => {
    const { account, clock, handlers } = setup(50, { incrementalPerMinute: 10 });
    for (let i = 0; i < 10; i++) {
      await clock.advance(1000);
      expect((await exportOnce(handlers)).status).toBe(200);
    }
    const refused = await exportOnce(handlers);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    // The first request was at +1 s, so the window frees 60 s after it: 50 s from now.
    expect(retryAfter).toBe(51);
    expect(refused.headers.get('x-rate-limit')).toBe('700');
    expect(await refused.json()).toMatchObject({ error: 'APIRateLimitExceeded' });
    await clock.advance(retryAfter * 1000);
    expect((await exportOnce(handlers)).status).toBe(200);
    const stats = account.stats();
    expect(stats.tooManyRequests).toBe(1);
    expect(stats.overLimitRequests).toBe(0);
    expect(stats.byRoute['zendesk.incremental-tickets']?.requests).toBe(12);
  });

  it('counts requests made before the Retry-After has passed as over the limit', async () => {
    const { account, clock, handlers } = setup(50, { incrementalPerMinute: 10 });
    for (let i = 0; i < 10; i++) await exportOnce(handlers);
    expect((await exportOnce(handlers)).status).toBe(429);
    await clock.advance(5_000);
    expect((await exportOnce(handlers)).status).toBe(429);
    expect((await exportOnce(handlers)).status).toBe(429);
    expect(account.stats()).toMatchObject({ tooManyRequests: 3, overLimitRequests: 2, rateLimited: 3 });
    // Other endpoints have their own room: the incremental limit does not block them.
    expect((await call(handlers, `${BASE}/api/v2/users?page[size]=10`, AUTH.zendesk)).status).toBe(200);
    expect(account.stats().overLimitRequests).toBe(2);
  });

  it('sends X-Rate-Limit headers and enforces the plan limit per minute', async () => {
    const { account, handlers } = setup(20, { perMinute: 5 });
    for (let i = 0; i < 5; i++) {
      const ok = await call(handlers, `${BASE}/api/v2/users`, AUTH.zendesk);
      expect(ok.headers.get('x-rate-limit')).toBe('5');
      expect(ok.headers.get('x-rate-limit-remaining')).toBe(String(4 - i));
    }
    const refused = await call(handlers, `${BASE}/api/v2/satisfaction_ratings`, AUTH.zendesk);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBe(60);
    expect(account.stats().overLimitRequests).toBe(0);
  });
});

describe('Zendesk lists, single ticket and auth', () => {
  it('pages satisfaction ratings with cursors, oldest first, filtered by start_time', async () => {
    const { account, handlers } = setup(1500);
    const all: ZendeskRatingJson[] = [];
    let url: string | null = `${BASE}/api/v2/satisfaction_ratings.json?page[size]=100`;
    while (url !== null) {
      const page: {
        satisfaction_ratings: ZendeskRatingJson[];
        meta: { has_more: boolean };
        links: { next: string | null };
      } = await json(await call(handlers, url, AUTH.zendesk));
      all.push(...page.satisfaction_ratings);
      normalizeZendeskRatingPage(page);
      url = page.meta.has_more ? page.links.next : null;
    }
    const truth = account.truth(BASE).satisfactionRatings;
    expect(all).toEqual(truth);
    expect(new Set(all.map((r) => r.score))).toEqual(new Set(['good', 'bad', 'offered']));
    const middle = all[Math.floor(all.length / 2)]!;
    const since = Math.floor(Date.parse(middle.created_at) / 1000);
    const filtered: { satisfaction_ratings: ZendeskRatingJson[] } = await json(
      await call(handlers, `${BASE}/api/v2/satisfaction_ratings?start_time=${since}&page[size]=100`, AUTH.zendesk),
    );
    expect(filtered.satisfaction_ratings.every((r) => Date.parse(r.created_at) / 1000 >= since)).toBe(true);
    const bad = await call(handlers, `${BASE}/api/v2/satisfaction_ratings?page[size]=101`, AUTH.zendesk);
    expect(bad.status).toBe(400);
  });

  it('lists users by role with cursor pagination', async () => {
    const { account, handlers } = setup(100);
    const agents: { users: ZendeskUserJson[]; meta: { has_more: boolean } } = await json(
      await call(handlers, `${BASE}/api/v2/users?role[]=agent&role[]=admin&page[size]=100`, AUTH.zendesk),
    );
    expect(agents.users.map((u) => u.id)).toEqual(account.history.agents.map((a) => a.id));
    expect(agents.meta.has_more).toBe(false);
    const endUsers: { users: ZendeskUserJson[]; meta: { has_more: boolean } } = await json(
      await call(handlers, `${BASE}/api/v2/users?role=end-user&page[size]=25`, AUTH.zendesk),
    );
    expect(endUsers.users).toHaveLength(25);
    expect(endUsers.users.every((u) => u.role === 'end-user')).toBe(true);
    expect(endUsers.meta.has_more).toBe(true);
  });

  it('shows one ticket with its metric set, and 404 for an unknown one', async () => {
    const { handlers } = setup(30);
    const found: { ticket: ZendeskTicketJson; metric_sets: { ticket_id: number }[] } = await json(
      await call(handlers, `${BASE}/api/v2/tickets/3.json?include=metric_sets`, AUTH.zendesk),
    );
    expect(found.ticket.id).toBe(3);
    expect(found.metric_sets[0]?.ticket_id).toBe(3);
    const missing = await call(handlers, `${BASE}/api/v2/tickets/999`, AUTH.zendesk);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'RecordNotFound', description: 'Not found' });
  });

  it('shows the rating record a ticket names by id, as it changes, and 404 for an unknown id', async () => {
    const { account, handlers } = setup(60);
    const id = account.addTicket();
    account.updateTicket(id, { kind: 'solve' });
    const unrated: { ticket: ZendeskTicketJson } = await json(
      await call(handlers, `${BASE}/api/v2/tickets/${id}.json`, AUTH.zendesk),
    );
    expect(unrated.ticket.satisfaction_rating).toEqual({ score: 'unoffered' });
    expect(normalizeZendeskShownTicket(unrated).ratingId).toBeNull();

    account.updateTicket(id, { kind: 'rate', score: 'bad', comment: 'Nobody called back' });
    const rated: { ticket: ZendeskTicketJson } = await json(
      await call(handlers, `${BASE}/api/v2/tickets/${id}.json?include=metric_sets,users`, AUTH.zendesk),
    );
    const ratingId = normalizeZendeskShownTicket(rated).ratingId;
    expect(ratingId).toBe(String(rated.ticket.satisfaction_rating.id));
    const response = await call(handlers, `${BASE}/api/v2/satisfaction_ratings/${ratingId}.json`, AUTH.zendesk);
    expect(response.status).toBe(200);
    const shown: { satisfaction_rating: ZendeskRatingJson } = await json(response);
    expect(shown.satisfaction_rating).toEqual(
      account.truth(BASE).satisfactionRatings.find((r) => r.id === Number(ratingId)),
    );
    expect(normalizeZendeskShownRating(shown)).toMatchObject({
      ticketId: String(id),
      answered: true,
      positive: false,
      comment: 'Nobody called back',
    });

    const missing = await call(handlers, `${BASE}/api/v2/satisfaction_ratings/123`, AUTH.zendesk);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'RecordNotFound', description: 'Not found' });
    // It counts against the account's limit like every other endpoint.
    expect(account.stats().byRoute['zendesk.show-satisfaction-rating']?.requests).toBe(2);
    expect(response.headers.get('x-rate-limit')).toBe('700');
  });

  it('answers /users/me with the user the credentials sign in as, and the anonymous user without any', async () => {
    const { account, handlers } = setup(10);
    const me = await call(handlers, `${BASE}/api/v2/users/me.json`, AUTH.zendesk);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      user: { id: 10_000, name: 'Account Owner', email: 'admin@acme.example', role: 'admin', role_type: 4 },
    });
    expect(
      (await json<{ user: ZendeskUserJson }>(await call(handlers, `${BASE}/api/v2/users/me`, AUTH.zendeskBearer))).user
        .role,
    ).toBe('admin');
    const anonymous = await call(handlers, `${BASE}/api/v2/users/me.json`, null);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toMatchObject({ user: { id: null, name: 'Anonymous user', role: 'end-user' } });
    const wrong = await call(
      handlers,
      `${BASE}/api/v2/users/me.json`,
      `Basic ${Buffer.from('admin@acme.example/token:wrong').toString('base64')}`,
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: "Couldn't authenticate you" });
    expect(account.stats().byRoute['zendesk.users-me']?.requests).toBe(4);
  });

  it("answers an agent's credentials as that agent, and lets an end-user's reach /users/me only", async () => {
    const history = generateHistory({ seed: 7, tickets: 10, days: 60, now: NOW });
    const account = createSimulatedAccount({ vendor: 'zendesk', history, clock: createManualClock(NOW + 120_000) });
    const bob = history.agents[1]!;
    const asBob = createZendeskHandlers(account, {
      baseUrl: BASE,
      credentials: { email: bob.email, apiToken: 'bob-token', role: 'agent' },
    });
    const bobAuth = `Basic ${Buffer.from(`${bob.email}/token:bob-token`).toString('base64')}`;
    expect(await json(await call(asBob, `${BASE}/api/v2/users/me.json`, bobAuth))).toMatchObject({
      user: { id: bob.id, email: bob.email, role: 'agent' },
    });

    const asCustomer = createZendeskHandlers(account, {
      baseUrl: BASE,
      credentials: { email: 'erin@example.com', apiToken: 'erin-token', role: 'end-user' },
    });
    const erinAuth = `Basic ${Buffer.from('erin@example.com/token:erin-token').toString('base64')}`;
    expect(await json(await call(asCustomer, `${BASE}/api/v2/users/me.json`, erinAuth))).toMatchObject({
      user: { id: 1_000_000, email: 'erin@example.com', role: 'end-user', role_type: null },
    });
    const refused = await call(asCustomer, `${BASE}/api/v2/users?role[]=agent`, erinAuth);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'Forbidden' });
  });

  it('accepts an API token or an OAuth token and refuses anything else, and a revoked token', async () => {
    const { account, handlers } = setup(10);
    const url = `${BASE}/api/v2/users`;
    expect((await call(handlers, url, AUTH.zendesk)).status).toBe(200);
    expect((await call(handlers, url, AUTH.zendeskBearer)).status).toBe(200);
    for (const wrong of [
      null,
      'Bearer nope',
      `Basic ${Buffer.from('admin@acme.example/token:wrong').toString('base64')}`,
    ]) {
      const refused = await call(handlers, url, wrong);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error: "Couldn't authenticate you" });
    }
    account.setAuthRevoked(true);
    expect((await call(handlers, url, AUTH.zendesk)).status).toBe(401);
    account.setAuthRevoked(false);
    expect((await call(handlers, url, AUTH.zendesk)).status).toBe(200);
    expect(account.stats().authFailures).toBe(4);
  });
});
