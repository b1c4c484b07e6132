import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { scaledClock, type Clock } from '../../clock.js';
import { createInstantClock } from './instant-clock.js';
import { RateBudget } from './rate-budget.js';
import { readRateLimitHeaders } from './rate-limit-headers.js';
import { createRedisRequestLedger } from './redis-request-ledger.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const redis = new Redis(REDIS_URL);
const connections: Redis[] = [redis];
afterAll(() => Promise.all(connections.map((c) => c.quit())));

/** A budget as another worker process would build it: its own Redis connection, the tenant's keys. */
function workerBudget(tenant: string, clock: Clock, limitPerMinute: number, endpointLimits = {}): RateBudget {
  const connection = new Redis(REDIS_URL);
  connections.push(connection);
  return new RateBudget({
    clock,
    limitPerMinute,
    endpointLimits,
    ledger: createRedisRequestLedger(connection, tenant),
  });
}

/** The most requests that arrived within any one minute (a minute ends before the next starts). */
function busiestMinute(arrivals: readonly number[]): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while (sorted[first]! <= sorted[last]! - 60_000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

describe('a rate budget with a Redis ledger', () => {
  it('counts what a crashed predecessor spent of the minute before it sends', async () => {
    const tenant = randomUUID();
    const clock = createInstantClock(Date.parse('2026-06-01T00:00:00Z'));
    const first = workerBudget(tenant, clock, 10);
    for (let i = 0; i < 10; i++) first.settle((await first.acquire('/export')).slot, null);
    const restarted = workerBudget(tenant, clock, 10);
    // The ten answers came back at the start: the eleventh request waits for the first to age out.
    expect((await restarted.acquire('/export')).waitedMs).toBe(60_000);
  });

  it('starts at once when the ledger holds nothing of the last minute', async () => {
    const clock = createInstantClock(Date.parse('2026-06-01T00:00:00Z'));
    expect((await workerBudget(randomUUID(), clock, 10).acquire('/export')).waitedMs).toBe(0);
  });

  it("counts another worker's learned cost for an endpoint from this worker's first request", async () => {
    const tenant = randomUUID();
    const clock = createInstantClock(Date.parse('2026-06-01T00:00:00Z'));
    const one = workerBudget(tenant, clock, 4);
    const { slot } = await one.acquire('/tickets');
    one.settle(slot, readRateLimitHeaders({ 'x-ratelimit-used-currentrequest': '3' }));
    // 3 credits used of 4; the other worker's first request costs 3 too, so it waits for the minute.
    expect((await workerBudget(tenant, clock, 4).acquire('/tickets')).waitedMs).toBe(60_000);
  });

  it("holds a new worker's first requests to the account limit another worker's answer reported", async () => {
    const tenant = randomUUID();
    const clock = createInstantClock(Date.parse('2026-06-01T00:00:00Z'));
    const one = workerBudget(tenant, clock, 200);
    const { slot } = await one.acquire('/x');
    one.settle(slot, readRateLimitHeaders({ 'x-ratelimit-total': '5', 'x-ratelimit-remaining': '4' }));
    // Its writes go on its own connection; let them land before the other worker asks.
    await new Promise((r) => setTimeout(r, 50));
    // Believing the plan's 200, the new worker would send all five at once; the account allows 5
    // in all, 1 of them spent: 4 go, the fifth waits for the first to leave the minute.
    const other = workerBudget(tenant, clock, 200);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const acquired = await other.acquire('/x');
      waits.push(acquired.waitedMs);
      other.settle(acquired.slot, null);
    }
    expect(waits).toEqual([0, 0, 0, 0, 60_000]);
  });

  it("holds another worker to the list limit one worker's 429 revealed, for ten minutes", async () => {
    const tenant = randomUUID();
    const clock = createInstantClock(Date.parse('2026-06-01T00:00:00Z'));
    const one = workerBudget(tenant, clock, 100, { '/list': 10 });
    for (let i = 0; i < 3; i++) one.settle((await one.acquire('/list')).slot, null);
    const { slot } = await one.acquire('/list');
    one.settle(slot, readRateLimitHeaders({ 'x-ratelimit-total': '100', 'x-ratelimit-remaining': '96' }), 1_000);
    await new Promise((r) => setTimeout(r, 50));
    // The limit is 3 now, and the minute holds 4: the other worker waits for two to leave it.
    const other = workerBudget(tenant, clock, 100, { '/list': 10 });
    expect((await other.acquire('/list')).waitedMs).toBe(60_000);
    await clock.sleep(10 * 60_000);
    const sent: number[] = [];
    for (let i = 0; i < 9; i++) {
      const acquired = await other.acquire('/list');
      sent.push(acquired.waitedMs);
      other.settle(acquired.slot, null);
    }
    // Ten minutes on, the plan's 10 hold again (the request above is long gone from the minute).
    expect(sent).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('holds every worker while one waits out a 429', async () => {
    const tenant = randomUUID();
    const clock = createInstantClock(Date.parse('2026-06-01T00:00:00Z'));
    workerBudget(tenant, clock, 100).pauseUntil(clock.now() + 30_000);
    await new Promise((r) => setTimeout(r, 50));
    expect((await workerBudget(tenant, clock, 100).acquire('/x')).waitedMs).toBe(30_000);
  });

  it('keeps four workers hammering one tenant within its limits in every sliding minute', async () => {
    const tenant = randomUUID();
    // A minute passes in 200 ms, so the run covers five of them in about a second.
    const clock = scaledClock(300);
    const start = clock.now();
    const end = start + 5 * 60_000;
    const budgets = Array.from({ length: 4 }, () => workerBudget(tenant, clock, 20, { '/list': 6 }));
    const arrivals: number[] = [];
    const listArrivals: number[] = [];
    const pause = (ms: number) => clock.sleep(ms * Math.random());
    // Three requests in flight per worker, each reaching the vendor after some latency and
    // answered after some more, as HTTP requests are.
    const loops = budgets.flatMap((budget) =>
      [0, 1, 2].map(async (n) => {
        const endpoint = n === 0 ? '/list' : '/view';
        while (clock.now() < end) {
          const { slot } = await budget.acquire(endpoint);
          await pause(1_500);
          arrivals.push(clock.now());
          if (endpoint === '/list') listArrivals.push(clock.now());
          await pause(1_500);
          budget.settle(slot, null);
        }
      }),
    );
    await Promise.all(loops);
    expect(busiestMinute(arrivals)).toBe(20);
    expect(busiestMinute(listArrivals)).toBeLessThanOrEqual(6);
    // Five minutes at 20 a minute: well over 60 requests went, so the workers did hammer.
    expect(arrivals.length).toBeGreaterThan(60);
  });
});
