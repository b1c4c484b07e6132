import {
  createFreshdeskHandlers,
  createSimulatedAccount,
  createZendeskHandlers,
  generateHistory,
  serveSimulator,
  startLifecycleTraffic,
  teamProfiles,
  type SimulatedAccount,
  type SimulatorServer,
} from '@frontline/simulators';
import type { DemoJournal } from './demo-journal.js';
import { deleteOutsideWindow } from './demo-retention.js';
import type { ReplayClock } from './replay-clock.js';

export type DemoVendor = 'zendesk' | 'freshdesk';

/**
 * The size of each demo account: a month of a small team's tickets. Its agents work as their
 * profiles say (one fast but often reopened, one slow but loved, one learning, the rest steady).
 */
export const DEMO_HISTORY = { tickets: 1_500, days: 30, agents: 8 } as const;

/** A simulated helpdesk account, served on loopback. */
export interface DemoHelpdesk {
  readonly vendor: DemoVendor;
  readonly account: SimulatedAccount;
  /** The simulator's base URL: what the tenant points at. */
  readonly url: string;
  /**
   * Deletes what fell out of the demo's window, then starts live traffic now (every ticket a
   * whole life, the backlog level); the returned function stops it.
   */
  /** Starts live traffic at `pace` (see the simulators' lifecycle traffic; 1 is realistic). */
  startTraffic(pace?: number): () => Promise<void>;
  close(): Promise<void>;
}

/** Makes the journal's account from its seeded history (no traffic yet) and serves it. */
export async function openDemoHelpdesk(
  vendor: DemoVendor,
  journal: DemoJournal,
  clock: ReplayClock,
): Promise<DemoHelpdesk> {
  const seed = journal.seed + (vendor === 'zendesk' ? 0 : 1);
  const profiles = teamProfiles(seed, DEMO_HISTORY.agents);
  const history = generateHistory({ ...DEMO_HISTORY, seed, now: journal.anchor, profiles });
  // Enterprise plans (700 requests a minute): the demo's first sync takes seconds.
  const account = createSimulatedAccount({ vendor, history, clock, plan: 'enterprise' });
  const server: SimulatorServer = await serveSimulator(
    account.vendor === 'zendesk' ? createZendeskHandlers(account) : createFreshdeskHandlers(account),
  );
  let stopTraffic: (() => Promise<void>) | null = null;
  const stop = async () => {
    const running = stopTraffic;
    stopTraffic = null;
    await running?.();
  };
  return {
    vendor,
    account,
    url: server.url,
    startTraffic(pace = 1) {
      void stop();
      deleteOutsideWindow(account);
      const traffic = startLifecycleTraffic(account, { pace });
      stopTraffic = traffic;
      return async () => {
        if (stopTraffic === traffic) stopTraffic = null;
        await traffic();
      };
    },
    async close() {
      await stop();
      await server.close();
    },
  };
}

/** Replays each earlier run's live traffic (seconds for hours of it), on the helpdesks' clock. */
export async function replayRuns(
  clock: ReplayClock,
  helpdesks: readonly DemoHelpdesk[],
  runs: DemoJournal['runs'],
): Promise<void> {
  for (const run of runs) {
    await clock.advanceTo(run.from);
    const stops = helpdesks.map((helpdesk) => helpdesk.startTraffic(run.pace ?? 1));
    await clock.advanceTo(run.to);
    await Promise.all(stops.map((stop) => stop()));
  }
}

/** A run of live traffic on the wall clock; `stop` ends it and gives the time it ended. */
export interface LiveRun {
  readonly from: number;
  now(): number;
  stop(): Promise<number>;
}

/** Starts live traffic now: new tickets, replies and ratings, until `stop`. */
export async function goLive(clock: ReplayClock, helpdesks: readonly DemoHelpdesk[], pace = 1): Promise<LiveRun> {
  await clock.advanceTo(Date.now());
  const from = clock.now();
  const stops = helpdesks.map((helpdesk) => helpdesk.startTraffic(pace));
  const unfollow = clock.follow();
  return {
    from,
    now: () => clock.now(),
    async stop() {
      await unfollow();
      const to = clock.now();
      await Promise.all(stops.map((stop) => stop()));
      return to;
    },
  };
}
