import { describe, expect, it } from 'vitest';
import {
  freshdeskPageReplies,
  normalizeFreshdeskAgentPage,
  normalizeFreshdeskBusinessHours,
  normalizeFreshdeskRatingPage,
  normalizeFreshdeskTicketPage,
} from '@frontline/connector/vendors/freshdesk';
import { createSimulatedAccount } from './account.js';
import type { FreshdeskConversationJson, FreshdeskRatingJson, FreshdeskTicketJson } from './freshdesk-format.js';
import { createFreshdeskHandlers } from './freshdesk-handlers.js';
import { generateHistory } from './history.js';
import { createManualClock } from './manual-clock.js';
import { AUTH, call, json, nextLink } from './test-support.js';

const NOW = Date.UTC(2026, 2, 1);
const BASE = 'https://acme.freshdesk.com';

function setup(tickets = 400, rateLimits?: { perMinute?: number; ticketsListPerMinute?: number }) {
  const history = generateHistory({ seed: 11, tickets, days: 60, now: NOW });
  const clock = createManualClock(NOW);
  const account = createSimulatedAccount({
    vendor: 'freshdesk',
    history,
    clock,
    rateLimits: { perMinute: 100_000, ticketsListPerMinute: 100_000, ...rateLimits },
  });
  return { account, clock, handlers: createFreshdeskHandlers(account, { baseUrl: BASE }) };
}

const list = (query: string): string => `${BASE}/api/v2/tickets?${query}`;

async function followLinks(
  handlers: ReturnType<typeof setup>['handlers'],
  first: string,
): Promise<FreshdeskTicketJson[][]> {
  const pages: FreshdeskTicketJson[][] = [];
  let url: string | null = first;
  while (url !== null) {
    const response = await call(handlers, url, AUTH.freshdesk);
    expect(response.status).toBe(200);
    pages.push(await json<FreshdeskTicketJson[]>(response));
    url = nextLink(response);
  }
  return pages;
}

