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
import type { Page, RemovedTicket, StreamStart, TicketPage } from '../vendor-client.js';
import { createFreshdeskClient } from './client.js';

const BASE_URL = 'https://acme.freshdesk.test';
const TENANT = 'acme-freshdesk';
const API_KEY = 'fd-secret-key-456';
const HISTORY_START = Date.parse('2026-01-01T00:00:00Z');
const MINUTE = 60_000;
const NORMAL_HEADERS = {
  'X-RateLimit-Total': '200',
  'X-RateLimit-Remaining': '150',
  'X-RateLimit-Used-CurrentRequest': '1',
};

const server = setupServer();
serveDuringTests(server);

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const changedAt = (n: number): number => HISTORY_START + n * MINUTE;

function rawTicket(n: number) {
  return {
    id: n,
    requester_id: 5000 + n,
    responder_id: 9001,
    group_id: null,
    status: 2,
    created_at: iso(HISTORY_START),
    updated_at: iso(changedAt(n)),
    tags: [],
    spam: false,
    stats: { first_responded_at: null, resolved_at: null, closed_at: null, reopened_at: null },
  };
}

/** `items` filtered and paged as Freshdesk does, with a `Link` to the next page while there is one. */
function pagedList(items: readonly object[], url: URL, pageSize: number, extra: Readonly<Record<string, string>> = {}) {
  const page = Number(url.searchParams.get('page') ?? '1');
  const slice = items.slice((page - 1) * pageSize, page * pageSize);
  const headers = withHeaders(NORMAL_HEADERS, extra);
  if (page * pageSize < items.length) {
    const next = new URL(url);
    next.searchParams.set('page', String(page + 1));
    headers.set('Link', `<${next.toString()}>; rel="next"`);
  }
  return HttpResponse.json(slice, { headers });
}

/** The ticket list over tickets 1..count; records pages past 300, which Freshdesk refuses. */
function ticketListHandler(scenario: Scenario, refused: number[] = []) {
  const tickets = Array.from({ length: scenario.count }, (_, i) => rawTicket(i + 1));
  let index = 0;
  return http.get(`${BASE_URL}/api/v2/tickets`, ({ request }) =>
    answer(scenario, index++, request, (extra) => {
      const url = new URL(request.url);
      const page = Number(url.searchParams.get('page'));
      if (page > 300) {
        refused.push(page);
        return HttpResponse.json({ description: 'Validation failed', errors: [{ field: 'page' }] }, { status: 400 });
      }
      const since = Date.parse(url.searchParams.get('updated_since') ?? '');
      const changed = tickets.filter((t) => Date.parse(t.updated_at) >= since);
      return pagedList(changed, url, scenario.pageSize, extra);
    }),
  );
}

function ratingHandlers(scenario: Scenario) {
  const ratings = Array.from({ length: scenario.count }, (_, i) => ({
    id: i + 1,
    ticket_id: i + 1,
    agent_id: 9001,
    user_id: 5001,
    ratings: { default_question: 103 },
    feedback: null,
    created_at: iso(changedAt(i + 1)),
    updated_at: iso(changedAt(i + 1)),
  }));
  return [
    http.get(`${BASE_URL}/api/v2/surveys/satisfaction_ratings`, ({ request }) => {
      const url = new URL(request.url);
      const since = Date.parse(url.searchParams.get('created_since') ?? '');
      return pagedList(
        ratings.filter((r) => Date.parse(r.created_at) >= since),
        url,
        scenario.pageSize,
      );
    }),
  ];
}

/** View-ticket and the ticket's own satisfaction ratings list. */
function refreshHandlers({ ticketId, rating, clock, ratingFault }: RefreshScenario) {
  const n = Number(ticketId);
  const records = rating
    ? [
        {
          id: Number(rating.id),
          ticket_id: n,
          agent_id: 9001,
          user_id: 5000 + n,
          ratings: { default_question: rating.positive ? 103 : -103 },
          feedback: rating.comment,
          created_at: iso(changedAt(n)),
          updated_at: iso(changedAt(n)),
        },
      ]
    : [];
  let ratingReads = 0;
  return [
    http.get(`${BASE_URL}/api/v2/tickets/:id`, () => HttpResponse.json(rawTicket(n))),
    http.get(`${BASE_URL}/api/v2/tickets/:id/satisfaction_ratings`, ({ request }) =>
      answer({ count: records.length, pageSize: 100, clock, fault: ratingFault }, ratingReads++, request, (extra) =>
        pagedList(records, new URL(request.url), 100, extra),
      ),
    ),
  ];
}

