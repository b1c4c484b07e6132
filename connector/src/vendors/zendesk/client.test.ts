import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { createInstantClock } from '../http/instant-clock.js';
import {
  answer,
  CONTRACT_NOW,
  describeVendorClient,
  serveDuringTests,
  withHeaders,
  type RefreshScenario,
  type Scenario,
} from '../vendor-client.contract.js';
import type { UnknownValue } from '../unknown-value.js';
import { createZendeskClient, type ZendeskCredentials } from './client.js';

const BASE_URL = 'https://acme.zendesk.test';
const TENANT = 'acme-zendesk';
const EMAIL = 'admin@acme.example';
const TOKEN = 'zd-secret-token-123';
const HISTORY_START = Date.parse('2026-01-01T00:00:00Z');
const MINUTE = 60_000;
const NORMAL_HEADERS = { 'X-Rate-Limit': '700', 'X-Rate-Limit-Remaining': '650' };
const TOKEN_AUTH: ZendeskCredentials = { kind: 'zendesk-token', email: EMAIL, token: TOKEN };

const server = setupServer();
serveDuringTests(server);

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const changedAt = (n: number): number => HISTORY_START + n * MINUTE;

function rawTicket(n: number) {
  return {
    id: n,
    requester_id: 5000 + n,
    assignee_id: 9001,
    group_id: null,
    status: 'open',
    created_at: iso(HISTORY_START),
    updated_at: iso(changedAt(n)),
    tags: [],
    subject: `Question ${n}`,
  };
}

function rawMetricSet(n: number) {
  return { ticket_id: n, replies: 2, reopens: 0, solved_at: null, reply_time_in_minutes: { calendar: 5, business: 5 } };
}

/** The incremental cursor export over tickets 1..count; cursors are `c<offset>`. */
function incrementalHandler(scenario: Scenario) {
  const tickets = Array.from({ length: scenario.count }, (_, i) => rawTicket(i + 1));
  let index = 0;
  return http.get(`${BASE_URL}/api/v2/incremental/tickets/cursor.json`, ({ request }) =>
    answer(scenario, index++, request, (extra) => {
      const url = new URL(request.url);
      const cursor = url.searchParams.get('cursor');
      const startMs = Number(url.searchParams.get('start_time')) * 1000;
      const offset =
        cursor !== null ? Number(cursor.slice(1)) : tickets.filter((t) => Date.parse(t.updated_at) < startMs).length;
      const slice = tickets.slice(offset, offset + scenario.pageSize);
      const end = offset + slice.length;
      const body = {
        tickets: slice,
        metric_sets: slice.map((t) => rawMetricSet(t.id)),
        users: [{ id: 9001, name: 'Alice', email: 'alice@acme.example', role: 'agent' }],
        after_cursor: `c${end}`,
        before_cursor: null,
        end_of_stream: end >= tickets.length,
      };
      return HttpResponse.json(body, { headers: withHeaders(NORMAL_HEADERS, extra) });
    }),
  );
}

/** A cursor-paginated list (`page[size]`, `page[after]` = `a<offset>`, `meta.has_more`). */
function cursorList<T>(items: readonly T[], pageSize: number, url: URL, key: string) {
  const after = url.searchParams.get('page[after]');
  const offset = after === null ? 0 : Number(after.slice(1));
  const slice = items.slice(offset, offset + pageSize);
  const end = offset + slice.length;
  return HttpResponse.json(
    { [key]: slice, meta: { has_more: end < items.length, after_cursor: `a${end}`, before_cursor: `a${offset}` } },
    { headers: NORMAL_HEADERS },
  );
}

function settingsHandler(legacyCsat: boolean) {
  return http.get(`${BASE_URL}/api/v2/account/settings`, () =>
    HttpResponse.json({ settings: { active_features: { customer_satisfaction: legacyCsat } } }),
  );
}

