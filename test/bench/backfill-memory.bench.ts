/**
 * Memory of a large backfill: a 1,000,000-ticket Zendesk account (a year of history, its ~290,000
 * satisfaction ratings) synced in full into a fresh PostgreSQL schema, over real HTTP from a
 * simulator in a process of its own (simulator-process.ts), so only the sync's memory is
 * measured. This process's RSS is sampled every 250 ms; the bound is a peak under 300 MiB.
 * The clock runs fast enough that the run is bound by this machine, not by the vendor's limits
 * (the client keeps Zendesk's 10 export requests a minute whatever the simulator allows).
 * Run alone: `npx tsx bench/backfill-memory.bench.ts` (prints one JSON line).
 */
import { scaledClock } from '@frontline/connector/clock';
import { silentLogger } from '@frontline/connector/logger';
import { syncTenant } from '@frontline/connector/sync';
import { createVendorClient } from '@frontline/connector/vendors';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEFAULT_ZENDESK_CREDENTIALS, type SimulatorStats } from '@frontline/simulators';
import { openPostgresTenant, type PostgresTenant } from '../support/postgres-tenant.js';
import type { BenchResult } from './bench-result.js';

const TICKETS = 1_000_000;
const DAYS = 365;
/**
 * Simulated time per real time. The export's 1,000 pages need 100 simulated minutes at 10 a
 * minute, 20 real seconds at this factor, less than this machine takes to fetch and store them,
 * so the vendor's own limits stay in force. `FRONTLINE_BENCH_CLOCK_FACTOR` overrides it.
 */
const CLOCK_FACTOR = Number(process.env['FRONTLINE_BENCH_CLOCK_FACTOR'] ?? 300);
/** `incrementalPerMinute,perMinute` given to the simulator; none: Zendesk Enterprise's own. */
const RAISED_LIMITS = process.env['FRONTLINE_BENCH_RATE_LIMITS'] ?? '';
const RSS_BOUND_MIB = 300;
const SAMPLE_MS = 250;
const MIB = 1024 * 1024;
const TEST_DIR = fileURLToPath(new URL('..', import.meta.url));
const SIMULATOR = fileURLToPath(new URL('./simulator-process.ts', import.meta.url));

/** The simulator process: its URL, its stdout lines in turn, and a way to stop it. */
interface SimulatorProcess {
  readonly url: string;
  stats(): Promise<
    SimulatorStats & { rssBytes: number; limits: Record<string, number>; tickets: number; ratings: number }
  >;
  stop(): Promise<void>;
}

async function startSimulator(env: Record<string, string>): Promise<SimulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SIMULATOR], {
    cwd: TEST_DIR,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let closed = false;
  const reader = createInterface({ input: child.stdout! });
  reader.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  reader.on('close', () => {
    closed = true;
    for (const next of waiting.splice(0)) next(null);
  });
  const nextLine = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const line = lines.shift();
      if (line !== undefined) return resolve(line);
      if (closed) return reject(new Error('the simulator process ended'));
      waiting.push((l) => (l === null ? reject(new Error('the simulator process ended')) : resolve(l)));
    });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const url = await nextLine();
    if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`the simulator printed "${url}" for its URL`);
    return {
      url,
      stats: async () => {
        child.stdin!.write('stats\n');
        return JSON.parse(await nextLine()) as Awaited<ReturnType<SimulatorProcess['stats']>>;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Samples this process's RSS every `SAMPLE_MS` until stopped. */
function sampleRss(): { stop(): { peakBytes: number; samples: number } } {
  let peakBytes = process.memoryUsage().rss;
  let samples = 1;
  const timer = setInterval(() => {
    peakBytes = Math.max(peakBytes, process.memoryUsage().rss);
    samples++;
  }, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      peakBytes = Math.max(peakBytes, process.memoryUsage().rss);
      return { peakBytes, samples: samples + 1 };
    },
  };
}

async function countRows(url: string): Promise<{ tickets: number; removed: number; ratings: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tickets: string; removed: string; ratings: string }>(
      `SELECT (SELECT count(*) FROM tickets) AS tickets,
              (SELECT count(*) FROM tickets WHERE removed) AS removed,
              (SELECT count(*) FROM ratings) AS ratings`,
    );
    const row = rows[0]!;
    return { tickets: Number(row.tickets), removed: Number(row.removed), ratings: Number(row.ratings) };
  } finally {
    await client.end();
  }
}

