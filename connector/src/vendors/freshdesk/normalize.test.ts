import { describe, expect, it } from 'vitest';
import { payloadErrorOf } from '../expect-payload-error.js';
import {
  countFreshdeskPublicReplies,
  normalizeFreshdeskAgentPage,
  normalizeFreshdeskRatingPage,
  normalizeFreshdeskTicketPage,
  withPublicReplies,
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
    subject: 'fields we do not read are allowed',
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
    expect(withPublicReplies(oneTicket(), 2)).toEqual({
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

  it('takes requesters from the tickets, with e-mail when the requester is included', () => {
    const { requesters } = normalizeFreshdeskTicketPage([
      aTicket({ requester: { id: 5001, name: 'Ann', email: 'ann@example.com' } }),
      aTicket({ id: 2, requester_id: 5002 }),
    ]);
    expect(requesters).toEqual([
      { id: '5001', email: 'ann@example.com' },
      { id: '5002', email: null },
    ]);
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

describe('countFreshdeskPublicReplies', () => {
  it('counts messages that are neither incoming nor private', () => {
    const page = [
      { id: 1, ticket_id: 1, incoming: false, private: false, body_text: 'agent reply' },
      { id: 2, ticket_id: 1, incoming: true, private: false, body_text: 'customer reply' },
      { id: 3, ticket_id: 1, incoming: false, private: true, body_text: 'private note' },
      { id: 4, ticket_id: 1, incoming: false, private: false, body_text: 'agent reply' },
    ];
    expect(countFreshdeskPublicReplies(page, '1')).toBe(2);
    expect(countFreshdeskPublicReplies([], '1')).toBe(0);
  });

  it('rejects a message of another ticket', () => {
    const page = [{ ticket_id: 2, incoming: false, private: false }];
    expect(payloadErrorOf(() => countFreshdeskPublicReplies(page, '1')).message).toBe(
      '[0].ticket_id: belongs to ticket 2, not to ticket 1 that this page is for',
    );
  });

  it('names a message without its incoming flag', () => {
    expect(payloadErrorOf(() => countFreshdeskPublicReplies([{ private: false }], '1')).message).toBe(
      '[0].incoming: missing (expected a boolean)',
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
