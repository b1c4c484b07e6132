import { describe, expect, it } from 'vitest';
import { payloadErrorOf as errorOf } from '../expect-payload-error.js';
import { normalizeZendeskRatingPage, normalizeZendeskTicketPage } from './normalize.js';
import { parseZendeskTicketMetricPage, ZendeskTicketMetrics } from './ticket-metrics.js';

const at = (iso: string): number => Date.parse(iso);

function aTicket(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 1,
    requester_id: 5001,
    assignee_id: 9001,
    group_id: 301,
    status: 'solved',
    created_at: '2026-01-05T09:00:00Z',
    tags: ['login'],
    subject: 'Cannot log in',
    description: 'fields we do not read are allowed',
    ...fields,
  };
}

function aMetricSet(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ticket_id: 1,
    solved_at: '2026-01-05T11:00:00Z',
    reply_time_in_minutes: { calendar: 30, business: 20 },
    full_resolution_time_in_minutes: { calendar: 120, business: 100 },
    replies: 2,
    reopens: 1,
    group_stations: 2,
    assignee_stations: 1,
    ...fields,
  };
}

function aPage(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tickets: [aTicket()],
    metric_sets: [aMetricSet()],
    users: [],
    after_cursor: 'abc',
    end_of_stream: true,
    ...fields,
  };
}

function aRating(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 7001,
    ticket_id: 1,
    assignee_id: 9001,
    requester_id: 5001,
    score: 'good',
    comment: 'thanks',
    created_at: '2026-01-05T11:05:00Z',
    updated_at: '2026-01-06T10:00:00Z',
    ...fields,
  };
}

