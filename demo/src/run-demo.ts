/**
 * The demo's composition: the connector's runtime on the embedded defaults, the two simulated
 * helpdesks and their tenants, the API with the preview, the job runner and the scheduler, the
 * helpdesks' live traffic and webhooks. Returns what runs, with the function that stops it all,
 * in reverse.
 */
import type { Env } from '@frontline/connector/env';
import type { SyncStore } from '@frontline/connector/store';
import { createServer } from '@frontline/connector/http';
import { createLogger } from '@frontline/connector/logger';
import { openRuntime } from '@frontline/connector/main';
import { createJobHandler, startSyncScheduler } from '@frontline/connector/sync';
import { createWebhookSender } from '@frontline/simulators';
import { goLive, openDemoHelpdesk, replayRuns, type DemoHelpdesk } from './demo-helpdesk.js';
import { readJournal, writeJournal, type DemoJournal } from './demo-journal.js';
import { connectDemoTenant, type DemoTenant } from './demo-tenants.js';
import { zafSdkScript } from './hosts/index.js';
import { registerPreview } from './preview-routes.js';
import { createReplayClock } from './replay-clock.js';

/** What the entry started in parallel, before this module loaded. */
export interface DemoPrerequisites {
  /** The apps are packed into `appsDir`. */
  readonly apps: Promise<void>;
  /** The embedded store's folder exists (or will be made by the store). */
  readonly storeFolder: Promise<void>;
  /** Where `npm run package` writes. */
  readonly appsDir: string;
  /** `FRONTLINE_DEMO_PACE`: live traffic this many times faster than a real helpdesk (default 1). */
  readonly pace?: number;
}

/** The running demo. */
export interface RunningDemo {
  /** Where the API and the preview listen, on loopback. */
  readonly port: number;
  readonly store: SyncStore;
  readonly tenants: readonly DemoTenant[];
  /** Stops everything, in reverse order of starting. */
  stop(): Promise<void>;
}

/** How often the journal records that the helpdesks are still running. */
const JOURNAL_EVERY_MS = 2_000;

export async function runDemo(env: Env, ready: DemoPrerequisites): Promise<RunningDemo> {
  const log = createLogger({ level: env.logLevel });
  // esbuild builds it in a process of its own while this one opens the store.
  const sdk = zafSdkScript();
  sdk.catch(() => {});
  await ready.storeFolder;

  let journal: DemoJournal = await readJournal(env.dataDir, Date.now());
  const runtime = await openRuntime(env, { log });
  const helpdesks: DemoHelpdesk[] = [];
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
  };
  stops.push(() => runtime.close());
  try {
    const clock = createReplayClock(journal.anchor);
    for (const vendor of ['zendesk', 'freshdesk'] as const) {
      const helpdesk = await openDemoHelpdesk(vendor, journal, clock);
      helpdesks.push(helpdesk);
      stops.push(() => helpdesk.close());
    }
    await replayRuns(clock, helpdesks, journal.runs);
    await ready.apps;
    const tenants = await Promise.all(helpdesks.map((helpdesk) => connectDemoTenant(runtime.store, helpdesk)));

    const app = await createServer({ ...runtime, appsDir: ready.appsDir });
    registerPreview(app, { store: runtime.store, tenants, appsDir: ready.appsDir, zafSdk: sdk });
    const worker = runtime.queue.work(createJobHandler(runtime), { concurrency: 2 });
    stops.push(() => worker.close());
    const scheduler = startSyncScheduler(runtime);
    stops.push(() => scheduler.stop());
    await app.listen({ port: env.port, host: '127.0.0.1' });
    stops.push(() => app.close());

    // The helpdesks go live: new tickets, replies and ratings, each change sent as a webhook.
    const port = (app.server.address() as { port: number }).port;
    for (const tenant of tenants) {
      const url = `http://127.0.0.1:${port}/v1/webhooks/${tenant.vendor}/${tenant.name}`;
      const sender = createWebhookSender({ account: tenant.helpdesk.account, url, secret: tenant.webhookSecret });
      stops.push(sender.start());
    }
    const pace = ready.pace ?? 1;
    const live = await goLive(clock, helpdesks, pace);
    const run = { from: live.from, to: live.from, ...(pace === 1 ? {} : { pace }) };
    journal = { ...journal, runs: [...journal.runs, run] };
    const write = () => writeJournal(env.dataDir, journal);
    // One write at a time: two at once would rename the same temporary file. Each caller sees
    // its own write's failure; the next write runs either way.
    let lastWrite: Promise<void> = Promise.resolve();
    const record = () => (lastWrite = lastWrite.then(write, write));
    await record();
    // Kept current, so a crash loses at most this much of the helpdesks' traffic.
    const timer = setInterval(() => {
      run.to = live.now();
      record().catch((error: unknown) => log.warn({ err: error }, 'could not write the demo journal'));
    }, JOURNAL_EVERY_MS);
    stops.push(async () => {
      clearInterval(timer);
      run.to = await live.stop();
      await record();
    });

    process.stdout.write(`Frontline is running: http://localhost:${port}/\n`);
    log.info({ dataDir: env.dataDir, tenants: tenants.map((t) => t.name) }, 'demo started');
    return { port, store: runtime.store, tenants, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