describe('Freshdesk ticket list', () => {
  it('returns every visible ticket exactly once, oldest change first, following Link headers', async () => {
    const { account, handlers } = setup(1234);
    const pages = await followLinks(
      handlers,
      list('updated_since=2000-01-01T00:00:00Z&order_by=updated_at&order_type=asc&per_page=100&include=stats'),
    );
    expect(pages).toHaveLength(Math.ceil(pages.flat().length / 100));
    const tickets = pages.flat();
    const ids = tickets.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    const visible = account.truth(BASE).tickets.filter((t) => !t.spam && !t.deleted);
    expect([...ids].sort((a, b) => a - b)).toEqual(visible.map((t) => t.id));
    const updated = tickets.map((t) => t.updated_at);
    expect(updated).toEqual([...updated].sort());
    for (const page of pages) expect(normalizeFreshdeskTicketPage(page).tickets).toHaveLength(page.length);
  });

  it('returns only tickets updated since the given time, and only 30 days of creations without it', async () => {
    const { account, handlers } = setup(600);
    const truth = account.truth(BASE).tickets.filter((t) => !t.spam && !t.deleted);
    const since = '2026-02-15T00:00:00Z';
    const recent = (await followLinks(handlers, list(`updated_since=${since}&per_page=100`))).flat();
    expect(recent.map((t) => t.id).sort((a, b) => a - b)).toEqual(
      truth.filter((t) => t.updated_at >= since).map((t) => t.id),
    );
    const byDefault = (await followLinks(handlers, list('per_page=100'))).flat();
    const cutoff = new Date(NOW - 30 * 86_400_000).toISOString().replace('.000Z', 'Z');
    expect(byDefault.map((t) => t.id).sort((a, b) => a - b)).toEqual(
      truth.filter((t) => t.created_at >= cutoff).map((t) => t.id),
    );
    // Default order: newest creation first.
    expect(byDefault.map((t) => t.created_at)).toEqual([...byDefault.map((t) => t.created_at)].sort().reverse());
  });

  it('refuses pages beyond 300 with a validation error, as Freshdesk does', async () => {
    const { handlers } = setup(50);
    const response = await call(handlers, list('updated_since=2000-01-01T00:00:00Z&page=301'), AUTH.freshdesk);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      description: 'Validation failed',
      errors: [
        {
          field: 'page',
          message: 'You cannot access tickets beyond the 300th page. Please provide a smaller page number.',
          code: 'invalid_value',
        },
      ],
    });
    expect((await call(handlers, list('page=300'), AUTH.freshdesk)).status).toBe(200);
    const tooBig = await call(handlers, list('per_page=101'), AUTH.freshdesk);
    expect(tooBig.status).toBe(400);
    expect(await tooBig.json()).toMatchObject({ errors: [{ field: 'per_page' }] });
  });

  it('serves what real accounts send: outbound e-mails, unstamped first replies, a custom status', async () => {
    const { account, handlers } = setup(0);
    const agentId = account.history.agents[0]!.id;
    const requesterId = account.history.requesters.id(0);
    const sent = account.addTicket({ outbound: 'closed', assigneeId: agentId, requesterId });
    const waiting = account.addTicket({ outbound: 'open', assigneeId: agentId, requesterId });
    const unstamped = account.addTicket({ assigneeId: agentId, requesterId, firstReplyUnstamped: true });
    account.updateTicket(unstamped, { kind: 'reply' });
    const custom = account.addTicket({ assigneeId: agentId, requesterId });
    account.updateTicket(custom, { kind: 'hold' });
    const view = async (id: number) =>
      json<FreshdeskTicketJson>(await call(handlers, `${BASE}/api/v2/tickets/${id}?include=stats`, AUTH.freshdesk));

    const closed = await view(sent);
    expect(closed).toMatchObject({ source: 10, status: 5, responder_id: agentId });
    expect(closed.stats).toMatchObject({ resolved_at: closed.created_at, closed_at: closed.created_at });
    expect(await view(waiting)).toMatchObject({ source: 10, status: 2 });
    const replied = await view(unstamped);
    expect(replied.stats?.first_responded_at).toBeNull();
    const conversations = await json<FreshdeskConversationJson[]>(
      await call(handlers, `${BASE}/api/v2/tickets/${unstamped}/conversations`, AUTH.freshdesk),
    );
    expect(conversations.map((c) => [c.incoming, c.private])).toEqual([[false, false]]);
    // Waiting on Third Party, one of Freshdesk's default custom statuses.
    expect((await view(custom)).status).toBe(7);
  });

  it('lists deleted and spam tickets only under their filters', async () => {
    const { account, handlers } = setup(100);
    account.updateTicket(5, { kind: 'delete' });
    account.updateTicket(6, { kind: 'spam' });
    const normal = (await followLinks(handlers, list('updated_since=2000-01-01T00:00:00Z&per_page=100'))).flat();
    expect(normal.some((t) => t.id === 5 || t.id === 6)).toBe(false);
    const deleted = await json<FreshdeskTicketJson[]>(
      await call(handlers, list('filter=deleted&updated_since=2000-01-01T00:00:00Z'), AUTH.freshdesk),
    );
    expect(deleted.map((t) => t.id)).toContain(5);
    expect(deleted.find((t) => t.id === 5)?.deleted).toBe(true);
    const spam = await json<FreshdeskTicketJson[]>(
      await call(handlers, list('filter=spam&updated_since=2000-01-01T00:00:00Z'), AUTH.freshdesk),
    );
    expect(spam.map((t) => t.id)).toContain(6);
    // A filter read by updated_since shows only what was removed since.
    const since = new Date(account.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const removedSince = await json<FreshdeskTicketJson[]>(
      await call(handlers, list(`filter=spam&updated_since=${since}`), AUTH.freshdesk),
    );
    expect(removedSince.map((t) => t.id)).toEqual([6]);
  });

  it('shows a ticket changed during paging again at the end of an updated_at list', async () => {
    const { account, handlers } = setup(250);
    const first = await call(
      handlers,
      list('updated_since=2000-01-01T00:00:00Z&order_by=updated_at&order_type=asc&per_page=100'),
      AUTH.freshdesk,
    );
    const page1 = await json<FreshdeskTicketJson[]>(first);
    const target = page1.find((t) => t.status === 2 || t.status === 3)!;
    account.updateTicket(target.id, { kind: 'note' });
    const rest = await followLinks(handlers, nextLink(first)!);
    const last = rest.flat().at(-1)!;
    expect(last.id).toBe(target.id);
    expect(last.updated_at > target.updated_at).toBe(true);
  });
});

