/**
 * Real processes: a worker killed with SIGKILL at 20 random points of a backfill, and Redis and
 * PostgreSQL restarted under it, still leaves the store equal to the vendor's truth, with no
 * duplicate and no lost ticket, and without a request over the vendor's limits.
 */
import { scaledClock } from '@frontline/connector/clock';
import { createSyncStore, type SyncStore } from '@frontline/connector/store';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFreshdeskHandlers,
  createSimulatedAccount,
  DEFAULT_FRESHDESK_API_KEY,
  generateHistory,
  serveSimulator,
} from '@frontline/simulators';
import { expectedHistory } from './support/expected-history.js';
import { mulberry32 } from '@frontline/simulators/prng';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.js';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis.js';

const TICKETS = 3_000;
const KILLS = 20;
const CLOCK_FACTOR = 200;
const REPO = fileURLToPath(new URL('..', import.meta.url));
const WORKER = fileURLToPath(new URL('./support/worker-process.ts', import.meta.url));
const BIN = fileURLToPath(new URL('../connector/bin/frontline.js', import.meta.url));

describe('a worker killed and restarted, with Redis and PostgreSQL restarted under it', () => {
  let redis: PrivateRedis;
  let postgres: PrivatePostgres;

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([startPrivateRedis(), startPrivatePostgres()]);
  });

  afterAll(async () => {
    await redis?.stop();
    postgres?.stop();
  });

  it(`ends with the vendor's truth after ${KILLS} SIGKILLs`, async () => {
    const start = Date.now();
    const origin = performance.timeOrigin + performance.now();
    const clock = scaledClock(CLOCK_FACTOR, start, origin);
    const history = generateHistory({ seed: 23, tickets: TICKETS, days: 200, now: start - 2 * 60_000 });
    const account = createSimulatedAccount({ vendor: 'freshdesk', history, clock });
    const simulator = await serveSimulator(createFreshdeskHandlers(account));
    const secretKey = randomBytes(32).toString('base64');
    const env = {
      ...process.env,
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      FRONTLINE_SECRET_KEY: secretKey,
      FRONTLINE_TEST_CLOCK: `${CLOCK_FACTOR},${start},${origin}`,
      LOG_LEVEL: 'silent',
    };
    // Not spawnSync: `tenant add` signs in to the simulator, which answers from this process.
    const added = await promisify(execFile)(
      process.execPath,
      [
        BIN,
        'tenant',
        'add',
        'acme',
        '--vendor',
        'freshdesk',
        '--url',
        simulator.url,
        '--api-key',
        DEFAULT_FRESHDESK_API_KEY,
      ],
      { env, cwd: REPO, encoding: 'utf8' },
    );
    // execFile rejects on a non-zero exit, so it exited 0.
    expect(added.stderr).toBe('');

    const startWorker = (): ChildProcess =>
      spawn(process.execPath, ['--import', 'tsx', WORKER], { env, cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
    const random = mulberry32(99);
    let worker = startWorker();
    const store: SyncStore = await createSyncStore({ databaseUrl: postgres.url, dataDir: '.', secretKey });
    try {
      const tenant = (await store.getTenant('acme'))!;
      const expected = expectedHistory(account.truth(simulator.url));
      const caughtUp = async () => {
        const stored = await store.loadHistory(tenant.id).catch(() => null);
        const pending = await store.ticketsNeedingReplyCounts(tenant.id, 0, 1).catch(() => ['unknown']);
        return stored !== null && stored.tickets.length === expected.tickets.length && pending.length === 0;
      };
      let killedMidSync = 0;
      for (let kill = 1; kill <= KILLS; kill++) {
        await new Promise((r) => setTimeout(r, 300 + random() * 1_200));
        if (!(await caughtUp())) killedMidSync++;
        worker.kill('SIGKILL');
        await new Promise((r) => worker.once('exit', r));
        if (kill === 7) await redis.restart();
        if (kill === 14) postgres.restart();
        worker = startWorker();
      }
      // The kills must land while the backfill runs, or they prove nothing.
      expect(killedMidSync).toBeGreaterThanOrEqual(KILLS / 2);
      const deadline = Date.now() + 120_000;
      while (!(await caughtUp())) {
        if (Date.now() > deadline) throw new Error('the restarted worker did not catch up within 2 minutes');
        await new Promise((r) => setTimeout(r, 500));
      }
      const stored = await store.loadHistory(tenant.id);
      const byId = (a: { id: string }, b: { id: string }) => Number(a.id) - Number(b.id);
      expect([...stored.tickets].sort(byId)).toEqual([...expected.tickets].sort(byId));
      expect(stored.ratings.map((r) => r.id).sort()).toEqual(expected.ratings.map((r) => r.id).sort());
      expect(account.stats().overLimitRequests).toBe(0);
      expect(account.stats().rateLimited).toBe(0);
    } finally {
      worker.kill('SIGKILL');
      await store.close();
      await simulator.close();
      await account.stop();
    }
  });
});