describe('normalizeZendeskTicketPage', () => {
  it('maps a ticket and its metric set onto the model', () => {
    const { tickets } = normalizeZendeskTicketPage(aPage());
    expect(tickets).toEqual([
      {
        id: '1',
        requesterId: '5001',
        assigneeId: '9001',
        groupId: '301',
        status: 'solved',
        createdAt: at('2026-01-05T09:00:00Z'),
        tags: ['login'],
        firstReplyAt: at('2026-01-05T09:30:00Z'),
        firstReplyMinutes: 30,
        firstReplyBusinessMinutes: 20,
        solvedAt: at('2026-01-05T11:00:00Z'),
        resolutionMinutes: 120,
        resolutionBusinessMinutes: 100,
        publicReplies: 2,
        reopens: 1,
        groupStations: 2,
        removed: false,
        outbound: false,
      },
    ]);
  });

  it('matches metric sets to tickets by ticket id, not by position', () => {
    const page = aPage({
      tickets: [aTicket({ id: 1 }), aTicket({ id: 2 })],
      metric_sets: [aMetricSet({ ticket_id: 2, replies: 5 }), aMetricSet({ ticket_id: 1, replies: 1 })],
    });
    const replies = normalizeZendeskTicketPage(page).tickets.map((t) => [t.id, t.publicReplies]);
    expect(replies).toEqual([
      ['1', 1],
      ['2', 5],
    ]);
  });

  it('leaves reply and solve unknown for a ticket without a reply or a metric set', () => {
    const page = aPage({
      tickets: [aTicket({ id: 1, status: 'open' }), aTicket({ id: 2, status: 'new' })],
      metric_sets: [
        aMetricSet({
          solved_at: null,
          reply_time_in_minutes: { calendar: null, business: null },
          full_resolution_time_in_minutes: { calendar: null, business: null },
          replies: 0,
          reopens: 0,
        }),
      ],
    });
    const [replied, bare] = normalizeZendeskTicketPage(page).tickets;
    expect(replied).toMatchObject({
      firstReplyAt: null,
      firstReplyMinutes: null,
      solvedAt: null,
      resolutionMinutes: null,
    });
    expect(bare).toMatchObject({
      firstReplyAt: null,
      solvedAt: null,
      publicReplies: 0,
      reopens: 0,
      groupStations: null,
    });
  });

  it.each([
    ['new', 'new'],
    ['open', 'open'],
    ['pending', 'pending'],
    ['hold', 'hold'],
    ['solved', 'solved'],
    ['closed', 'closed'],
  ])('maps status %s to %s', (status, expected) => {
    const [ticket] = normalizeZendeskTicketPage(aPage({ tickets: [aTicket({ status })] })).tickets;
    expect(ticket?.status).toBe(expected);
    expect(ticket?.removed).toBe(false);
  });

  it('marks a deleted ticket as removed', () => {
    const [ticket] = normalizeZendeskTicketPage(aPage({ tickets: [aTicket({ status: 'deleted' })] })).tickets;
    expect(ticket?.removed).toBe(true);
  });

  describe('metric sets', () => {
    const MISSING =
      'metric_sets: missing, so no ticket would have a reply or solve time; export the tickets with include=metric_sets';

    it('refuses a page exported without include=metric_sets, naming the field and the parameter', () => {
      const { metric_sets: _dropped, ...withoutField } = aPage();
      expect(errorOf(() => normalizeZendeskTicketPage(withoutField)).message).toBe(MISSING);
      expect(errorOf(() => normalizeZendeskTicketPage(aPage({ metric_sets: null }))).message).toBe(MISSING);
      expect(errorOf(() => normalizeZendeskTicketPage(aPage({ metric_sets: [] }))).message).toBe(MISSING);
    });

    it('accepts a page with no ticket, or only deleted ones, without metric sets', () => {
      expect(normalizeZendeskTicketPage({ tickets: [], end_of_stream: true }).tickets).toEqual([]);
      const deleted = normalizeZendeskTicketPage({ tickets: [aTicket({ status: 'deleted' })] });
      expect(deleted.tickets).toMatchObject([{ id: '1', removed: true }]);
    });

    it('takes a ticket_metrics record when the page has no metric set, the page own one first', () => {
      const metrics = new ZendeskTicketMetrics();
      metrics.add(
        parseZendeskTicketMetricPage({
          ticket_metrics: [
            { ...aMetricSet({ ticket_id: 1, replies: 1 }), id: 81, updated_at: '2026-01-05T11:00:00Z' },
            { ...aMetricSet({ ticket_id: 2, replies: 4 }), id: 82, updated_at: '2026-01-05T11:00:00Z' },
          ],
          meta: { has_more: false, after_cursor: null, before_cursor: null },
          links: { next: null, prev: null },
        }),
      );
      const page = aPage({
        tickets: [aTicket({ id: 1 }), aTicket({ id: 2 }), aTicket({ id: 3 })],
        metric_sets: [aMetricSet({ ticket_id: 1, replies: 3 })],
      });
      const { tickets, withoutMetrics } = normalizeZendeskTicketPage(page, metrics);
      expect(tickets.map((t) => [t.id, t.publicReplies, t.solvedAt])).toEqual([
        ['1', 3, at('2026-01-05T11:00:00Z')],
        ['2', 4, at('2026-01-05T11:00:00Z')],
        ['3', 0, null],
      ]);
      expect(withoutMetrics).toEqual(['3']);
    });

    it('reads a page without metric sets when ticket_metrics records are given, listing its gaps', () => {
      const { metric_sets: _dropped, ...withoutField } = aPage({ tickets: [aTicket({ id: 1 }), aTicket({ id: 2 })] });
      const metrics = new ZendeskTicketMetrics();
      metrics.add(parseZendeskTicketMetricPage({ ticket_metrics: [aMetricSet({ ticket_id: 2 })] }));
      const { tickets, withoutMetrics } = normalizeZendeskTicketPage(withoutField, metrics);
      expect(tickets.map((t) => t.solvedAt)).toEqual([null, at('2026-01-05T11:00:00Z')]);
      expect(withoutMetrics).toEqual(['1']);
    });

    it('keeps the ticket_metrics record updated last, whatever the page order', () => {
      const older = { ...aMetricSet({ replies: 1 }), updated_at: '2026-01-05T11:00:00Z' };
      const newer = { ...aMetricSet({ replies: 2 }), updated_at: '2026-01-06T11:00:00Z' };
      const metrics = new ZendeskTicketMetrics();
      metrics.add(parseZendeskTicketMetricPage({ ticket_metrics: [newer] }));
      metrics.add(parseZendeskTicketMetricPage({ ticket_metrics: [older] }));
      expect(metrics.get('1')?.replies).toBe(2);
    });

    it('names the field of a ticket_metrics page that does not fit', () => {
      expect(errorOf(() => parseZendeskTicketMetricPage({ metric_sets: [] })).message).toBe(
        'ticket_metrics: missing (expected an array)',
      );
      const bad = { ticket_metrics: [aMetricSet({ solved_at: 'later' })] };
      expect(errorOf(() => parseZendeskTicketMetricPage(bad)).path).toBe('ticket_metrics[0].solved_at');
    });
  });

  it('turns agents and admins into agents (admins marked as administering the helpdesk) and end-users into requesters', () => {
    const users = [
      { id: 9001, name: 'Alice', email: 'alice@acme.example', role: 'agent' },
      { id: 9003, name: 'Carol', email: null, role: 'admin' },
      { id: 5001, name: 'Ann', email: 'ann@example.com', role: 'end-user' },
    ];
    const { agents, requesters } = normalizeZendeskTicketPage(aPage({ users }));
    expect(agents).toEqual([
      { id: '9001', name: 'Alice', email: 'alice@acme.example' },
      { id: '9003', name: 'Carol', email: null, administersHelpdesk: true },
    ]);
    expect(requesters).toEqual([{ id: '5001', email: 'ann@example.com', name: 'Ann' }]);
  });

  it("gives each ticket's subject beside it, none where a ticket has none", () => {
    const tickets = [aTicket(), aTicket({ id: 2 })];
    delete tickets[1]!.subject;
    const page = aPage({ tickets, metric_sets: [aMetricSet(), aMetricSet({ ticket_id: 2 })] });
    expect(normalizeZendeskTicketPage(page).subjects).toEqual(['Cannot log in', null]);
  });

  it('keeps a user whose role it does not know as a requester, and returns the role to report', () => {
    const users = [{ id: 5002, name: 'Bo', email: 'bo@example.com', role: 'contributor' }];
    const { agents, requesters, unknownValues } = normalizeZendeskTicketPage(aPage({ users }));
    expect(agents).toEqual([]);
    expect(requesters).toEqual([{ id: '5002', email: 'bo@example.com', name: 'Bo' }]);
    expect(unknownValues).toEqual([{ field: 'role', value: 'contributor', readAs: 'an end-user' }]);
  });

  it('names the field and the value of a malformed time', () => {
    const page = aPage({ tickets: [aTicket(), aTicket(), aTicket(), aTicket({ created_at: 'yesterday' })] });
    expect(errorOf(() => normalizeZendeskTicketPage(page)).message).toBe(
      'tickets[3].created_at: expected an ISO 8601 time such as "2026-01-05T09:30:00Z", got "yesterday"',
    );
  });

  it('rejects a calendar date that does not exist', () => {
    const page = aPage({ tickets: [aTicket({ created_at: '2026-02-30T09:00:00Z' })] });
    expect(errorOf(() => normalizeZendeskTicketPage(page)).path).toBe('tickets[0].created_at');
  });

  it('keeps a ticket whose status it does not know, read as open, and returns the value to report', () => {
    // A solved-looking new status must not count as solved on a guess: open stays backlog.
    const page = aPage({ tickets: [aTicket({ status: 'archived' })] });
    const { tickets, unknownValues } = normalizeZendeskTicketPage(page);
    expect(tickets).toMatchObject([{ id: '1', status: 'open', removed: false }]);
    expect(unknownValues).toEqual([{ field: 'status', value: 'archived', readAs: 'open (unsolved)' }]);
    expect(normalizeZendeskTicketPage(aPage()).unknownValues).toEqual([]);
  });

  it('names a missing field, a wrong type and how many more problems there are', () => {
    const { requester_id: _dropped, ...noRequester } = aTicket();
    const page = aPage({ tickets: [noRequester], metric_sets: [aMetricSet({ replies: 'two' })] });
    expect(errorOf(() => normalizeZendeskTicketPage(page)).message).toBe(
      'tickets[0].requester_id: missing (expected an id) (and 1 more problem)',
    );
    const wrongType = aPage({ metric_sets: [aMetricSet({ replies: 'two' })] });
    expect(errorOf(() => normalizeZendeskTicketPage(wrongType)).message).toBe(
      'metric_sets[0].replies: expected a number, got "two"',
    );
  });

  it('says what a page must look like when it is not one', () => {
    expect(errorOf(() => normalizeZendeskTicketPage([])).message).toBe(
      'expected an incremental export page: an object with "tickets", "metric_sets" and "users"',
    );
    expect(errorOf(() => normalizeZendeskTicketPage({ satisfaction_ratings: [] })).message).toBe(
      'tickets: missing (expected an array)',
    );
  });
});

