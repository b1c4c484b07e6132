import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createInstantClock } from './instant-clock.js';
import { RateBudget } from './rate-budget.js';
import { createRedisRequestLedger } from './redis-request-ledger.js';

const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
afterAll(() => redis.quit());

describe('a rate budget with a Redis ledger', () => {
  it('counts what a crashed predecessor spent of the minute before it sends', async () => {
    const tenant = randomUUID();
    const clock = createInstantClock(Date.parse('2026-06-01T00:00:00Z'));
    const first = new RateBudget({ clock, limitPerMinute: 10, ledger: createRedisRequestLedger(redis, tenant) });
    for (let i = 0; i < 10; i++) first.settle((await first.acquire('/export')).slot, null);
    // Let the ledger's writes land, as they would before a crash a moment later.
    await new Promise((r) => setTimeout(r, 50));
    const restarted = new RateBudget({ clock, limitPerMinute: 10, ledger: createRedisRequestLedger(redis, tenant) });
    const { waitedMs } = await restarted.acquire('/export');
    expect(waitedMs).toBe(60_000);
  });

  it('starts at once when the ledger holds nothing of the last minute', async () => {
    const clock = createInstantClock(Date.parse('2026-06-01T00:00:00Z'));
    const budget = new RateBudget({ clock, limitPerMinute: 10, ledger: createRedisRequestLedger(redis, randomUUID()) });
    expect((await budget.acquire('/export')).waitedMs).toBe(0);
  });
});
