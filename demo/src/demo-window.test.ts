import { afterEach, describe, expect, it } from 'vitest';
import { TicketState } from '@frontline/simulators';
import { DEMO_HISTORY, openDemoHelpdesk, replayRuns, type DemoHelpdesk } from './demo-helpdesk.js';
import type { DemoJournal } from './demo-journal.js';
import { DEMO_WINDOW_MS } from './demo-retention.js';
import { createReplayClock } from './replay-clock.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 11, 7, 12);

/** Tickets of the helpdesk that its API still shows (not deleted or spam). */
function shown(helpdesk: DemoHelpdesk): number[] {
  const { state } = helpdesk.account;
  return Array.from({ length: state.table.count }, (_, i) => i).filter((i) => !state.isRemoved(i));
}

describe('the demo helpdesks over time', () => {
  const open: DemoHelpdesk[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((helpdesk) => helpdesk.close()));
  });
  const replay = async (journal: DemoJournal) => {
    const clock = createReplayClock(journal.anchor);
    const helpdesk = await openDemoHelpdesk('zendesk', journal, clock);
    open.push(helpdesk);
    const started = performance.now();
    await replayRuns(clock, [helpdesk], journal.runs);
    return { helpdesk, replayMs: performance.now() - started };
  };

  it('after 24 simulated hours of traffic holds a month of history and a day of tickets, replayed in well under a second', async () => {
    const anchor = NOW - DAY - 2 * 60_000;
    const { helpdesk, replayMs } = await replay({
      version: 2,
      seed: 21,
      anchor,
      runs: [{ from: anchor + 60_000, to: anchor + 60_000 + DAY }],
    });
    const tickets = shown(helpdesk).length;
    // The history's 1,500, about 0.3 new a minute (a level backlog of ~150 over ~8 h lives), and a
    // few deleted or marked spam in the history itself.
    expect(tickets).toBeGreaterThan(DEMO_HISTORY.tickets + 200);
    expect(tickets).toBeLessThan(DEMO_HISTORY.tickets + 800);
    // Two such helpdesks are what a restart replays (seconds were the bound; ~50 ms in trials).
    expect(replayMs).toBeLessThan(3_000);
  });

  it('keeps only the window: solved tickets last changed before it are deleted at the next start', async () => {
    // First run 100 days ago, the last one yesterday: the whole generated history lies before the window.
    const anchor = NOW - 100 * DAY;
    const lastRun = { from: NOW - 2 * DAY, to: NOW - DAY };
    const { helpdesk } = await replay({
      version: 2,
      seed: 22,
      anchor,
      runs: [{ from: anchor + 60_000, to: anchor + HOUR }, lastRun],
    });
    const { table } = helpdesk.account.state;
    const cutoff = (lastRun.from - DEMO_WINDOW_MS) / 1000;
    const solved = (i: number) => table.status[i] === TicketState.solved || table.status[i] === TicketState.closed;
    const left = shown(helpdesk);
    for (const i of left) if (solved(i)) expect(table.updatedAt[i]).toBeGreaterThanOrEqual(cutoff);
    // What is left of the history is what the last run solved or still has to (backlog is never deleted).
    const fromHistory = left.filter((i) => i < DEMO_HISTORY.tickets);
    for (const i of fromHistory) if (solved(i)) expect(table.updatedAt[i]).toBeGreaterThanOrEqual(lastRun.from / 1000);
    expect(fromHistory.length).toBeLessThan(DEMO_HISTORY.tickets * 0.2);
    expect(left.length).toBeGreaterThan(200);
    expect(left.length).toBeLessThan(900);
  });
});