function ratingHandlers(scenario: Scenario) {
  const ratings = Array.from({ length: scenario.count }, (_, i) => ({
    id: i + 1,
    ticket_id: i + 1,
    assignee_id: 9001,
    requester_id: 5001,
    score: i % 2 === 0 ? 'good' : 'bad',
    comment: null,
    created_at: iso(changedAt(i + 1)),
    updated_at: iso(changedAt(i + 1)),
  }));
  return [
    settingsHandler(true),
    http.get(`${BASE_URL}/api/v2/satisfaction_ratings`, ({ request }) =>
      cursorList(ratings, scenario.pageSize, new URL(request.url), 'satisfaction_ratings'),
    ),
  ];
}

function agentHandlers(scenario: Scenario) {
  const users = Array.from({ length: scenario.count }, (_, i) => ({
    id: i + 1,
    name: `Agent ${i + 1}`,
    email: `agent${i + 1}@acme.example`,
    role: i === 0 ? 'admin' : 'agent',
  }));
  return [
    http.get(`${BASE_URL}/api/v2/users`, ({ request }) =>
      cursorList(users, scenario.pageSize, new URL(request.url), 'users'),
    ),
  ];
}

/** The show-ticket endpoint (a ticket naming its rating record, as Zendesk's do) and the show-rating one. */
function refreshHandlers({ ticketId, rating, clock, ratingFault }: RefreshScenario) {
  const n = Number(ticketId);
  const record = rating && {
    id: Number(rating.id),
    ticket_id: n,
    assignee_id: 9001,
    requester_id: 5000 + n,
    score: rating.positive ? 'good' : 'bad',
    comment: rating.comment,
    created_at: iso(changedAt(n)),
    updated_at: iso(changedAt(n) + MINUTE),
  };
  let ratingReads = 0;
  return [
    settingsHandler(true),
    http.get(`${BASE_URL}/api/v2/tickets/:file`, () =>
      HttpResponse.json({
        ticket: {
          ...rawTicket(n),
          satisfaction_rating: record
            ? { id: record.id, score: record.score, comment: record.comment }
            : { score: 'unoffered' },
        },
        metric_sets: [rawMetricSet(n)],
        users: [{ id: 9001, name: 'Alice', email: 'alice@acme.example', role: 'agent' }],
      }),
    ),
    http.get(`${BASE_URL}/api/v2/satisfaction_ratings/:file`, ({ request, params }) =>
      answer({ count: 1, pageSize: 1, clock, fault: ratingFault }, ratingReads++, request, (extra) =>
        record && params.file === `${record.id}.json`
          ? HttpResponse.json({ satisfaction_rating: record }, { headers: withHeaders(NORMAL_HEADERS, extra) })
          : HttpResponse.json({ error: 'RecordNotFound', description: 'Not found' }, { status: 404 }),
      ),
    ),
  ];
}

const createClient = (options: Parameters<typeof createZendeskClient>[0]) => createZendeskClient(options);

describeVendorClient('zendesk', {
  server,
  tenant: TENANT,
  secrets: [TOKEN, Buffer.from(`${EMAIL}/token:${TOKEN}`).toString('base64')],
  ticketsEndpoint: '/api/v2/incremental/tickets/cursor.json',
  createClient: (options) => createClient({ ...options, tenant: TENANT, baseUrl: BASE_URL, credentials: TOKEN_AUTH }),
  ticketHandlers: (scenario) => [incrementalHandler(scenario)],
  ratingHandlers,
  agentHandlers,
  refreshHandlers,
  missingTicketHandlers: () => [
    http.get(`${BASE_URL}/api/v2/tickets/:file`, () =>
      HttpResponse.json({ error: 'RecordNotFound', description: 'Not found' }, { status: 404 }),
    ),
  ],
  exhausted: {
    headers: { 'X-Rate-Limit': '700', 'X-Rate-Limit-Remaining': '0', 'ratelimit-reset': '17' },
    waitMs: 17_000,
  },
});

