import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { payloadErrorOf } from '../expect-payload-error.js';
import {
  combineReplies,
  freshdeskPageReplies,
  normalizeFreshdeskAgentPage,
  normalizeFreshdeskRatingPage,
  normalizeFreshdeskRemovedPage,
  normalizeFreshdeskTicketPage,
  withReplies,
} from './normalize.js';

const at = (iso: string): number => Date.parse(iso);

function aStats(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    first_responded_at: '2026-01-05T09:30:00Z',
    agent_responded_at: '2026-01-05T09:30:00Z',
    requester_responded_at: null,
    status_updated_at: '2026-01-05T11:00:00Z',
    reopened_at: null,
    resolved_at: '2026-01-05T11:00:00Z',
    closed_at: null,
    pending_since: null,
    ...fields,
  };
}

function aTicket(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 1,
    subject: 'Cannot log in',
    description_text: 'fields we do not read are allowed',
    status: 4,
    requester_id: 5001,
    responder_id: 9001,
    group_id: 301,
    spam: false,
    tags: ['login'],
    created_at: '2026-01-05T09:00:00Z',
    updated_at: '2026-01-05T11:00:00Z',
    stats: aStats(),
    ...fields,
  };
}

function aRating(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 7001,
    survey_id: 1,
    user_id: 5001,
    agent_id: 9001,
    group_id: 301,
    ticket_id: 1,
    feedback: 'thanks',
    ratings: { default_question: 103, question_2: -101 },
    created_at: '2026-01-06T09:55:00Z',
    updated_at: '2026-01-06T10:00:00Z',
    ...fields,
  };
}

const oneTicket = (fields: Record<string, unknown> = {}) => {
  const [ticket] = normalizeFreshdeskTicketPage([aTicket(fields)]).tickets;
  if (ticket === undefined) throw new Error('no ticket');
  return ticket;
};

describe('normalizeFreshdeskTicketPage', () => {
  it('maps a ticket with stats onto the model, leaving business minutes to the engine', () => {
    expect(withReplies(oneTicket(), { count: 2, firstAt: at('2026-01-05T09:30:00Z') })).toEqual({
      id: '1',
      requesterId: '5001',
      assigneeId: '9001',
      groupId: '301',
      status: 'solved',
      createdAt: at('2026-01-05T09:00:00Z'),
      tags: ['login'],
      firstReplyAt: at('2026-01-05T09:30:00Z'),
      firstReplyMinutes: 30,
      firstReplyBusinessMinutes: null,
      solvedAt: at('2026-01-05T11:00:00Z'),
      resolutionMinutes: 120,
      resolutionBusinessMinutes: null,
      publicReplies: 2,
      reopens: 0,
      groupStations: null,
      removed: false,
      outbound: false,
    });
  });

  it.each([
    [2, 'open'],
    [3, 'pending'],
    [4, 'solved'],
    [5, 'closed'],
    [6, 'open'],
    [12, 'open'],
  ])('maps status %i to %s (custom statuses are unsolved)', (status, expected) => {
    expect(oneTicket({ status }).status).toBe(expected);
  });

  it('takes the close time as the solve when there is no resolve time', () => {
    const ticket = oneTicket({ status: 5, stats: aStats({ resolved_at: null, closed_at: '2026-01-06T09:00:00Z' }) });
    expect(ticket.solvedAt).toBe(at('2026-01-06T09:00:00Z'));
    expect(ticket.resolutionMinutes).toBe(24 * 60);
  });

  it('counts a ticket with a reopen time as reopened once', () => {
    expect(oneTicket({ stats: aStats({ reopened_at: '2026-01-05T10:00:00Z' }) }).reopens).toBe(1);
  });

  it('leaves reply and solve unknown when the stats have none', () => {
    const ticket = oneTicket({ status: 2, stats: aStats({ first_responded_at: null, resolved_at: null }) });
    expect(ticket).toMatchObject({
      firstReplyAt: null,
      firstReplyMinutes: null,
      solvedAt: null,
      resolutionMinutes: null,
    });
  });

  it('marks spam and deleted tickets as removed', () => {
    expect(oneTicket({ spam: true }).removed).toBe(true);
    expect(oneTicket({ deleted: true }).removed).toBe(true);
    expect(oneTicket({ spam: false, deleted: false }).removed).toBe(false);
  });

  it('takes requesters from the tickets, with e-mail and name when the requester is included', () => {
    const { requesters } = normalizeFreshdeskTicketPage([
      aTicket({ requester: { id: 5001, name: 'Ann', email: 'ann@example.com' } }),
      aTicket({ id: 2, requester_id: 5002 }),
    ]);
    expect(requesters).toEqual([
      { id: '5001', email: 'ann@example.com', name: 'Ann' },
      { id: '5002', email: null, name: null },
    ]);
  });

  it("gives each ticket's subject beside it, none where a ticket has none", () => {
    const { subjects } = normalizeFreshdeskTicketPage([aTicket(), aTicket({ id: 2, subject: null })]);
    expect(subjects).toEqual(['Cannot log in', null]);
  });

  it('says to export with include=stats when a ticket has no stats', () => {
    const { stats: _dropped, ...noStats } = aTicket();
    expect(payloadErrorOf(() => normalizeFreshdeskTicketPage([aTicket(), noStats])).message).toBe(
      '[1].stats: missing: export the tickets with include=stats',
    );
  });

  it('names a field of the wrong type', () => {
    expect(payloadErrorOf(() => normalizeFreshdeskTicketPage([aTicket({ status: 'Open' })])).message).toBe(
      '[0].status: expected a number, got "Open"',
    );
    expect(
      payloadErrorOf(() => normalizeFreshdeskTicketPage([aTicket({ stats: aStats({ resolved_at: 17 }) })])).message,
    ).toBe('[0].stats.resolved_at: expected an ISO 8601 time such as "2026-01-05T09:30:00Z", got 17');
  });

  it('says what a page must be when it is not an array', () => {
    expect(payloadErrorOf(() => normalizeFreshdeskTicketPage({ tickets: [] })).message).toBe(
      'expected a page of GET /api/v2/tickets?include=stats (an array), got an object',
    );
  });
});

