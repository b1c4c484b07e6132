import { aHistory, aTicket, at } from '@frontline/kpi/testing';
import { describe, expect, it } from 'vitest';
import { requesterContextJson } from './present-requester.js';

const NOW = at('2026-11-20T15:00:00Z');

describe('requesterContextJson, on real accounts', () => {
  // r1 wrote on Nov 18 (t5, solved Nov 19 16:00, reopened since) and again today (t1).
  const reopened = aTicket({
    id: 't5',
    requesterId: 'r1',
    status: 'open',
    createdAt: at('2026-11-18T09:00:00Z'),
    solvedAt: at('2026-11-19T16:00:00Z'),
    reopens: 1,
  });
  const today = aTicket({ id: 't1', requesterId: 'r1', createdAt: at('2026-11-20T09:00:00Z') });
  // The agent's outbound e-mails to r1: one created closed on Nov 19, one still open.
  const outboundClosed = aTicket({
    id: 'o1',
    requesterId: 'r1',
    outbound: true,
    status: 'closed',
    createdAt: at('2026-11-19T12:00:00Z'),
    solvedAt: at('2026-11-19T12:00:00Z'),
  });
  const outboundOpen = aTicket({ id: 'o2', requesterId: 'r1', outbound: true, createdAt: at('2026-11-20T10:00:00Z') });
  const history = aHistory({ tickets: [reopened, today, outboundClosed, outboundOpen] });

  it('warns of no repeat contact after a ticket reopened since, nor after an outbound one', () => {
    expect(requesterContextJson(history, 'r1', NOW, 't1').repeatContact).toBeNull();
  });

  it('counts only customer contacts, and lists a reopened or outbound ticket as open', () => {
    const context = requesterContextJson(history, 'r1', NOW, 't1');
    // t5 and t1 are r1's contacts; o1 and o2 are the agent's.
    expect(context.contactsLast30Days).toBe(2);
    expect(context.recentTickets.map((t) => t.id)).toEqual(['t1', 't5']);
    expect(context.openTickets.map((t) => t.id)).toEqual(['o2', 't1', 't5']);
  });

  it('warns when a ticket solved now precedes the contact, but not for an outbound ticket', () => {
    const solved = { ...reopened, status: 'solved' as const };
    const again = aHistory({ tickets: [solved, today, outboundOpen] });
    expect(requesterContextJson(again, 'r1', NOW, 't1').repeatContact).toMatchObject({
      solvedTicketId: 't5',
      solvedAt: '2026-11-19T16:00:00.000Z',
    });
    expect(requesterContextJson(again, 'r1', NOW, 'o2').repeatContact).toBeNull();
  });
});