const round = (value: number, digits = 0): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Backfills 1,000,000 Zendesk tickets over HTTP into PostgreSQL and reports this process's peak RSS. */
export async function benchBackfillMemory(): Promise<BenchResult> {
  const baselineBytes = process.memoryUsage().rss;
  const sampler = sampleRss();
  const start = Date.now();
  const origin = performance.timeOrigin + performance.now();
  const clock = scaledClock(CLOCK_FACTOR, start, origin);
  let simulator: SimulatorProcess | null = null;
  let opened: PostgresTenant | null = null;
  let memory: { peakBytes: number; samples: number } | null = null;
  try {
    const simulatorStarted = performance.now();
    simulator = await startSimulator({
      FRONTLINE_BENCH_CLOCK: `${CLOCK_FACTOR},${start},${origin}`,
      FRONTLINE_BENCH_TICKETS: String(TICKETS),
      FRONTLINE_BENCH_DAYS: String(DAYS),
      ...(RAISED_LIMITS === '' ? {} : { FRONTLINE_BENCH_RATE_LIMITS: RAISED_LIMITS }),
    });
    const simulatorSeconds = (performance.now() - simulatorStarted) / 1000;
    opened = await openPostgresTenant({
      vendor: 'zendesk',
      baseUrl: simulator.url,
      credentials: {
        kind: 'zendesk-token',
        email: DEFAULT_ZENDESK_CREDENTIALS.email,
        token: DEFAULT_ZENDESK_CREDENTIALS.apiToken,
      },
    });
    const { store, tenant, schemaUrl } = opened;
    const client = createVendorClient(tenant, { clock, log: silentLogger });
    const syncStartedReal = performance.now();
    const syncStartedSim = clock.now();
    let pages = 0;
    const outcome = await syncTenant(
      tenant,
      { store, client, surveys: null, clock },
      { onProgress: (progress) => void (pages = progress.pages) },
    );
    const syncSeconds = (performance.now() - syncStartedReal) / 1000;
    const syncSimulatedMinutes = (clock.now() - syncStartedSim) / 60_000;
    const counts = await countRows(schemaUrl);
    memory = sampler.stop();
    const stats = await simulator.stats();
    if (stats.tickets !== TICKETS) throw new Error(`the simulator holds ${stats.tickets} tickets, not ${TICKETS}`);
    const exportRequests = stats.byRoute['zendesk.incremental-tickets']?.requests ?? 0;
    const peakMib = memory.peakBytes / MIB;
    const ratio = RSS_BOUND_MIB / peakMib;
    const complete = outcome.caughtUp && counts.tickets === TICKETS;
    return {
      name: 'test: 1,000,000-ticket Zendesk backfill into PostgreSQL over HTTP, peak RSS of the syncing process',
      figures: {
        peak_rss_mib: round(peakMib, 1),
        // The kernel's own high-water mark (getrusage), which sampling cannot miss.
        max_rss_mib: round((process.resourceUsage().maxRSS * 1024) / MIB, 1),
        baseline_rss_mib: round(baselineBytes / MIB, 1),
        rss_samples: memory.samples,
        tickets_in_account: stats.tickets,
        tickets_stored: counts.tickets,
        removed_tickets_stored: counts.removed,
        ratings_in_account: stats.ratings,
        ratings_stored: counts.ratings,
        caught_up: String(outcome.caughtUp),
        pages_saved: pages,
        sync_real_seconds: round(syncSeconds, 1),
        sync_simulated_minutes: round(syncSimulatedMinutes, 1),
        simulator_start_seconds: round(simulatorSeconds, 1),
        clock_factor: CLOCK_FACTOR,
        simulator_limits:
          RAISED_LIMITS === ''
            ? `Zendesk Enterprise's own: export ${stats.limits['incrementalPerMinute']}/min, account ${stats.limits['perMinute']}/min (not raised)`
            : `raised: export ${stats.limits['incrementalPerMinute']}/min, account ${stats.limits['perMinute']}/min`,
        export_requests: exportRequests,
        requests: stats.requests,
        simulator_rss_mib: round(stats.rssBytes / MIB, 1),
        overLimitRequests: stats.overLimitRequests,
        rateLimited: stats.rateLimited,
      },
      bound: `peak RSS < ${RSS_BOUND_MIB} MiB for a complete backfill of ${TICKETS.toLocaleString('en')} tickets`,
      ratio: round(ratio, 2),
      pass: peakMib < RSS_BOUND_MIB && complete,
    };
  } finally {
    if (memory === null) sampler.stop();
    await simulator?.stop();
    await opened?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchBackfillMemory()));
}