describe('createZendeskClient', () => {
  const clientWith = (credentials: ZendeskCredentials) =>
    createZendeskClient({ tenant: TENANT, baseUrl: BASE_URL, credentials, clock: createInstantClock(CONTRACT_NOW) });

  /** Serves one empty export page and keeps the requests it got. */
  const captureExport = (): Request[] => {
    const requests: Request[] = [];
    server.use(
      http.get(`${BASE_URL}/api/v2/incremental/tickets/cursor.json`, ({ request }) => {
        requests.push(request);
        return HttpResponse.json({ tickets: [], metric_sets: [], users: [], after_cursor: 'c0', end_of_stream: true });
      }),
    );
    return requests;
  };

  it('sends an API token as Basic auth of "email/token"', async () => {
    const requests = captureExport();
    await clientWith(TOKEN_AUTH).ticketsChangedSince({ since: 0 });
    const expected = `Basic ${Buffer.from(`${EMAIL}/token:${TOKEN}`).toString('base64')}`;
    expect(requests[0]?.headers.get('authorization')).toBe(expected);
  });

  it('sends an OAuth access token as a Bearer token', async () => {
    const requests = captureExport();
    await clientWith({ kind: 'zendesk-oauth', accessToken: 'oauth-abc' }).ticketsChangedSince({ since: 0 });
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer oauth-abc');
  });

  it('asks the cursor export for metric sets and users, from a start time at least a minute old', async () => {
    const requests = captureExport();
    const page = await clientWith(TOKEN_AUTH).ticketsChangedSince({ since: CONTRACT_NOW + MINUTE });
    const url = new URL(requests[0]!.url);
    expect(url.searchParams.get('include')).toBe('metric_sets,users');
    expect(Number(url.searchParams.get('start_time'))).toBe((CONTRACT_NOW - MINUTE) / 1000);
    expect(page).toMatchObject({ items: [], done: true, reachedTime: null });
  });

  it('carries replies and updated_at from the export into synced tickets', async () => {
    const clock = createInstantClock(CONTRACT_NOW);
    server.use(incrementalHandler({ count: 1, pageSize: 10, clock }));
    const page = await clientWith(TOKEN_AUTH).ticketsChangedSince({ since: 0 });
    expect(page.items).toEqual([
      expect.objectContaining({
        updatedAt: changedAt(1),
        repliesKnown: true,
        subject: 'Question 1',
        ticket: expect.objectContaining({ id: '1', publicReplies: 2 }),
      }),
    ]);
    expect(page.agents).toEqual([{ id: '9001', name: 'Alice', email: 'alice@acme.example' }]);
  });

  it('refuses an export page without metric sets, naming metric_sets, rather than read nothing as solved', async () => {
    server.use(
      http.get(`${BASE_URL}/api/v2/incremental/tickets/cursor.json`, () =>
        HttpResponse.json({ tickets: [rawTicket(1)], after_cursor: 'c1', end_of_stream: true }),
      ),
    );
    await expect(clientWith(TOKEN_AUTH).ticketsChangedSince({ since: 0 })).rejects.toThrow(
      /acme-zendesk: GET \/api\/v2\/incremental\/tickets\/cursor\.json returned a payload the connector cannot read: metric_sets: missing.*include=metric_sets/,
    );
  });

  it('keeps tickets with a status it does not know, read as open, and tells onUnknownValue', async () => {
    server.use(
      http.get(`${BASE_URL}/api/v2/incremental/tickets/cursor.json`, () =>
        HttpResponse.json({
          tickets: [1, 2].map((n) => ({ ...rawTicket(n), status: 'awaiting_vendor' })),
          metric_sets: [rawMetricSet(1), rawMetricSet(2)],
          users: [],
          after_cursor: 'c2',
          end_of_stream: true,
        }),
      ),
    );
    const reported: UnknownValue[] = [];
    const client = createZendeskClient({
      tenant: TENANT,
      baseUrl: BASE_URL,
      credentials: TOKEN_AUTH,
      clock: createInstantClock(CONTRACT_NOW),
      onUnknownValue: (unknown) => reported.push(unknown),
    });
    const page = await client.ticketsChangedSince({ since: 0 });
    expect(page.items.map((item) => [item.ticket.id, item.ticket.status])).toEqual([
      ['1', 'open'],
      ['2', 'open'],
    ]);
    // The client passes on what the page held; createVendorClient's reportEachOnce logs it once.
    expect(reported).toEqual([
      { field: 'status', value: 'awaiting_vendor', readAs: 'open (unsolved)' },
      { field: 'status', value: 'awaiting_vendor', readAs: 'open (unsolved)' },
    ]);
  });

  it('refreshes one ticket with its metric set and users, and no rating call when it names none', async () => {
    const ratingReads: string[] = [];
    server.use(
      settingsHandler(true),
      http.get(`${BASE_URL}/api/v2/tickets/:file`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('include')).toBe('metric_sets,users');
        return HttpResponse.json({
          ticket: { ...rawTicket(7), satisfaction_rating: null },
          metric_sets: [rawMetricSet(7)],
          users: [
            { id: 9001, name: 'Alice', email: 'alice@acme.example', role: 'agent' },
            { id: 5007, name: 'Rita', email: 'rita@example.com', role: 'end-user' },
          ],
        });
      }),
      http.get(`${BASE_URL}/api/v2/satisfaction_ratings/:file`, ({ params }) => {
        ratingReads.push(String(params.file));
        return HttpResponse.json({}, { status: 404 });
      }),
    );
    const found = await clientWith(TOKEN_AUTH).ticket('7');
    expect(found).toEqual({
      synced: expect.objectContaining({
        updatedAt: changedAt(7),
        repliesKnown: true,
        subject: 'Question 7',
        ticket: expect.objectContaining({ id: '7', publicReplies: 2 }),
      }),
      ratings: [],
      agents: [{ id: '9001', name: 'Alice', email: 'alice@acme.example' }],
      requesters: [{ id: '5007', email: 'rita@example.com', name: 'Rita' }],
    });
    expect(ratingReads).toEqual([]);
  });

  it('drops an unoffered rating record of a refreshed ticket', async () => {
    server.use(
      settingsHandler(true),
      http.get(`${BASE_URL}/api/v2/tickets/:file`, () =>
        HttpResponse.json({
          ticket: { ...rawTicket(7), satisfaction_rating: { id: 71, score: 'unoffered' } },
          metric_sets: [rawMetricSet(7)],
        }),
      ),
      http.get(`${BASE_URL}/api/v2/satisfaction_ratings/71.json`, () =>
        HttpResponse.json({
          satisfaction_rating: { ...rawTicket(7), id: 71, ticket_id: 7, score: 'unoffered', comment: null },
        }),
      ),
    );
    await expect(clientWith(TOKEN_AUTH).ticket('7')).resolves.toMatchObject({ ratings: [] });
  });

  it('reads legacy ratings from an account with no CSAT survey responses either', async () => {
    server.use(
      settingsHandler(false),
      http.get(`${BASE_URL}/api/v2/guide/survey_responses`, () =>
        HttpResponse.json({ error: 'InvalidEndpoint' }, { status: 404 }),
      ),
      http.get(`${BASE_URL}/api/v2/satisfaction_ratings`, () =>
        HttpResponse.json({ satisfaction_ratings: [], meta: { has_more: false, after_cursor: null } }),
      ),
    );
    await expect(clientWith(TOKEN_AUTH).ratingsSince({ since: 0 })).resolves.toMatchObject({ items: [], done: true });
  });

  it('keeps to 10 export requests a minute', async () => {
    const clock = createInstantClock(CONTRACT_NOW);
    const arrivals: number[] = [];
    server.use(incrementalHandler({ count: 12, pageSize: 1, clock, fault: ({ time }) => void arrivals.push(time) }));
    const client = createZendeskClient({ tenant: TENANT, baseUrl: BASE_URL, credentials: TOKEN_AUTH, clock });
    let start: { since: number } | { cursor: string } = { since: 0 };
    for (let i = 0; i < 12; i++) start = { cursor: (await client.ticketsChangedSince(start)).cursor };
    expect(arrivals).toHaveLength(12);
    expect(arrivals[10]! - arrivals[0]!).toBeGreaterThanOrEqual(MINUTE);
  });
});
