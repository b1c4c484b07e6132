import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisRateLimitWaits } from './rate-limit-waits.js';
import { silentLogger } from '../logger.js';
import { createRedisHealth } from '../redis-health.js';
import { createRedisChangeFeed } from './redis-change-feed.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
// Two connections: two processes, as a worker and an API would be.
const worker = new Redis(REDIS_URL);
const api = new Redis(REDIS_URL);

afterAll(async () => {
  await Promise.all([worker.quit(), api.quit()]);
});

describe('across processes, through Redis', () => {
  it("tells the API of a worker's committed write, and of settings saved through another API process", async () => {
    const channel = `test-changes-${randomUUID()}`;
    const listening = createRedisChangeFeed(api, createRedisHealth(REDIS_URL, silentLogger), channel);
    const heard: [string, string][] = [];
    const stop = listening.subscribe((tenant, kind) => heard.push([tenant, kind]));
    const publishing = createRedisChangeFeed(worker, createRedisHealth(REDIS_URL, silentLogger), channel);
    // A subscription takes a moment; publish until it is heard, as a live system would.
    for (let i = 0; i < 50 && heard.length === 0; i++) {
      await publishing.publish('tenant-a');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(heard[0]).toEqual(['tenant-a', 'history']);
    heard.length = 0;
    await publishing.publish('tenant-b', 'settings');
    await expect.poll(() => heard.at(-1)).toEqual(['tenant-b', 'settings']);
    stop();
    await listening.close();
  });

  it("adds up every worker's rate-limit waits for the API's /metrics", async () => {
    const key = `test-waits-${randomUUID()}`;
    createRedisRateLimitWaits(worker, key).add('acme', 1_500);
    createRedisRateLimitWaits(api, key).add('acme', 500);
    createRedisRateLimitWaits(api, key).add('globex', 250);
    await expect
      .poll(async () => createRedisRateLimitWaits(api, key).totals())
      .toEqual(
        new Map([
          ['acme', 2],
          ['globex', 0.25],
        ]),
      );
    await api.del(key);
  });
});