function agentHandlers(scenario: Scenario) {
  const agents = Array.from({ length: scenario.count }, (_, i) => ({
    id: i + 1,
    contact: { name: `Agent ${i + 1}`, email: `agent${i + 1}@acme.example` },
  }));
  return [
    http.get(`${BASE_URL}/api/v2/agents`, ({ request }) => pagedList(agents, new URL(request.url), scenario.pageSize)),
  ];
}

describeVendorClient('freshdesk', {
  server,
  tenant: TENANT,
  secrets: [API_KEY, Buffer.from(`${API_KEY}:X`).toString('base64')],
  ticketsEndpoint: '/api/v2/tickets',
  createClient: (options) => createFreshdeskClient({ ...options, tenant: TENANT, baseUrl: BASE_URL, apiKey: API_KEY }),
  ticketHandlers: (scenario) => [ticketListHandler(scenario)],
  ratingHandlers,
  agentHandlers,
  refreshHandlers,
  missingTicketHandlers: () => [
    http.get(`${BASE_URL}/api/v2/tickets/:id`, () => new HttpResponse(null, { status: 404 })),
    http.get(`${BASE_URL}/api/v2/tickets/:id/satisfaction_ratings`, () => new HttpResponse(null, { status: 404 })),
  ],
  exhausted: {
    headers: { 'X-RateLimit-Total': '200', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Used-CurrentRequest': '1' },
    // Freshdesk sends no reset time: its window is a minute.
    waitMs: 60_000,
  },
});

describe('createFreshdeskClient', () => {
  const clientOn = (clock = createInstantClock(CONTRACT_NOW)) =>
    createFreshdeskClient({ tenant: TENANT, baseUrl: BASE_URL, apiKey: API_KEY, clock });

  async function drain(start: StreamStart, fetch: (start: StreamStart) => Promise<TicketPage>): Promise<TicketPage[]> {
    const pages: TicketPage[] = [];
    for (let next = start; pages.length < 1_000;) {
      const page = await fetch(next);
      pages.push(page);
      if (page.done) return pages;
      next = { cursor: page.cursor };
    }
    throw new Error('never done');
  }

  /**
   * Conversations of ticket 5 over two pages: 1 + 2 public agent replies among notes and customer
   * messages; a private note comes before the first public reply (10:05).
   */
  const conversationHandler = () =>
    http.get(`${BASE_URL}/api/v2/tickets/5/conversations`, ({ request }) =>
      pagedList(
        [
          { id: 1, ticket_id: 5, incoming: false, private: true, created_at: '2026-01-01T10:00:00Z' },
          { id: 2, ticket_id: 5, incoming: false, private: false, created_at: '2026-01-01T10:05:00Z' },
          { id: 3, ticket_id: 5, incoming: true, private: false, created_at: '2026-01-01T11:00:00Z' },
          { id: 4, ticket_id: 5, incoming: false, private: false, created_at: '2026-01-01T11:30:00Z' },
          { id: 5, ticket_id: 5, incoming: false, private: false, created_at: '2026-01-02T09:00:00Z' },
        ],
        new URL(request.url),
        3,
      ),
    );

  it('authenticates with the API key as the Basic user and X as the password', async () => {
    const requests: Request[] = [];
    server.use(
      http.get(`${BASE_URL}/api/v2/tickets`, ({ request }) => {
        requests.push(request);
        return HttpResponse.json([]);
      }),
    );
    await clientOn().ticketsChangedSince({ since: 0 });
    expect(requests[0]?.headers.get('authorization')).toBe(`Basic ${Buffer.from(`${API_KEY}:X`).toString('base64')}`);
  });

  it('lists tickets by updated_since, oldest change first, with stats, and without reply counts', async () => {
    const requests: URL[] = [];
    server.use(
      http.get(`${BASE_URL}/api/v2/tickets`, ({ request }) => {
        requests.push(new URL(request.url));
        return HttpResponse.json([rawTicket(1)]);
      }),
    );
    const page = await clientOn().ticketsChangedSince({ since: Date.parse('2026-02-01T10:20:30.456Z') });
    expect(Object.fromEntries(requests[0]!.searchParams)).toEqual({
      updated_since: '2026-02-01T10:20:30Z',
      order_by: 'updated_at',
      order_type: 'asc',
      per_page: '100',
      page: '1',
      include: 'stats',
    });
    expect(page.items).toEqual([expect.objectContaining({ updatedAt: changedAt(1), repliesKnown: false })]);
    expect(page.requesters).toEqual([{ id: '5001', email: null, name: null }]);
    expect(page.done).toBe(true);
  });

  it('restarts from the last updated_at before asking for page 301', async () => {
    const clock = createInstantClock(CONTRACT_NOW);
    const refused: number[] = [];
    server.use(ticketListHandler({ count: 305, pageSize: 1, clock }, refused));
    const client = clientOn(clock);
    const pages = await drain({ since: 0 }, (start) => client.ticketsChangedSince(start));
    const ids = pages.flatMap((p) => p.items.map((t) => t.ticket.id));
    expect(refused).toEqual([]);
    // Ticket 300 comes twice: once as the last of the first window, once as the first of the next.
    expect(ids).toEqual([
      ...Array.from({ length: 300 }, (_, i) => String(i + 1)),
      '300',
      '301',
      '302',
      '303',
      '304',
      '305',
    ]);
    expect(pages.at(-1)?.done).toBe(true);
  });

  it('counts the public agent replies across every page of a ticket, and finds the first', async () => {
    server.use(conversationHandler());
    await expect(clientOn().replies('5')).resolves.toEqual({
      count: 3,
      firstAt: Date.parse('2026-01-01T10:05:00Z'),
    });
  });

  it('reports each status and source it does not know, keeping the tickets', async () => {
    const unknown: UnknownValue[] = [];
    server.use(
      http.get(`${BASE_URL}/api/v2/tickets`, () =>
        HttpResponse.json([
          { ...rawTicket(1), status: 12 },
          { ...rawTicket(2), source: 42 },
          // Old records have no source: a customer contact, nothing to report.
          { ...rawTicket(3), source: null },
        ]),
      ),
    );
    const client = createFreshdeskClient({
      tenant: TENANT,
      baseUrl: BASE_URL,
      apiKey: API_KEY,
      clock: createInstantClock(CONTRACT_NOW),
      onUnknownValue: (value) => void unknown.push(value),
    });
    const page = await client.ticketsChangedSince({ since: 0 });
    expect(page.items.map((item) => [item.ticket.id, item.ticket.status, item.ticket.outbound])).toEqual([
      ['1', 'open', false],
      ['2', 'open', false],
      ['3', 'open', false],
    ]);
    expect(unknown).toEqual([
      { field: 'status', value: 12, readAs: 'unsolved' },
      { field: 'source', value: 42, readAs: 'a customer contact' },
    ]);
  });

  it('reads tickets marked spam, then deleted ones, each from where its last pass ended', async () => {
    const asked: string[] = [];
    // Ticket 7 was marked spam at minute 7; tickets 8 and 9 deleted at minutes 8 and 9, one per page.
    const removed: Record<string, object[]> = {
      spam: [{ ...rawTicket(7), spam: true }],
      deleted: [
        { ...rawTicket(8), deleted: true },
        { ...rawTicket(9), deleted: true },
      ],
    };
    server.use(
      http.get(`${BASE_URL}/api/v2/tickets`, ({ request }) => {
        const url = new URL(request.url);
        const filter = url.searchParams.get('filter') ?? '';
        const since = url.searchParams.get('updated_since') ?? '';
        asked.push(`${filter} since ${since} page ${url.searchParams.get('page')}`);
        const changed = (removed[filter] ?? []).filter((t) => (t as { updated_at: string }).updated_at >= since);
        return pagedList(changed, url, 1);
      }),
    );
    const client = clientOn();
    const pages: Page<RemovedTicket>[] = [];
    let start: StreamStart = { since: changedAt(0) };
    for (;;) {
      const page = await client.ticketsRemovedSince!(start);
      pages.push(page);
      start = { cursor: page.cursor };
      if (page.done) break;
    }
    expect(pages.flatMap((p) => p.items)).toEqual([
      { id: '7', updatedAt: changedAt(7) },
      { id: '8', updatedAt: changedAt(8) },
      { id: '9', updatedAt: changedAt(9) },
    ]);
    // The next pass starts each filter at the newest change it saw.
    await client.ticketsRemovedSince!(start);
    expect(asked).toEqual([
      'spam since 2026-01-01T00:00:00Z page 1',
      'deleted since 2026-01-01T00:00:00Z page 1',
      'deleted since 2026-01-01T00:00:00Z page 2',
      'spam since 2026-01-01T00:07:00Z page 1',
    ]);
  });

  it('refreshes one ticket with its ratings, leaving its reply count to replies', async () => {
    const conversationReads: string[] = [];
    server.use(
      http.get(`${BASE_URL}/api/v2/tickets/5`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('include')).toBe('stats,requester');
        return HttpResponse.json({
          ...rawTicket(5),
          subject: 'Nobody answers',
          requester: { id: 5005, name: 'Rob Roe', email: 'rob@example.com', mobile: null, phone: null },
        });
      }),
      http.get(`${BASE_URL}/api/v2/tickets/5/satisfaction_ratings`, () =>
        HttpResponse.json([
          {
            id: 77,
            ticket_id: 5,
            agent_id: null,
            user_id: 5005,
            ratings: { default_question: -102 },
            feedback: 'Nobody answered',
            created_at: iso(changedAt(6)),
            updated_at: iso(changedAt(6)),
          },
        ]),
      ),
      http.get(`${BASE_URL}/api/v2/tickets/5/conversations`, ({ request }) => {
        conversationReads.push(request.url);
        return HttpResponse.json([]);
      }),
    );
    const found = await clientOn().ticket('5');
    expect(found).toEqual({
      synced: expect.objectContaining({
        updatedAt: changedAt(5),
        repliesKnown: false,
        subject: 'Nobody answers',
        ticket: expect.objectContaining({ id: '5' }),
      }),
      ratings: [
        {
          id: '77',
          ticketId: '5',
          agentId: null,
          requesterId: '5005',
          at: changedAt(6),
          answered: true,
          positive: false,
          comment: 'Nobody answered',
        },
      ],
      agents: [],
      requesters: [{ id: '5005', email: 'rob@example.com', name: 'Rob Roe' }],
    });
    expect(conversationReads).toEqual([]);
  });

  it('reads the default business hours', async () => {
    server.use(
      http.get(`${BASE_URL}/api/v2/business_hours`, () =>
        HttpResponse.json([
          {
            id: 1,
            is_default: true,
            time_zone: 'London',
            business_hours: { monday: { start_time: '9:00 am', end_time: '5:00 pm' } },
          },
        ]),
      ),
    );
    const schedule = await clientOn().businessSchedule();
    expect(schedule).toMatchObject({ timeZone: 'Europe/London', intervals: [{ start: 540, end: 1020 }] });
  });

  it("keeps to the Growth plan's 20 ticket-list requests a minute", async () => {
    const clock = createInstantClock(CONTRACT_NOW);
    const arrivals: number[] = [];
    server.use(ticketListHandler({ count: 22, pageSize: 1, clock, fault: ({ time }) => void arrivals.push(time) }));
    const client = clientOn(clock);
    await drain({ since: 0 }, (start) => client.ticketsChangedSince(start));
    expect(arrivals).toHaveLength(22);
    expect(arrivals[20]! - arrivals[0]!).toBeGreaterThanOrEqual(MINUTE);
  });
});