describe('Freshdesk rate limits', () => {
  it('sends X-RateLimit headers with the credits a request cost', async () => {
    const { handlers } = setup(10, { perMinute: 400 });
    const response = await call(handlers, list('include=stats,requester'), AUTH.freshdesk);
    expect(response.headers.get('x-ratelimit-total')).toBe('400');
    expect(response.headers.get('x-ratelimit-used-currentrequest')).toBe('5');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('395');
  });

  it('applies the Tickets List sub-limit of the plan, with Retry-After', async () => {
    const history = generateHistory({ seed: 11, tickets: 20, days: 10, now: NOW });
    const clock = createManualClock(NOW);
    const account = createSimulatedAccount({ vendor: 'freshdesk', history, clock, plan: 'growth' });
    const handlers = createFreshdeskHandlers(account, { baseUrl: BASE });
    expect(account.limits).toEqual({ perMinute: 200, incrementalPerMinute: 200, ticketsListPerMinute: 20 });
    for (let i = 0; i < 20; i++) expect((await call(handlers, list('per_page=1'), AUTH.freshdesk)).status).toBe(200);
    const refused = await call(handlers, list('per_page=1'), AUTH.freshdesk);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    // Other endpoints still have room in the account's total.
    expect((await call(handlers, `${BASE}/api/v2/agents`, AUTH.freshdesk)).status).toBe(200);
    await clock.advance(60_000);
    expect((await call(handlers, list('per_page=1'), AUTH.freshdesk)).status).toBe(200);
    expect(account.stats()).toMatchObject({ tooManyRequests: 1, overLimitRequests: 0 });
  });
});