describe('records as real accounts send them (test/fixtures/export/freshdesk-real-accounts)', () => {
  const folder = new URL('../../../../test/fixtures/export/freshdesk-real-accounts/', import.meta.url);
  const json = (name: string): unknown => JSON.parse(readFileSync(new URL(name, folder), 'utf8'));
  const page = normalizeFreshdeskTicketPage(json('tickets-0001.json'));
  const ticket = (id: string) => {
    const found = page.tickets.find((t) => t.id === id);
    if (found === undefined) throw new Error(`no ticket ${id} in the fixture`);
    return found;
  };
  const repliesOf = (id: string) => freshdeskPageReplies(json(`conversations/${id}.json`), id);

  it('marks an outbound e-mail closed at once as outbound, solved at its creation', () => {
    expect(ticket('203')).toMatchObject({
      outbound: true,
      status: 'closed',
      solvedAt: at('2026-01-07T10:00:00Z'),
      resolutionMinutes: 0,
    });
  });

  it('marks an outbound e-mail left open as outbound and unsolved, its rating kept', () => {
    expect(ticket('204')).toMatchObject({ outbound: true, status: 'open', solvedAt: null });
    const ratings = normalizeFreshdeskRatingPage(json('satisfaction_ratings-0001.json'));
    expect(ratings.find((r) => r.ticketId === '204')).toMatchObject({
      agentId: '9002',
      answered: true,
      positive: true,
    });
  });

  it('reads customer sources, a missing one too, as not outbound', () => {
    expect(['201', '202', '205', '206'].map((id) => ticket(id).outbound)).toEqual([false, false, false, false]);
    expect(oneTicket({ source: null }).outbound).toBe(false);
    // aTicket() has no source field at all, as old records.
    expect(normalizeFreshdeskTicketPage([aTicket()])).toMatchObject({
      tickets: [{ outbound: false }],
      unknownValues: [],
    });
  });

  it('reads a reopened ticket (status 2 with resolved_at) as open, keeping the earlier solve time', () => {
    // Whether the earlier solve counts is the engine's rule (solved only while solved now).
    expect(ticket('205')).toMatchObject({ status: 'open', solvedAt: at('2026-01-12T10:00:00Z'), reopens: 1 });
  });

  it('takes the first reply from the conversations when first_responded_at is null', () => {
    expect(ticket('202').firstReplyAt).toBeNull();
    const replies = repliesOf('202');
    // A customer message (09:10) and a private note (09:15) come first; the replies are 09:45 and 10:30.
    expect(replies).toEqual({ count: 2, firstAt: at('2026-01-06T09:45:00Z') });
    // 09:00 -> 09:45.
    expect(withReplies(ticket('202'), replies)).toMatchObject({
      publicReplies: 2,
      firstReplyAt: at('2026-01-06T09:45:00Z'),
      firstReplyMinutes: 45,
      firstReplyBusinessMinutes: null,
    });
  });

  it("keeps the stats' first reply when there is one", () => {
    // 201's stats say 09:30; a conversation page claiming an earlier reply does not move it.
    const earlier = { count: 1, firstAt: at('2026-01-05T09:10:00Z') };
    expect(withReplies(ticket('201'), earlier)).toMatchObject({
      firstReplyAt: at('2026-01-05T09:30:00Z'),
      firstReplyMinutes: 30,
    });
  });

  it('keeps a ticket with an unknown status and source, read as unsolved, and says which values', () => {
    expect(ticket('206')).toMatchObject({ status: 'open', outbound: false });
    expect(page.unknownValues).toEqual([
      { field: 'status', value: 12, readAs: 'unsolved' },
      { field: 'source', value: 42, readAs: 'a customer contact' },
    ]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('knows source %i', (source) => {
    expect(normalizeFreshdeskTicketPage([aTicket({ source })]).unknownValues).toEqual([]);
  });
});

describe('normalizeFreshdeskRemovedPage', () => {
  it('takes the id and change time of each ticket under filter=spam or filter=deleted', () => {
    const page = [
      aTicket({ id: 7, spam: true, updated_at: '2026-01-07T08:00:00Z' }),
      aTicket({ id: 8, deleted: true, updated_at: '2026-01-08T08:00:00Z' }),
    ];
    expect(normalizeFreshdeskRemovedPage(page)).toEqual([
      { id: '7', updatedAt: at('2026-01-07T08:00:00Z') },
      { id: '8', updatedAt: at('2026-01-08T08:00:00Z') },
    ]);
  });

  it('names a ticket without its change time', () => {
    expect(payloadErrorOf(() => normalizeFreshdeskRemovedPage([{ id: 7 }])).message).toMatch(/^\[0\]\.updated_at: /);
  });
});

describe('freshdeskPageReplies', () => {
  const message = (id: number, incoming: boolean, isPrivate: boolean, createdAt: string) => ({
    id,
    ticket_id: 1,
    incoming,
    private: isPrivate,
    body_text: 'text we do not read',
    created_at: createdAt,
  });

  it('counts messages that are neither incoming nor private, and dates the first', () => {
    const page = [
      message(1, true, false, '2026-01-05T09:05:00Z'), // the customer
      message(2, false, true, '2026-01-05T09:10:00Z'), // a private note
      message(3, false, false, '2026-01-05T09:40:00Z'), // the first public reply
      message(4, false, false, '2026-01-05T10:00:00Z'),
    ];
    expect(freshdeskPageReplies(page, '1')).toEqual({ count: 2, firstAt: at('2026-01-05T09:40:00Z') });
    expect(freshdeskPageReplies([], '1')).toEqual({ count: 0, firstAt: null });
  });

  it('adds the pages of one ticket, keeping the earliest reply', () => {
    const pages = [
      { count: 2, firstAt: at('2026-01-05T09:40:00Z') },
      { count: 0, firstAt: null },
      { count: 1, firstAt: at('2026-01-06T08:00:00Z') },
    ];
    expect(combineReplies(pages)).toEqual({ count: 3, firstAt: at('2026-01-05T09:40:00Z') });
    expect(combineReplies([])).toEqual({ count: 0, firstAt: null });
  });

  it('rejects a message of another ticket', () => {
    const page = [{ ticket_id: 2, incoming: false, private: false, created_at: '2026-01-05T09:40:00Z' }];
    expect(payloadErrorOf(() => freshdeskPageReplies(page, '1')).message).toBe(
      '[0].ticket_id: belongs to ticket 2, not to ticket 1 that this page is for',
    );
  });

  it('names a message without its incoming flag or its time', () => {
    expect(payloadErrorOf(() => freshdeskPageReplies([{ private: false }], '1')).message).toMatch(
      /^\[0\]\.incoming: missing \(expected a boolean\)/,
    );
    expect(payloadErrorOf(() => freshdeskPageReplies([{ incoming: false, private: false }], '1')).message).toBe(
      '[0].created_at: expected an ISO 8601 time such as "2026-01-05T09:30:00Z", got nothing',
    );
  });
});

describe('normalizeFreshdeskRatingPage', () => {
  it('maps a rating onto an answered, positive rating dated by updated_at', () => {
    expect(normalizeFreshdeskRatingPage([aRating()])).toEqual([
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

  it.each([
    [103, true],
    [102, true],
    [101, true],
    [100, false],
    [-101, false],
    [-103, false],
  ])('counts default question %i as positive: %s', (score, positive) => {
    const [rating] = normalizeFreshdeskRatingPage([aRating({ ratings: { default_question: score } })]);
    expect(rating).toMatchObject({ answered: true, positive });
  });

  it('falls back to created_at and keeps a missing agent missing', () => {
    const [rating] = normalizeFreshdeskRatingPage([aRating({ updated_at: null, agent_id: null, feedback: null })]);
    expect(rating).toMatchObject({ at: at('2026-01-06T09:55:00Z'), agentId: null, comment: null });
  });

  it('names a rating without an answer to the default question', () => {
    expect(
      payloadErrorOf(() => normalizeFreshdeskRatingPage([aRating({ ratings: { question_2: 103 } })])).message,
    ).toBe('[0].ratings.default_question: missing (expected a number)');
  });
});

describe('normalizeFreshdeskAgentPage', () => {
  it('takes the name and e-mail from the contact', () => {
    const page = [{ id: 9001, available: true, contact: { name: 'Alice', email: 'alice@acme.example', active: true } }];
    expect(normalizeFreshdeskAgentPage(page)).toEqual([{ id: '9001', name: 'Alice', email: 'alice@acme.example' }]);
  });

  it('names an agent without a contact', () => {
    expect(payloadErrorOf(() => normalizeFreshdeskAgentPage([{ id: 9001 }])).message).toBe(
      '[0].contact: missing (expected an object)',
    );
  });
});