describe('normalizeZendeskRatingPage', () => {
  it('maps good to answered and positive, dated by updated_at', () => {
    expect(normalizeZendeskRatingPage({ satisfaction_ratings: [aRating()] })).toEqual([
      {
        id: '7001',
        ticketId: '1',
        agentId: '9001',
        requesterId: '5001',
        at: at('2026-01-06T10:00:00Z'),
        answered: true,
        positive: true,
        comment: 'thanks',
      },
    ]);
  });

  it('maps bad to answered, offered to sent and unanswered, and drops unoffered', () => {
    const page = {
      satisfaction_ratings: [
        aRating({ id: 1, score: 'bad' }),
        aRating({ id: 2, score: 'offered' }),
        aRating({ id: 3, score: 'unoffered' }),
      ],
    };
    expect(normalizeZendeskRatingPage(page).map((r) => [r.id, r.answered, r.positive])).toEqual([
      ['1', true, false],
      ['2', false, false],
    ]);
  });

  it('falls back to created_at without updated_at and keeps a missing agent missing', () => {
    const [rating] = normalizeZendeskRatingPage({
      satisfaction_ratings: [aRating({ updated_at: null, assignee_id: null, comment: '' })],
    });
    expect(rating).toMatchObject({ at: at('2026-01-05T11:05:00Z'), agentId: null, comment: null });
  });

  it('names an unknown score', () => {
    const page = { satisfaction_ratings: [aRating({ score: 'great' })] };
    expect(errorOf(() => normalizeZendeskRatingPage(page)).message).toBe(
      'satisfaction_ratings[0].score: expected "good" or "bad" or "offered" or "unoffered", got "great"',
    );
  });
});
