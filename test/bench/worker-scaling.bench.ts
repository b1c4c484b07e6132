/**
 * Worker scaling: the same multi-tenant backfill (Zendesk and Freshdesk accounts in turn) with
 * one worker process and with two, each at concurrency 1, on a fresh PostgreSQL schema and a
 * fresh Redis each time. A tenant's sync runs on one worker at a time (the tenant lock), so two
 * workers share the backfill tenant by tenant. The vendor is not the bottleneck: every tenant has
 * an account of its own, with its real limits on a clock 200 times as fast, while each answer
 * takes `LATENCY_MS` of real time, as a real vendor's do, so the workers wait on requests rather
 * than compete for this machine's cores. Timed from the moment the syncs are queued (the workers
 * already running) until every tenant's store holds all its tickets, ratings and reply counts.
 * The bound: two workers at least 1.8 times as fast as one.
 * Run alone: `npx tsx bench/worker-scaling.bench.ts` (prints one JSON line). Environment:
 * FRONTLINE_BENCH_TENANTS, FRONTLINE_BENCH_TICKETS (per tenant), FRONTLINE_BENCH_LATENCY_MS.
 */
import { scaledClock } from '@frontline/connector/clock';
import { BullmqQueue } from '@frontline/connector/jobs';
import { createSyncStore } from '@frontline/connector/store';
import { randomBytes } from 'node:crypto';
import { createFreshSchema } from '../support/fresh-schema.js';
import { startPrivateRedis } from '../support/private-redis.js';
import { serveSimulatedTenants } from '../support/simulated-tenants.js';
import { spawnWorker, type SpawnedWorker } from '../support/spawn-worker.js';
import { complete, openStoreProgress } from '../support/store-progress.js';
import type { BenchResult } from './bench-result.js';

const TENANTS = Number(process.env['FRONTLINE_BENCH_TENANTS'] ?? 8);
const TICKETS = Number(process.env['FRONTLINE_BENCH_TICKETS'] ?? 150);
const LATENCY_MS = Number(process.env['FRONTLINE_BENCH_LATENCY_MS'] ?? 250);
const DAYS = 120;
const CLOCK_FACTOR = 200;
const BOUND = 1.8;
const TIMEOUT_MS = 10 * 60_000;

const round = (value: number, digits = 0): number => Math.round(value * 10 ** digits) / 10 ** digits;

interface Run {
  readonly seconds: number;
  /** Sync links each worker ran, by its own log. */
  readonly linksByWorker: number[];
  readonly requests: number;
  readonly rateLimited: number;
  readonly overLimitRequests: number;
}

/** One backfill of the same accounts with `workerCount` worker processes. */
async function backfill(workerCount: number): Promise<Run> {
  const redis = await startPrivateRedis();
  const schema = await createFreshSchema();
  const start = Date.now();
  const origin = performance.timeOrigin + performance.now();
  const clock = scaledClock(CLOCK_FACTOR, start, origin);
  const simulators = await serveSimulatedTenants({
    count: TENANTS,
    ticketsPerTenant: TICKETS,
    days: DAYS,
    seed: 61,
    clock,
    latencyMs: LATENCY_MS,
  });
  const secretKey = randomBytes(32).toString('base64');
  const env = {
    ...process.env,
    DATABASE_URL: schema.url,
    REDIS_URL: redis.url,
    FRONTLINE_SECRET_KEY: secretKey,
    FRONTLINE_TEST_CLOCK: `${CLOCK_FACTOR},${start},${origin}`,
    LOG_LEVEL: 'silent',
    // The workers' scheduler queues the syncs once, when they start (there are no tenants yet),
    // and not again during the run: each tenant's backfill is one chain of links, as queued here.
    FRONTLINE_WORKER_SCHEDULE_MS: String(TIMEOUT_MS),
  };
  const store = await createSyncStore({ databaseUrl: schema.url, dataDir: '.', secretKey });
  const queue = new BullmqQueue(redis.url);
  const workers: SpawnedWorker[] = [];
  const progress = await openStoreProgress(schema.url);
  try {
    await store.migrate();
    for (let i = 0; i < workerCount; i++) workers.push(spawnWorker(env));
    await Promise.all(workers.map((w) => w.ready));
    for (const tenant of simulators.tenants) await store.addTenant(tenant.newTenant);
    const expected = new Map(
      simulators.tenants.map((t) => {
        const { tickets, ratings } = t.expected();
        return [t.name, { tickets: tickets.length, ratings: ratings.length }];
      }),
    );
    // What the workers' scheduler does on each round; queued here so the clock starts with it.
    const began = performance.now();
    for (const tenant of simulators.tenants) await queue.add({ kind: 'sync', tenant: tenant.name });
    for (;;) {
      const read = await progress.read();
      if (simulators.tenants.every((t) => complete(read.get(t.name), expected.get(t.name)!))) break;
      if (performance.now() - began > TIMEOUT_MS) throw new Error(`the backfill did not end in ${TIMEOUT_MS} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (performance.now() - began) / 1000;
    const stats = simulators.tenants.map((t) => t.account.stats());
    return {
      seconds,
      linksByWorker: workers.map((w) => w.links.length),
      requests: stats.reduce((sum, s) => sum + s.requests, 0),
      rateLimited: stats.reduce((sum, s) => sum + s.rateLimited, 0),
      overLimitRequests: stats.reduce((sum, s) => sum + s.overLimitRequests, 0),
    };
  } finally {
    await Promise.all(workers.map((w) => w.kill()));
    await progress.close();
    await queue.close();
    await store.close();
    await simulators.close();
    await schema.drop();
    await redis.stop();
  }
}

/** One worker, then two, on the same accounts; the speed-up against the 1.8x bound. */
export async function benchWorkerScaling(): Promise<BenchResult> {
  const one = await backfill(1);
  const two = await backfill(2);
  const speedup = one.seconds / two.seconds;
  return {
    name: `test: backfill of ${TENANTS} tenants (both vendors, ${TICKETS} tickets each), 2 worker processes vs 1`,
    figures: {
      tenants: TENANTS,
      tickets_per_tenant: TICKETS,
      vendor_latency_ms: LATENCY_MS,
      clock_factor: CLOCK_FACTOR,
      seconds_1_worker: round(one.seconds, 2),
      seconds_2_workers: round(two.seconds, 2),
      speedup: round(speedup, 2),
      sync_links_1_worker: one.linksByWorker.join(),
      sync_links_2_workers: two.linksByWorker.join(' + '),
      requests_1_worker: one.requests,
      requests_2_workers: two.requests,
      rate_limited: one.rateLimited + two.rateLimited,
      over_limit_requests: one.overLimitRequests + two.overLimitRequests,
    },
    bound: `2 workers >= ${BOUND}x as fast as 1 (vendor limits not the bottleneck: no request refused)`,
    ratio: round(speedup / BOUND, 3),
    pass: speedup >= BOUND && one.rateLimited + two.rateLimited === 0,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchWorkerScaling()));
}
