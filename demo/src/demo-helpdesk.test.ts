import { afterEach, describe, expect, it } from 'vitest';
import { goLive, openDemoHelpdesk, replayRuns, type DemoHelpdesk } from './demo-helpdesk.js';
import type { DemoJournal } from './demo-journal.js';
import { createReplayClock } from './replay-clock.js';

const ANCHOR = Date.UTC(2026, 10, 20, 9);
const journal = (runs: DemoJournal['runs']): DemoJournal => ({ version: 2, seed: 7, anchor: ANCHOR, runs });

describe('a demo helpdesk restarted from its journal', () => {
  const open: DemoHelpdesk[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((helpdesk) => helpdesk.close()));
  });
  const start = async (runs: DemoJournal['runs']) => {
    const clock = createReplayClock(ANCHOR);
    const helpdesk = await openDemoHelpdesk('zendesk', journal(runs), clock);
    open.push(helpdesk);
    await replayRuns(clock, [helpdesk], runs);
    // One base URL for all: each server has its own port, which `url` fields would carry.
    return helpdesk.account.truth('https://demo.zendesk.com');
  };

  it('comes back with exactly the tickets its earlier runs made, so the store stays its copy', async () => {
    const runs = [
      { from: ANCHOR + 60_000, to: ANCHOR + 30 * 60_000 },
      { from: ANCHOR + 3 * 3_600_000, to: ANCHOR + 3.5 * 3_600_000 },
    ];
    const seeded = await start([]);
    const first = await start(runs);
    const again = await start(runs);
    // An hour of traffic: new tickets and changes to old ones, the same on every replay.
    expect(first.tickets.length).toBeGreaterThan(seeded.tickets.length + 5);
    expect(first.tickets.filter((t) => t.updated_at > new Date(ANCHOR).toISOString()).length).toBeGreaterThan(20);
    expect(JSON.stringify(again.tickets)).toBe(JSON.stringify(first.tickets));
    // Nothing happens while it is stopped: the second run's changes start where it started.
    const between = first.tickets.filter((t) => {
      const at = Date.parse(t.updated_at);
      return at > runs[0]!.to && at < runs[1]!.from;
    });
    expect(between).toEqual([]);
  });

  it('replays a live run on the wall clock to the same tickets, so a restart finds what the store saw', async () => {
    const anchor = Date.now() - 60_000;
    const start = { version: 2, seed: 11, anchor, runs: [] } as const;
    const liveClock = createReplayClock(anchor);
    const original = await openDemoHelpdesk('freshdesk', start, liveClock);
    open.push(original);
    const changes: number[] = [];
    original.account.onChange((event) => void changes.push(event.ticketId));
    const live = await goLive(liveClock, [original]);
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const run = { from: live.from, to: await live.stop() };
    expect(changes.length).toBeGreaterThan(0);

    const replayClock = createReplayClock(anchor);
    const replayed = await openDemoHelpdesk('freshdesk', { ...start, runs: [run] }, replayClock);
    open.push(replayed);
    await replayRuns(replayClock, [replayed], [run]);
    const tickets = (helpdesk: DemoHelpdesk) => JSON.stringify(helpdesk.account.truth('https://demo.freshdesk.com'));
    expect(tickets(replayed)).toBe(tickets(original));
  });
});
