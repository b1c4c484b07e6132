/**
 * One tenant's vendor budget holds across processes: four worker processes backfill a Freshdesk
 * account while a webhook storm makes them refresh tickets at once, and the simulated
 * account never has to refuse a request for being over its limits. The account allows 30 calls
 * a minute (20 ticket lists, Growth's), far below what four workers could send on this clock, so
 * every worker keeps running into the shared limit.
 */
import { scaledClock } from '@frontline/connector/clock';
import { readEnv } from '@frontline/connector/env';
import { createServer, FRESHDESK_WEBHOOK_SECRET_HEADER } from '@frontline/connector/http';
import { silentLogger } from '@frontline/connector/logger';
import { openRuntime } from '@frontline/connector/main';
import {
  createFreshdeskHandlers,
  createSimulatedAccount,
  DEFAULT_FRESHDESK_API_KEY,
  generateHistory,
  serveSimulator,
} from '@frontline/simulators';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedHistory } from './support/expected-history.js';
import { createFreshSchema, type FreshSchema } from './support/fresh-schema.js';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis.js';
import { spawnWorker, type SpawnedWorker } from './support/spawn-worker.js';

const TICKETS = 150;
const WORKERS = 4;
const STORM_TICKETS = 40;
const PER_MINUTE = 30;
/** A minute of the clock is 3 real seconds: 10 calls a second, fewer than four workers would send. */
const CLOCK_FACTOR = 20;

describe('four workers and a webhook storm on one tenant', () => {
  let redis: PrivateRedis;
  let schema: FreshSchema;

  beforeAll(async () => {
    [redis, schema] = await Promise.all([startPrivateRedis(), createFreshSchema()]);
  });

  afterAll(async () => {
    await redis?.stop();
    await schema?.drop();
  });

  it('share its per-minute limits: the vendor refuses nothing', async () => {
    const start = Date.now();
    const origin = performance.timeOrigin + performance.now();
    const clock = scaledClock(CLOCK_FACTOR, start, origin);
    const history = generateHistory({ seed: 31, tickets: TICKETS, days: 90, now: start - 2 * 60_000 });
    const account = createSimulatedAccount({
      vendor: 'freshdesk',
      history,
      clock,
      plan: 'growth',
      rateLimits: { perMinute: PER_MINUTE },
    });
    const simulator = await serveSimulator(createFreshdeskHandlers(account));
    const secretKey = randomBytes(32).toString('base64');
    const env = {
      ...process.env,
      DATABASE_URL: schema.url,
      REDIS_URL: redis.url,
      FRONTLINE_SECRET_KEY: secretKey,
      FRONTLINE_TEST_CLOCK: `${CLOCK_FACTOR},${start},${origin}`,
    };
    // The API in this process takes the webhooks and queues the refreshes; the workers run them.
    const runtime = await openRuntime(readEnv(env), { clock, log: silentLogger });
    const app = await createServer(runtime);
    const workers: SpawnedWorker[] = [];
    try {
      const webhookSecret = randomBytes(18).toString('base64url');
      await runtime.store.addTenant({
        name: 'acme',
        vendor: 'freshdesk',
        baseUrl: simulator.url,
        credentials: { kind: 'freshdesk-key', apiKey: DEFAULT_FRESHDESK_API_KEY },
        zigpoll: null,
      });
      const tenant = await runtime.store.updateAccess('acme', { webhookSecrets: [webhookSecret] });
      const webhookUrl = `${await app.listen({ port: 0, host: '127.0.0.1' })}/v1/webhooks/freshdesk/acme`;
      for (let i = 0; i < WORKERS; i++) workers.push(spawnWorker({ ...env, LOG_LEVEL: 'silent' }));
      await Promise.all(workers.map((w) => w.ready));

      // The storm, while the backfill runs: two deliveries for each of 40 tickets, 20 at a time.
      const expected = expectedHistory(account.truth(simulator.url));
      const ids = expected.tickets.slice(-STORM_TICKETS).map((t) => Number(t.id));
      const deliveries = ids.flatMap((id) => [0, 1].map((n) => ({ id, n })));
      const statuses: number[] = [];
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          for (let next = deliveries.shift(); next !== undefined; next = deliveries.shift()) {
            const response = await fetch(webhookUrl, {
              method: 'POST',
              headers: { 'content-type': 'application/json', [FRESHDESK_WEBHOOK_SECRET_HEADER]: webhookSecret },
              body: JSON.stringify({
                freshdesk_webhook: { ticket_id: next.id, triggered_event: `{ticket_action:updated:${next.n}}` },
              }),
            });
            await response.arrayBuffer();
            statuses.push(response.status);
          }
        }),
      );
      expect(new Set(statuses)).toEqual(new Set([202]));

      const deadline = Date.now() + 180_000;
      for (;;) {
        const stored = await runtime.store.loadHistory(tenant.id);
        const pending = await runtime.store.ticketsNeedingReplyCounts(tenant.id, 0, 1);
        const refreshed = account.stats().byRoute['freshdesk.view-ticket']?.requests ?? 0;
        if (stored.tickets.length === expected.tickets.length && pending.length === 0 && refreshed >= STORM_TICKETS)
          break;
        if (Date.now() > deadline) throw new Error('the workers did not catch up within 3 minutes');
        await new Promise((r) => setTimeout(r, 500));
      }
      const stored = await runtime.store.loadHistory(tenant.id);
      const byId = (a: { id: string }, b: { id: string }) => Number(a.id) - Number(b.id);
      expect([...stored.tickets].sort(byId)).toEqual([...expected.tickets].sort(byId));

      const stats = account.stats();
      // Each ticket's conversations and each refresh are a request at least, and the workers
      // spent minutes of the clock waiting for room in the minute they shared: the limit bound them.
      expect(stats.requests).toBeGreaterThan(TICKETS + 2 * STORM_TICKETS);
      const waitedSeconds = (await runtime.rateLimitWaits.totals()).get('acme') ?? 0;
      expect(waitedSeconds).toBeGreaterThan(10 * 60);
      const refused = Object.entries(stats.byRoute).filter(([, route]) => route.tooManyRequests > 0);
      expect(refused).toEqual([]);
      expect(stats.tooManyRequests).toBe(0);
      expect(stats.overLimitRequests).toBe(0);
    } finally {
      await Promise.all(workers.map((w) => w.kill()));
      await app.close();
      await runtime.close();
      await simulator.close();
      await account.stop();
    }
  });
});
