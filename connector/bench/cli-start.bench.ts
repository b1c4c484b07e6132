/**
 * How soon the `frontline` CLI answers, as an operator runs it: a child process from spawn to
 * exit, from the compiled build (what production runs) and, for comparison, from the sources
 * through tsx. Bounds on the compiled build: `frontline --help` within 300 ms; `tenant list` on
 * PostgreSQL (`DATABASE_URL`, default the local server, in a fresh schema; FRONTLINE_SECRET_KEY
 * set) within 1 s. Also reported, without a bound: `frontline serve` from spawn to the first 200
 * from GET /healthz, and its resident memory once idle, both ways.
 * The build is made first, so the figures are of the sources as they are.
 * Run alone: `npx tsx connector/bench/cli-start.bench.ts` (prints one JSON line per benchmark).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { buildCli } from '../scripts/build-cli.js';
import { SecretKey } from '../src/secrets/index.js';
import { PostgresSyncStore } from '../src/store/index.js';
import type { BenchResult } from './bench-result.js';
import { BIN, CLI_MODES, cliEnv, cpuSeconds, median, residentMb, timeCli, type CliMode } from './cli-process.js';

const HELP_BOUND_MS = 300;
const TENANT_LIST_BOUND_MS = 1000;
const RUNS = 5;
const SERVE_RUNS = 3;
/** How long the API sits idle, once healthy, before its memory is read. */
const IDLE_MS = 3000;
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const seconds = (ms: number) => Math.round(ms) / 1000;
const runsText = (runs: readonly number[]) => runs.map((ms) => (ms / 1000).toFixed(3)).join(' ');

interface FreshSchema {
  readonly url: string;
  drop(): Promise<void>;
}

