import { aRating, aTicket, anAgent, at } from '@frontline/kpi/testing';
import { describe, expect, it } from 'vitest';
import type { HistoryChanges } from '../store/sync-store.js';
import { LiveHistory } from './live-history.js';

const none: Omit<HistoryChanges, 'revision'> = {
  tickets: [],
  ratings: [],
  surveyAnswers: [],
  agents: [],
  requesters: [],
  schedule: null,
  ratingsIncludeUnanswered: true,
};

function start() {
  return new LiveHistory({
    revision: 4,
    history: {
      tickets: [aTicket({ id: '1', status: 'open' }), aTicket({ id: '2' })],
      ratings: [aRating({ id: 'r1', ticketId: '1', at: at('2026-11-01T10:00:00Z') })],
      surveyAnswers: [],
      agents: [anAgent('a1')],
      requesters: [],
      schedule: null,
      ratingsIncludeUnanswered: true,
    },
  });
}

describe('LiveHistory', () => {
  it('replaces changed tickets in place, appends new ones, and leaves the old snapshot as it was', () => {
    const live = start();
    const before = live.snapshot;
    const changed = live.apply({
      ...none,
      revision: 5,
      tickets: [aTicket({ id: '1', status: 'solved' }), aTicket({ id: '3' })],
    });
    expect(changed).toBe(true);
    expect(live.snapshot.revision).toBe(5);
    expect(live.snapshot.history.tickets.map((t) => [t.id, t.status])).toEqual([
      ['1', 'solved'],
      ['2', 'open'],
      ['3', 'open'],
    ]);
    expect(before.history.tickets.map((t) => t.status)).toEqual(['open', 'open']);
    expect(live.snapshot.history.tickets).not.toBe(before.history.tickets);
  });

  it('keeps ratings in time order when a change moves or adds one', () => {
    const live = start();
    live.apply({
      ...none,
      revision: 5,
      ratings: [
        aRating({ id: 'r2', ticketId: '2', at: at('2026-10-01T10:00:00Z') }),
        aRating({ id: 'r1', ticketId: '1', at: at('2026-11-02T10:00:00Z'), positive: false }),
      ],
    });
    expect(live.snapshot.history.ratings.map((r) => [r.id, r.positive])).toEqual([
      ['r2', true],
      ['r1', false],
    ]);
  });

  it('ignores changes it has already seen and keeps unchanged parts shared', () => {
    const live = start();
    const before = live.snapshot;
    expect(live.apply({ ...none, revision: 4, tickets: [aTicket({ id: '9' })] })).toBe(false);
    expect(live.snapshot).toBe(before);
    live.apply({ ...none, revision: 6, agents: [anAgent('a2')] });
    expect(live.snapshot.history.tickets).toBe(before.history.tickets);
    expect(live.snapshot.history.agents.map((a) => a.id)).toEqual(['a1', 'a2']);
  });
});
