import { describe, expect, it } from 'vitest';
import { computeInsights } from './insights.js';
import { aHistory, aRating, aTicket, at } from './testing/index.js';

const WEEK = { from: at('2026-01-12T00:00:00Z'), to: at('2026-01-19T00:00:00Z') };
const DAY = 24 * 60 * 60 * 1000;
const NOW = { now: at('2026-02-01T00:00:00Z') };

describe('computeInsights', () => {
  const ticket = aTicket({ assigneeId: 'a1', requesterId: 'r1', createdAt: WEEK.from, solvedAt: WEEK.from + DAY });

  it('escalates a negative rating to the agent of the ticket, naming it', () => {
    const ratings = [
      aRating({ ticketId: ticket.id, at: WEEK.from + 2 * DAY, positive: false, comment: 'Still broken' }),
    ];
    const [insight] = computeInsights(aHistory({ tickets: [ticket], ratings }), WEEK, NOW);
    expect(insight).toMatchObject({
      kind: 'negative_rating',
      agentId: 'a1',
      comment: 'Still broken',
      ticketIds: [ticket.id],
    });
  });

  it('pinpoints a positive rating with a comment as a success, and not one without', () => {
    const ratings = [
      aRating({ ticketId: ticket.id, at: WEEK.from + 2 * DAY, comment: 'Fixed in minutes, thanks!' }),
      aRating({ ticketId: ticket.id, at: WEEK.from + 2 * DAY }),
      aRating({ ticketId: ticket.id, at: WEEK.from + 3 * DAY, answered: false, positive: false }),
    ];
    const insights = computeInsights(aHistory({ tickets: [ticket], ratings }), WEEK, NOW);
    expect(insights).toHaveLength(1);
    expect(insights[0]).toMatchObject({ kind: 'success', agentId: 'a1', ticketIds: [ticket.id] });
  });

  it('ignores ratings outside the window and ratings of deleted tickets', () => {
    const deleted = aTicket({ removed: true, assigneeId: 'a1' });
    const ratings = [
      aRating({ ticketId: ticket.id, at: WEEK.to, positive: false }),
      aRating({ ticketId: deleted.id, at: WEEK.from + DAY, positive: false }),
    ];
    expect(computeInsights(aHistory({ tickets: [ticket, deleted], ratings }), WEEK, NOW)).toEqual([]);
  });

  it('flags a requester back within 7 days, naming the solved ticket and the new one', () => {
    const next = aTicket({ requesterId: 'r1', createdAt: WEEK.from + 3 * DAY });
    const insights = computeInsights(aHistory({ tickets: [ticket, next] }), WEEK, NOW);
    expect(insights).toEqual([
      { kind: 'repeat_contact', agentId: 'a1', requesterId: 'r1', ticketIds: [ticket.id, next.id], at: next.createdAt },
    ]);
  });

  it('flags no repeat contact after a ticket reopened since, nor for an outbound follow-up', () => {
    const reopened = { ...ticket, status: 'open' as const, reopens: 1 };
    const next = aTicket({ requesterId: 'r1', createdAt: WEEK.from + 3 * DAY });
    expect(computeInsights(aHistory({ tickets: [reopened, next] }), WEEK, NOW)).toEqual([]);
    const followUp = aTicket({ requesterId: 'r1', createdAt: WEEK.from + 3 * DAY, outbound: true, status: 'closed' });
    expect(computeInsights(aHistory({ tickets: [ticket, followUp] }), WEEK, NOW)).toEqual([]);
  });

  it('flags a KPI red in this window and the one before, but not a one-window blip', () => {
    const slow = (createdAt: number) =>
      aTicket({ assigneeId: 'a2', createdAt, firstReplyAt: createdAt + 5 * 60 * 60 * 1000 });
    const fast = (createdAt: number) =>
      aTicket({ assigneeId: 'a3', createdAt, firstReplyAt: createdAt + 10 * 60 * 1000 });
    const thisWeek = [slow(WEEK.from + DAY), fast(WEEK.from + DAY)];
    const lastWeek = [slow(WEEK.from - 3 * DAY)];
    const history = aHistory({ tickets: [...thisWeek, ...lastWeek, fast(WEEK.from - 3 * DAY)] });
    const insights = computeInsights(history, WEEK, {
      ...NOW,
      targets: [{ kpi: 'first_reply_time_median', green: 60, amber: 120 }],
    });
    const offTarget = insights.filter((i) => i.kind === 'off_target');
    // The team median (300 and 10 -> 155) is red both weeks too; a3 is green.
    expect(offTarget).toEqual([
      expect.objectContaining({ agentId: null, kpi: 'first_reply_time_median', value: 155, previousValue: 155 }),
      expect.objectContaining({
        agentId: 'a2',
        kpi: 'first_reply_time_median',
        value: 300,
        previousValue: 300,
        ticketIds: [thisWeek[0]!.id],
      }),
    ]);
  });

  it('orders insights newest first', () => {
    const ratings = [
      aRating({ ticketId: ticket.id, at: WEEK.from + 2 * DAY, positive: false }),
      aRating({ ticketId: ticket.id, at: WEEK.from + 4 * DAY, positive: false }),
    ];
    const [first, second] = computeInsights(aHistory({ tickets: [ticket], ratings }), WEEK, NOW);
    expect((first as { at: number }).at).toBeGreaterThan((second as { at: number }).at);
  });
});
