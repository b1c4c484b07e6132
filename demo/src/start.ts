/**
 * `npm start`: Frontline on one machine with its embedded defaults (PGlite in the data folder,
 * the in-process job runner), two demo tenants on live simulated helpdesks, and the preview page.
 * Prints the preview's URL on stdout (logs go to stderr); SIGINT or SIGTERM stops everything.
 */
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ConfigError, readEnv } from '@frontline/connector/env';
import { createServer } from '@frontline/connector/http';
import { createLogger } from '@frontline/connector/logger';
import { openRuntime } from '@frontline/connector/main';
import { createJobHandler, startSyncScheduler } from '@frontline/connector/sync';
import { createWebhookSender } from '@frontline/simulators';
import { openDemoHelpdesk, type DemoHelpdesk } from './demo-helpdesk.js';
import { readJournal, writeJournal, type DemoJournal } from './demo-journal.js';
import { connectDemoTenant } from './demo-tenants.js';
import { registerPreview } from './preview-routes.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const APPS_DIR = fileURLToPath(new URL('../../dist', import.meta.url));
/** How often the journal records that the helpdesks are still running. */
const JOURNAL_EVERY_MS = 2_000;

/** Builds and packs the apps the preview shows (turbo makes this quick when nothing changed). */
function packageApps(): Promise<void> {
  return new Promise((resolve, reject) => {
    // stdout is for the URL alone: the build's output goes to stderr.
    const child = spawn('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 2, 2] });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run package failed (exit ${code}): see its output above`)),
    );
  });
}

async function start(argv: readonly string[]): Promise<() => Promise<void>> {
  // The demo is quiet unless asked: warnings and errors only.
  const env = readEnv({ LOG_LEVEL: 'warn', ...process.env });
  const log = createLogger({ level: env.logLevel });
  if (!argv.includes('--no-build')) await packageApps();
  await mkdir(env.dataDir, { recursive: true });

  const startedAt = Date.now();
  let journal: DemoJournal = await readJournal(env.dataDir, startedAt);
  const runtime = await openRuntime(env, { log });
  const helpdesks: DemoHelpdesk[] = [];
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
  };
  stops.push(() => runtime.close());
  try {
    for (const vendor of ['zendesk', 'freshdesk'] as const) {
      const helpdesk = await openDemoHelpdesk(vendor, journal);
      helpdesks.push(helpdesk);
      stops.push(() => helpdesk.close());
    }
    const tenants = await Promise.all(helpdesks.map((helpdesk) => connectDemoTenant(runtime.store, helpdesk)));

    const app = await createServer({ ...runtime, appsDir: APPS_DIR });
    registerPreview(app, { store: runtime.store, tenants, appsDir: APPS_DIR });
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
      tenant.helpdesk.goLive();
    }
    const run = { from: Date.now(), to: Date.now() };
    journal = { ...journal, runs: [...journal.runs, run] };
    const record = () => writeJournal(env.dataDir, journal);
    await record();
    const timer = setInterval(() => {
      run.to = Date.now();
      record().catch((error: unknown) => log.warn({ err: error }, 'could not write the demo journal'));
    }, JOURNAL_EVERY_MS);
    stops.push(async () => {
      // The run ends where the traffic stops, in this same tick: a restart replays exactly it.
      clearInterval(timer);
      run.to = Date.now();
      const stopped = Promise.all(helpdesks.map((helpdesk) => helpdesk.stopTraffic()));
      await record();
      await stopped;
    });

    process.stdout.write(`Frontline is running: http://localhost:${port}/\n`);
    log.info({ dataDir: env.dataDir, tenants: tenants.map((t) => t.name) }, 'demo started');
    return stop;
  } catch (error) {
    await stop();
    throw error;
  }
}

try {
  const stop = await start(process.argv.slice(2));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stderr.write('stopping Frontline...\n');
  await stop();
  process.stderr.write('stopped\n');
} catch (error) {
  process.stderr.write(
    error instanceof ConfigError
      ? `error: ${error.message}\n`
      : `error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