/** A new, empty schema, reached through `search_path` in the URL: the store migrates it on first use. */
async function createFreshSchema(): Promise<FreshSchema> {
  const schema = `frontline_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(DATABASE_URL);
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

async function timeRuns(args: readonly string[], env: NodeJS.ProcessEnv, runs = RUNS): Promise<number[]> {
  const times: number[] = [];
  // One run first, not counted: the operating system's file cache, as for any command run twice.
  await timeCli(args, env);
  for (let i = 0; i < runs; i++) times.push(await timeCli(args, env));
  return times;
}

async function compareModes(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<Record<CliMode, { median: number; runs: number[] }>> {
  const result = {} as Record<CliMode, { median: number; runs: number[] }>;
  for (const mode of CLI_MODES) {
    const runs = await timeRuns(args, cliEnv(mode, env));
    result[mode] = { median: median(runs), runs };
  }
  return result;
}

/** `frontline --help`: the median of {@link RUNS} runs against 300 ms. */
export async function benchHelp(): Promise<BenchResult> {
  await buildCli();
  const times = await compareModes(['--help'], {});
  const ms = times.compiled.median;
  return {
    name: 'connector: frontline --help, compiled, spawn to exit',
    figures: {
      median_seconds: seconds(ms),
      runs_seconds: runsText(times.compiled.runs),
      tsx_median_seconds: seconds(times.tsx.median),
      tsx_runs_seconds: runsText(times.tsx.runs),
    },
    bound: '< 300 ms',
    ratio: Math.round((HELP_BOUND_MS / ms) * 100) / 100,
    pass: ms <= HELP_BOUND_MS,
  };
}

/** `frontline tenant list` on PostgreSQL with two tenants: the median of {@link RUNS} runs against 1 s. */
export async function benchTenantList(): Promise<BenchResult> {
  await buildCli();
  const schema = await createFreshSchema();
  try {
    const key = SecretKey.generate();
    const env = { DATABASE_URL: schema.url, FRONTLINE_SECRET_KEY: key.toBase64() };
    await addTenants(schema.url, key);
    const times = await compareModes(['tenant', 'list'], env);
    const ms = times.compiled.median;
    return {
      name: 'connector: frontline tenant list on PostgreSQL, compiled, spawn to exit',
      figures: {
        median_seconds: seconds(ms),
        runs_seconds: runsText(times.compiled.runs),
        tsx_median_seconds: seconds(times.tsx.median),
        tsx_runs_seconds: runsText(times.tsx.runs),
      },
      bound: '< 1 s',
      ratio: Math.round((TENANT_LIST_BOUND_MS / ms) * 100) / 100,
      pass: ms <= TENANT_LIST_BOUND_MS,
    };
  } finally {
    await schema.drop();
  }
}

/** Two tenants to list, written through the store (which migrates the schema first). */
async function addTenants(url: string, key: SecretKey): Promise<void> {
  const store = PostgresSyncStore.connect(url, key);
  try {
    await store.migrate();
    for (const name of ['acme', 'beta']) {
      await store.addTenant({
        name,
        vendor: 'zendesk',
        baseUrl: `https://${name}.zendesk.example`,
        credentials: { kind: 'zendesk-oauth', accessToken: `${name}-token` },
        zigpoll: null,
      });
    }
  } finally {
    await store.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface ServeRun {
  readonly healthyMs: number;
  /** CPU time to healthy: unlike wall time, hardly moved by other work on the machine. */
  readonly cpuSeconds: number | null;
  readonly idleRssMb: number | null;
}

/** Spawns `frontline serve`, polls /healthz until 200, waits {@link IDLE_MS}, reads its memory, stops it. */
async function startServe(env: NodeJS.ProcessEnv): Promise<ServeRun> {
  const port = await freePort();
  const started = performance.now();
  const api = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  api.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  try {
    for (;;) {
      if (api.exitCode !== null) throw new Error(`frontline serve exited with ${api.exitCode}: ${stderr}`);
      if (performance.now() - started > 60_000) throw new Error(`frontline serve not healthy after 60 s: ${stderr}`);
      const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (response) => response.status,
        () => 0, // not listening yet
      );
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const healthyMs = performance.now() - started;
    const cpu = await cpuSeconds(api.pid!);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return { healthyMs, cpuSeconds: cpu, idleRssMb: await residentMb(api.pid!) };
  } finally {
    api.kill('SIGTERM');
    if (api.exitCode === null) await once(api, 'exit');
  }
}

/**
 * `frontline serve` on PostgreSQL and Redis, {@link SERVE_RUNS} starts each way: the time to the
 * first healthy answer and the memory at idle. No bound; the ratio is tsx's time over the build's.
 */
export async function benchServeStart(): Promise<BenchResult> {
  await buildCli();
  const schema = await createFreshSchema();
  try {
    const base = { DATABASE_URL: schema.url, REDIS_URL, FRONTLINE_SECRET_KEY: randomBytes(32).toString('base64') };
    const figures: Record<string, number | string> = {};
    const medians = {} as Record<CliMode, number>;
    // The first start migrates the schema: not counted.
    await startServe(cliEnv('compiled', base));
    for (const mode of CLI_MODES) {
      const runs: ServeRun[] = [];
      for (let i = 0; i < SERVE_RUNS; i++) runs.push(await startServe(cliEnv(mode, base)));
      medians[mode] = median(runs.map((r) => r.healthyMs));
      figures[`${mode}_healthy_median_seconds`] = seconds(medians[mode]);
      figures[`${mode}_healthy_runs_seconds`] = runsText(runs.map((r) => r.healthyMs));
      const cpu = runs.map((r) => r.cpuSeconds).filter((s): s is number => s !== null);
      figures[`${mode}_cpu_to_healthy_seconds`] = cpu.length === 0 ? 'n/a (no /proc)' : median(cpu);
      const rss = runs.map((r) => r.idleRssMb).filter((mb): mb is number => mb !== null);
      figures[`${mode}_idle_rss_mb`] = rss.length === 0 ? 'n/a (no /proc)' : median(rss);
    }
    return {
      name: 'connector: frontline serve on PostgreSQL and Redis, spawn to healthy, and memory at idle',
      figures,
      bound: 'none; ratio = tsx start / compiled start',
      ratio: Math.round((medians.tsx / medians.compiled) * 100) / 100,
      pass: true,
    };
  } finally {
    await schema.drop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const bench of [benchHelp, benchTenantList, benchServeStart]) console.log(JSON.stringify(await bench()));
}
