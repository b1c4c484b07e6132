import {
  createFreshdeskHandlers,
  createSimulatedAccount,
  createZendeskHandlers,
  generateHistory,
  serveSimulator,
  type SimulatedAccount,
  type SimulatorServer,
} from '@frontline/simulators';
import type { DemoJournal } from './demo-journal.js';
import type { ReplayClock } from './replay-clock.js';

export type DemoVendor = 'zendesk' | 'freshdesk';

/** The size of each demo account: a month of a small team's tickets. */
const HISTORY = { tickets: 1_200, days: 30, agents: 8 } as const;
/** Fast enough that an agent's numbers move within a minute. */
const DEMO_TRAFFIC = { ticketsPerMinute: 12, updatesPerMinute: 90 } as const;

/** A simulated helpdesk account, served on loopback. */
export interface DemoHelpdesk {
  readonly vendor: DemoVendor;
  readonly account: SimulatedAccount;
  /** The simulator's base URL: what the tenant points at. */
  readonly url: string;
  close(): Promise<void>;
}

/** Makes the journal's account from its seeded history (no traffic yet) and serves it. */
export async function openDemoHelpdesk(
  vendor: DemoVendor,
  journal: DemoJournal,
  clock: ReplayClock,
): Promise<DemoHelpdesk> {
  const seed = journal.seed + (vendor === 'zendesk' ? 0 : 1);
  const history = generateHistory({ ...HISTORY, seed, now: journal.anchor });
  // Enterprise plans (700 requests a minute): the demo's first sync takes seconds.
  const account = createSimulatedAccount({ vendor, history, clock, plan: 'enterprise' });
  const server: SimulatorServer = await serveSimulator(
    account.vendor === 'zendesk' ? createZendeskHandlers(account) : createFreshdeskHandlers(account),
  );
  return {
    vendor,
    account,
    url: server.url,
    async close() {
      await account.stop();
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
    for (const helpdesk of helpdesks) helpdesk.account.startLiveTraffic(DEMO_TRAFFIC);
    await clock.advanceTo(run.to);
    await Promise.all(helpdesks.map((helpdesk) => helpdesk.account.stop()));
  }
}

/** A run of live traffic on the wall clock; `stop` ends it and gives the time it ended. */
export interface LiveRun {
  readonly from: number;
  now(): number;
  stop(): Promise<number>;
}

/** Starts live traffic now: new tickets, replies and ratings, until `stop`. */
export async function goLive(clock: ReplayClock, helpdesks: readonly DemoHelpdesk[]): Promise<LiveRun> {
  await clock.advanceTo(Date.now());
  const from = clock.now();
  for (const helpdesk of helpdesks) helpdesk.account.startLiveTraffic(DEMO_TRAFFIC);
  const unfollow = clock.follow();
  return {
    from,
    now: () => clock.now(),
    async stop() {
      await unfollow();
      const to = clock.now();
      await Promise.all(helpdesks.map((helpdesk) => helpdesk.account.stop()));
      return to;
    },
  };
}
