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
import { createReplayClock } from './replay-clock.js';

export type DemoVendor = 'zendesk' | 'freshdesk';

/** The size of each demo account: a month of a small team's tickets. */
const HISTORY = { tickets: 1_200, days: 30, agents: 8 } as const;
/** Fast enough that an agent's numbers move within a minute. */
export const DEMO_TRAFFIC = { ticketsPerMinute: 12, updatesPerMinute: 90 } as const;

/** A simulated helpdesk account, served on loopback, its traffic stopped until `goLive`. */
export interface DemoHelpdesk {
  readonly vendor: DemoVendor;
  readonly account: SimulatedAccount;
  /** The simulator's base URL: what the tenant points at. */
  readonly url: string;
  /** Starts live traffic on the wall clock. */
  goLive(): void;
  /** Stops live traffic: no change happens after the call (the rest of the loop ends later). */
  stopTraffic(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Rebuilds the account the journal describes: its seeded history, then each earlier run's live
 * traffic replayed on a manual clock (seconds for hours of traffic), then serves it.
 */
export async function openDemoHelpdesk(vendor: DemoVendor, journal: DemoJournal): Promise<DemoHelpdesk> {
  const seed = journal.seed + (vendor === 'zendesk' ? 0 : 1);
  const clock = createReplayClock(journal.anchor);
  const history = generateHistory({ ...HISTORY, seed, now: journal.anchor });
  // Both vendors' most common paid plans; the demo sync stays well inside them.
  const account = createSimulatedAccount({ vendor, history, clock, plan: 'enterprise' });
  for (const run of journal.runs) {
    await clock.advanceTo(run.from);
    account.startLiveTraffic(DEMO_TRAFFIC);
    await clock.advanceTo(run.to);
    await account.stop();
  }
  const server: SimulatorServer = await serveSimulator(
    account.vendor === 'zendesk' ? createZendeskHandlers(account) : createFreshdeskHandlers(account),
  );
  return {
    vendor,
    account,
    url: server.url,
    goLive() {
      clock.goLive();
      account.startLiveTraffic(DEMO_TRAFFIC);
    },
    stopTraffic: () => account.stop(),
    async close() {
      await account.stop();
      await server.close();
    },
  };
}
