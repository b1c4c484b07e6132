/**
 * `npm start`: Frontline on one machine with its embedded defaults (PGlite in the data folder,
 * the in-process job runner), two demo tenants on live simulated helpdesks, and the preview page.
 * Prints the preview's URL on stdout (logs go to stderr); SIGINT or SIGTERM stops everything.
 *
 * This entry imports little: the apps' build and a first start's database folder begin on other
 * cores while the product's modules load (seconds, from TypeScript source).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError, readEnv, type Env } from '@frontline/connector/env';
import { PGLITE_FOLDER } from '@frontline/connector/store/pglite-folder';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const APPS_DIR = join(REPO, 'dist');

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

/**
 * On a first start, creates the embedded database's folder (PostgreSQL's initdb, seconds of CPU)
 * in a worker thread. If that fails, the folder goes and the store makes it as it always can.
 */
async function createStoreFolder(env: Env): Promise<void> {
  const folder = join(env.dataDir, PGLITE_FOLDER);
  if (env.databaseUrl !== null || existsSync(folder)) return;
  await mkdir(env.dataDir, { recursive: true });
  const pglite = import.meta.resolve('@electric-sql/pglite');
  const worker = new Worker(
    `import(${JSON.stringify(pglite)}).then(async ({ PGlite }) => (await PGlite.create(${JSON.stringify(folder)})).close());`,
    { eval: true },
  );
  const code = await new Promise<number>((resolve) => {
    worker.once('error', () => resolve(1));
    worker.once('exit', resolve);
  });
  if (code !== 0) await rm(folder, { recursive: true, force: true });
}

/** `FRONTLINE_DEMO_PACE`: how many times faster than a real helpdesk the demo's traffic runs. */
function paceOf(environment: NodeJS.ProcessEnv): number {
  const text = environment['FRONTLINE_DEMO_PACE']?.trim();
  if (text === undefined || text === '') return 1;
  const pace = Number(text);
  if (!Number.isFinite(pace) || pace < 1 || pace > 600) {
    throw new ConfigError(`FRONTLINE_DEMO_PACE=${text}: expected a number from 1 (a real helpdesk's pace) to 600`);
  }
  return pace;
}

try {
  // The demo is quiet unless asked: warnings and errors only.
  const env = readEnv({ LOG_LEVEL: 'warn', ...process.env });
  const apps = process.argv.includes('--no-build') ? Promise.resolve() : packageApps();
  const storeFolder = createStoreFolder(env);
  apps.catch(() => {});
  const { runDemo } = await import('./run-demo.js');
  const demo = await runDemo(env, { apps, storeFolder, appsDir: APPS_DIR, pace: paceOf(process.env) });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stderr.write('stopping Frontline...\n');
  await demo.stop();
  process.stderr.write('stopped\n');
} catch (error) {
  process.stderr.write(
    error instanceof ConfigError
      ? `error: ${error.message}\n`
      : `error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
}
