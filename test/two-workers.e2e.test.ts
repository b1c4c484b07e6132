/**
 * Production shape at scale, as real processes on PostgreSQL and Redis: one `frontline serve`
 * and two workers, six tenants of both vendors. The backfill is split between the workers (each
 * one's own log says which tenants' sync links it ran); one worker is SIGKILLed mid-backfill and
 * the other finishes it; every tenant's store then equals its vendor's truth, no ticket lost or
 * doubled, and the API serves an agent the numbers that truth gives.
 */
import { scaledClock } from '@frontline/connector/clock';
import { createSyncStore, type SyncStore } from '@frontline/connector/store';
import type { Ticket } from '@frontline/kpi';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.js';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.js';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis.js';
import { serveSimulatedTenants, type SimulatedTenant } from './support/simulated-tenants.js';
import { spawnWorker, type SpawnedWorker } from './support/spawn-worker.js';
import { complete, openStoreProgress, type StoreProgress } from './support/store-progress.js';
import { until } from './support/until.js';

const TENANTS = 6;
const TICKETS = 1_000;
const CLOCK_FACTOR = 200;
const REPO = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../connector/bin/frontline.js', import.meta.url));
const DAY_MS = 86_400_000;

/** Runs the CLI to its end. */
async function frontline(args: readonly string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, ...args], { env, cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const [status] = (await once(child, 'exit')) as [number | null];
  return { status, stdout, stderr };
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('two workers and an API process on PostgreSQL and Redis', () => {
  let redis: PrivateRedis;
  let postgres: PrivatePostgres;

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([startPrivateRedis(), startPrivatePostgres()]);
  });

  afterAll(async () => {
    await redis?.stop();
    postgres?.stop();
  });

  it('splits a multi-tenant backfill between the workers; with one killed, the other completes it exactly', async () => {
    const start = Date.now();
    const origin = performance.timeOrigin + performance.now();
    const clock = scaledClock(CLOCK_FACTOR, start, origin);
    const simulators = await serveSimulatedTenants({
      count: TENANTS,
      ticketsPerTenant: TICKETS,
      days: 120,
      seed: 41,
      clock,
    });
    const tenants = simulators.tenants;
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    const appSecret = randomBytes(18).toString('base64url');
    const secretKey = randomBytes(32).toString('base64');
    const env = {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      FRONTLINE_SECRET_KEY: secretKey,
      FRONTLINE_TEST_CLOCK: `${CLOCK_FACTOR},${start},${origin}`,
      LOG_LEVEL: 'warn',
    };
    let api: ChildProcess | null = null;
    const workers: SpawnedWorker[] = [];
    let progress: StoreProgress | null = null;
    let store: SyncStore | null = null;
    try {
      const freshdesk = tenants[3]!;
      // Two tenants the operator's way, with the CLI (one per vendor, side by side), the others
      // straight into the store, to spare the test four more CLI start-ups.
      store = await createSyncStore({ databaseUrl: postgres.url, dataDir: '.', secretKey });
      await store.migrate();
      for (const tenant of tenants.slice(2)) await store.addTenant(tenant.newTenant);
      // The Freshdesk app's secure installation parameter, for its agents' sign-in.
      await store.updateAccess(freshdesk.name, { appSecret });
      for (const added of await Promise.all(tenants.slice(0, 2).map((t) => frontline(t.addArgs, env)))) {
        expect(added.stderr).toBe('');
        expect(added.status).toBe(0);
        // Checked first: the simulator answers who its credentials sign in as.
        expect(added.stdout).toMatch(
          /^checked: the credentials sign in to http:\/\/127\.0\.0\.1:\d+ as .+\nadded tenant tenant\d/,
        );
      }
      api = spawn(process.execPath, [BIN, 'serve'], { env, cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
      workers.push(spawnWorker(env), spawnWorker(env));
      await Promise.all(workers.map((w) => w.ready));
      progress = await openStoreProgress(postgres.url);
      const expected = new Map(tenants.map((t) => [t.name, t.expected()]));
      const counts = new Map(
        [...expected].map(([name, e]) => [name, { tickets: e.tickets.length, ratings: e.ratings.length }]),
      );
      const allComplete = async () => {
        const read = await progress!.read();
        return tenants.every((t) => complete(read.get(t.name), counts.get(t.name)!));
      };

      // Both workers take sync links, as their own logs say: the backfill is split between them.
      await until('both workers running sync links', 60_000, async () => workers.every((w) => w.links.length >= 2));
      const [victim, survivor] = workers as [SpawnedWorker, SpawnedWorker];
      const killedAt = Date.now();
      await victim.kill();
      // The kill must land while the backfill runs, or it proves nothing.
      const atKill = await progress.read();
      const unfinished = tenants.filter((t) => !complete(atKill.get(t.name), counts.get(t.name)!)).map((t) => t.name);
      expect(unfinished.length).toBeGreaterThan(0);
      await until('every tenant caught up after the kill', 90_000, allComplete);
      // The survivor's own log: after the kill it ran links of every tenant unfinished at the kill.
      const finishedBySurvivor = new Set(survivor.links.filter((l) => l.time > killedAt).map((l) => l.tenant));
      expect(unfinished.filter((name) => !finishedBySurvivor.has(name))).toEqual([]);

      // Exact: every tenant's store is its vendor's truth, no ticket or rating lost or doubled.
      for (const tenant of tenants) {
        const stored = await store.loadHistory((await store.getTenant(tenant.name))!.id);
        const truth = expected.get(tenant.name)!;
        expect([...stored.tickets].sort(byId), tenant.name).toEqual([...truth.tickets].sort(byId));
        expect(stored.ratings.map((r) => r.id).sort(), tenant.name).toEqual(truth.ratings.map((r) => r.id).sort());
        expect(tenant.account.stats().overLimitRequests, tenant.name).toBe(0);
      }

      await expectApiServes(apiUrl, freshdesk, appSecret, expected.get(freshdesk.name)!.tickets);
    } finally {
      await Promise.all(workers.map((w) => w.kill()));
      api?.kill('SIGKILL');
      await progress?.close();
      await store?.close();
      await simulators.close();
    }
  }, 150_000);
});

/**
 * The API process, which ran no job, serves a Freshdesk agent (signed in through the app's
 * request template) the number of tickets the truth says they solved in the last 7 and 30 days.
 */
async function expectApiServes(
  apiUrl: string,
  tenant: SimulatedTenant,
  appSecret: string,
  truth: readonly Ticket[],
): Promise<void> {
  const health = await fetch(`${apiUrl}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok', store: 'ok', queue: 'ok' });

  // The agent with the most tickets solved in the last 30 days.
  const solvedBy = new Map<string, number>();
  for (const ticket of truth) {
    if (ticket.removed || ticket.assigneeId === null || ticket.solvedAt === null) continue;
    if (ticket.solvedAt < Date.now() - 30 * DAY_MS) continue;
    solvedBy.set(ticket.assigneeId, (solvedBy.get(ticket.assigneeId) ?? 0) + 1);
  }
  const agentId = [...solvedBy].sort((a, b) => b[1] - a[1])[0]![0];
  const signIn = await fetch(`${apiUrl}/v1/auth/freshdesk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-frontline-app-secret': appSecret },
    body: JSON.stringify({ tenant: tenant.name, agentId }),
  });
  expect(signIn.status).toBe(200);
  const { token } = (await signIn.json()) as { token: string };

  type Period = { from: string; to: string; kpis: { solved: { value: number | null } } };
  // KPIS.md, Real accounts: a solve counts while the ticket is solved now, and never an outbound one.
  const solvedIn = (period: Period) =>
    truth.filter(
      (t) =>
        !t.removed &&
        !t.outbound &&
        (t.status === 'solved' || t.status === 'closed') &&
        t.assigneeId === agentId &&
        t.solvedAt !== null &&
        t.solvedAt >= Date.parse(period.from) &&
        t.solvedAt < Date.parse(period.to),
    ).length;
  let last: { served: (number | null)[]; truth: number[] } | null = null;
  // The API's view follows the store through the change feed: give it a moment to catch up.
  await until('the dashboard showing the stored numbers', 20_000, async () => {
    const response = await fetch(`${apiUrl}/v1/agents/me/dashboard`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const dashboard = (await response.json()) as { periods: { last7Days: Period; last30Days: Period } };
    const periods = [dashboard.periods.last7Days, dashboard.periods.last30Days];
    last = { served: periods.map((p) => p.kpis.solved.value), truth: periods.map(solvedIn) };
    return last.served.every((value, i) => value === last!.truth[i]);
  }).catch(() => {});
  expect(last).not.toBeNull();
  expect(last!.served).toEqual(last!.truth);
  expect(last!.truth[1]).toBeGreaterThan(0);
}
