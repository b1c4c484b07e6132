import { describe, expect, it } from 'vitest';
import { createSimulatedAccount } from './account.js';
import { teamProfiles, type AgentProfileKind } from './agent-profiles.js';
import { generateHistory } from './history.js';
import { backlogOf, startLifecycleTraffic } from './lifecycle-traffic.js';
import { createManualClock } from './manual-clock.js';
import { TicketState } from './ticket-table.js';

const NOW = Date.UTC(2026, 10, 20, 9);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function demoAccount(seed: number, vendor: 'zendesk' | 'freshdesk' = 'zendesk') {
  const history = generateHistory({
    seed,
    tickets: 1500,
    days: 30,
    agents: 8,
    now: NOW,
    profiles: teamProfiles(seed, 8),
  });
  const clock = createManualClock(NOW);
  return { clock, account: createSimulatedAccount({ vendor, history, clock }) };
}

const isSolved = (status: number) => status === TicketState.solved || status === TicketState.closed;

describe('lifecycle traffic', () => {
  it('at a faster pace, lives the same tickets in as many times less time', async () => {
    const changesOf = async (pace: number, span: number) => {
      const { clock, account } = demoAccount(4);
      const seen: string[] = [];
      account.onChange((event) => void seen.push(`${event.ticketId} ${JSON.stringify(event.change)}`));
      const stop = startLifecycleTraffic(account, { pace });
      await clock.advance(span);
      await stop();
      return seen;
    };
    const realistic = await changesOf(1, 10 * HOUR);
    expect(realistic.length).toBeGreaterThan(50);
    expect(await changesOf(20, 30 * MINUTE)).toEqual(realistic);
  });

  it.each([1, 2, 3])(
    'keeps the backlog level over a simulated day, tickets solving as fast as they come (seed %i)',
    async (seed) => {
      const { clock, account } = demoAccount(seed);
      const start = backlogOf(account).length;
      let created = 0;
      let solved = 0;
      let reopened = 0;
      account.onChange((event) => {
        if (event.change.kind === 'create') created++;
        if (event.before !== null && !isSolved(event.before.status) && isSolved(event.after.status)) solved++;
        if (event.before !== null && isSolved(event.before.status) && !isSolved(event.after.status)) reopened++;
      });
      const stop = startLifecycleTraffic(account);
      const samples: number[] = [];
      for (let half = 0; half < 48; half++) {
        await clock.advance(30 * MINUTE);
        samples.push(backlogOf(account).length);
      }
      await stop();
      // Within a quarter of where it started, every half hour of the day (it moved by ±12 % in trials).
      for (const sample of samples) {
        expect(sample).toBeGreaterThanOrEqual(start * 0.75);
        expect(sample).toBeLessThanOrEqual(start * 1.25);
      }
      // Tickets came all day (hundreds), and about as many were solved: the backlog's tickets included.
      expect(created).toBeGreaterThan(200);
      expect(Math.abs(solved - created)).toBeLessThan(0.25 * created);
      // Solved tickets are never reopened live: a solved count only grows.
      expect(reopened).toBe(0);
    },
  );

  it('replies as fast as each agent works: the fast agent first, the slow one last', async () => {
    const { clock, account } = demoAccount(5, 'freshdesk');
    const profiles = account.history.profiles!;
    const firstReply = new Map<AgentProfileKind, number[]>();
    const createdAt = new Map<number, number>();
    const base = account.state.table.count;
    account.onChange((event) => {
      if (event.change.kind === 'create') createdAt.set(event.ticketId, event.atSec);
      const created = createdAt.get(event.ticketId);
      if (event.change.kind !== 'reply' || created === undefined) return;
      createdAt.delete(event.ticketId);
      const kind = profiles[event.after.assignee - 1]!.kind;
      firstReply.set(kind, [...(firstReply.get(kind) ?? []), (event.atSec - created) / 60]);
    });
    const stop = startLifecycleTraffic(account);
    await clock.advance(72 * HOUR);
    await stop();
    expect(account.state.table.count - base).toBeGreaterThan(600);
    const median = (kind: AgentProfileKind) => {
      const sorted = [...firstReply.get(kind)!].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)]!;
    };
    // Medians of 8, 35, 70 and 120 calendar minutes (each within 10 %).
    expect(median('fast-but-reopened')).toBeLessThan(median('steady'));
    expect(median('steady')).toBeLessThan(median('learning'));
    expect(median('learning')).toBeLessThan(median('slow-but-loved'));
    expect(median('fast-but-reopened')).toBeLessThan(15);
    expect(median('slow-but-loved')).toBeGreaterThan(80);
  });

  it('needs a profile for each agent', () => {
    const history = generateHistory({ seed: 1, tickets: 100, days: 30, now: NOW });
    const account = createSimulatedAccount({ vendor: 'zendesk', history, clock: createManualClock(NOW) });
    expect(() => startLifecycleTraffic(account)).toThrow('lifecycle traffic needs a profile for each agent');
  });
});