describe('Freshdesk conversations, ratings, agents, business hours, auth', () => {
  it('pages a ticket’s conversations with Link headers', async () => {
    const { account, handlers } = setup(200);
    const truth = account.truth(BASE);
    const [id, messages] = Object.entries(truth.conversations).find(([, list]) => list.length >= 3)!;
    const all: FreshdeskConversationJson[] = [];
    let url: string | null = `${BASE}/api/v2/tickets/${id}/conversations?per_page=2`;
    let pages = 0;
    while (url !== null) {
      const response = await call(handlers, url, AUTH.freshdesk);
      const page = await json<FreshdeskConversationJson[]>(response);
      freshdeskPageReplies(page, id);
      all.push(...page);
      url = nextLink(response);
      pages++;
    }
    expect(pages).toBe(Math.ceil(messages.length / 2));
    expect(all).toEqual(messages);
    const ticket = truth.tickets.find((t) => t.id === Number(id))!;
    expect(all.filter((m) => !m.incoming && !m.private)).toHaveLength(account.state.table.replies[Number(id) - 1]!);
    expect(ticket.stats?.first_responded_at).toBe(all.filter((m) => !m.incoming && !m.private)[0]?.created_at ?? null);
    expect((await call(handlers, `${BASE}/api/v2/tickets/99999/conversations`, AUTH.freshdesk)).status).toBe(404);
  });

  it('lists satisfaction ratings created since a time, with 7-point values', async () => {
    const { account, handlers } = setup(1500);
    const truth = account.truth(BASE).satisfactionRatings;
    const all: FreshdeskRatingJson[] = [];
    let url: string | null = `${BASE}/api/v2/surveys/satisfaction_ratings?per_page=100`;
    while (url !== null) {
      const response = await call(handlers, url, AUTH.freshdesk);
      const page = await json<FreshdeskRatingJson[]>(response);
      normalizeFreshdeskRatingPage(page);
      all.push(...page);
      url = nextLink(response);
    }
    expect(all).toEqual(truth);
    expect(all.every((r) => [103, 102, 101, 100, -101, -102, -103].includes(r.ratings.default_question))).toBe(true);
    const since = all[Math.floor(all.length / 2)]!.created_at;
    const later = await json<FreshdeskRatingJson[]>(
      await call(
        handlers,
        `${BASE}/api/v2/surveys/satisfaction_ratings?per_page=100&created_since=${since}`,
        AUTH.freshdesk,
      ),
    );
    expect(later.every((r) => r.created_at >= since)).toBe(true);
  });

  it('lists agents and business hours in the shapes the connector reads', async () => {
    const { account, handlers } = setup(50);
    const agents = await json<unknown[]>(await call(handlers, `${BASE}/api/v2/agents?per_page=100`, AUTH.freshdesk));
    expect(normalizeFreshdeskAgentPage(agents).map((a) => a.id)).toEqual(
      account.history.agents.map((a) => String(a.id)),
    );
    const hours = await json<unknown>(await call(handlers, `${BASE}/api/v2/business_hours`, AUTH.freshdesk));
    const schedule = normalizeFreshdeskBusinessHours(hours);
    expect(schedule?.timeZone).toBe('Europe/Berlin');
    expect(schedule?.intervals).toEqual(account.history.businessSchedule.intervals);
  });

  it('answers /agents/me with the agent the API key belongs to, and 401 for a wrong key', async () => {
    const { account, handlers } = setup(10);
    const me = await call(handlers, `${BASE}/api/v2/agents/me`, AUTH.freshdesk);
    expect(me.status).toBe(200);
    const admin = account.history.agents[0]!;
    expect(await me.json()).toMatchObject({ id: admin.id, contact: { name: admin.name, email: admin.email } });
    const wrong = await call(handlers, `${BASE}/api/v2/agents/me`, `Basic ${Buffer.from('nope:X').toString('base64')}`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      code: 'invalid_credentials',
      message: 'You have to be logged in to perform this action.',
    });
  });

  it('refuses a wrong API key with Freshdesk’s body, and a revoked one', async () => {
    const { account, handlers } = setup(10);
    const wrong = await call(handlers, list(''), `Basic ${Buffer.from('nope:X').toString('base64')}`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      code: 'invalid_credentials',
      message: 'You have to be logged in to perform this action.',
    });
    account.setAuthRevoked(true);
    expect((await call(handlers, `${BASE}/api/v2/agents`, AUTH.freshdesk)).status).toBe(401);
    expect(account.stats().authFailures).toBe(2);
  });

  it('lists one ticket’s satisfaction ratings, and 404 for an unknown ticket', async () => {
    const { account, handlers } = setup(40, { perMinute: 3 });
    const id = account.addTicket();
    account.updateTicket(id, { kind: 'solve' });
    const ratingsOf = (ticket: number | string) =>
      call(handlers, `${BASE}/api/v2/tickets/${ticket}/satisfaction_ratings`, AUTH.freshdesk);
    expect(await json<unknown[]>(await ratingsOf(id))).toEqual([]);

    account.updateTicket(id, { kind: 'rate', score: 'bad', comment: 'Nobody called back' });
    const response = await ratingsOf(id);
    const page = await json<FreshdeskRatingJson[]>(response);
    expect(page).toEqual(account.truth(BASE).satisfactionRatings.filter((r) => r.ticket_id === id));
    expect(normalizeFreshdeskRatingPage(page)).toEqual([
      expect.objectContaining({ ticketId: String(id), positive: false, comment: 'Nobody called back' }),
    ]);
    expect(response.headers.get('x-ratelimit-total')).toBe('3');
    expect(response.headers.get('link')).toBeNull();

    // The account limit (3 a minute here) covers it like every other endpoint; a 404 counts too.
    expect((await ratingsOf(99_999)).status).toBe(404);
    const refused = await ratingsOf(id);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
  });

  it('answers 404 for the ratings of a ticket that does not exist', async () => {
    const { handlers } = setup(10);
    const missing = await call(handlers, `${BASE}/api/v2/tickets/99999/satisfaction_ratings`, AUTH.freshdesk);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 'not_found', message: 'The requested resource was not found.' });
  });

  it('shows one ticket with stats, and 404 for an unknown one', async () => {
    const { handlers } = setup(10);
    const ticket = await json<FreshdeskTicketJson>(
      await call(handlers, `${BASE}/api/v2/tickets/2?include=stats`, AUTH.freshdesk),
    );
    expect(ticket.id).toBe(2);
    expect(ticket.stats).toBeDefined();
    expect((await call(handlers, `${BASE}/api/v2/tickets/77`, AUTH.freshdesk)).status).toBe(404);
  });
});
