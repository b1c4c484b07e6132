import { describe, expect, it } from 'vitest';
import { computeScorecard } from './scorecard.js';
import { aHistory, aTicket, at } from './testing/index.js';

const WEEK = { from: at('2026-01-12T00:00:00Z'), to: at('2026-01-19T00:00:00Z') };
const DAY = 24 * 60 * 60 * 1000;

describe('computeScorecard', () => {
  // a1 solves 3 this week and 2 the week before; a2 solves 1 this week.
  const solved = (assigneeId: string, solvedAt: number) =>
    aTicket({ assigneeId, createdAt: solvedAt - DAY, solvedAt, publicReplies: 1 });
  const history = aHistory({
    tickets: [
      solved('a1', WEEK.from + DAY),
      solved('a1', WEEK.from + 2 * DAY),
      solved('a1', WEEK.from + 3 * DAY),
      solved('a1', WEEK.from - DAY),
      solved('a1', WEEK.from - 2 * DAY),
      solved('a2', WEEK.from + DAY),
    ],
  });
  const card = computeScorecard(history, WEEK, {
    now: at('2026-02-01T00:00:00Z'),
    targets: [{ kpi: 'solved', green: 3, amber: 2 }],
  });

  it('scores against the previous window of equal length', () => {
    expect(card.previousWindow).toEqual({ from: WEEK.from - 7 * DAY, to: WEEK.from });
    const a1 = card.agents.get('a1')!.solved!;
    expect(a1.value).toBe(3);
    expect(a1.previous).toEqual({ value: 2, sample: 2 });
    expect(a1.change).toBe(0.5);
  });

  it('gives each agent its target status and the team median', () => {
    expect(card.agents.get('a1')!.solved!.status).toBe('green');
    expect(card.agents.get('a2')!.solved!.status).toBe('red');
    expect(card.agents.get('a2')!.solved!.teamMedian).toBe(2);
    expect(card.team.solved!.value).toBe(4);
  });

  it('has no trend for an agent without a previous value', () => {
    expect(card.agents.get('a2')!.solved!.change).toBeNull();
    expect(card.agents.get('a2')!.first_reply_time_median!.status).toBe('none');
  });

  it('carries the tickets behind each score when asked', () => {
    const withTickets = computeScorecard(history, WEEK, { now: at('2026-02-01T00:00:00Z'), drillDown: true });
    expect(withTickets.agents.get('a2')!.solved!.tickets!.sample).toEqual([history.tickets[5]!.id]);
  });
});
