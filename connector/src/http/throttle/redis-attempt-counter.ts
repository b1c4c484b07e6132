import type { Redis } from 'ioredis';
import { isOver, latest, windowOf, type AttemptCounter, type Counter } from './attempt-counter.js';

/**
 * Counts in Redis, so every API replica adds to and reads the same counts. One round trip per
 * call: a pipeline of INCR (each atomic) or GET per counter, never a script across keys, so it
 * also runs on a Redis Cluster. A window's key expires a window after its last count. Window
 * starts come from the callers' clocks, so the replicas' clocks must agree (NTP does).
 */
export function createRedisAttemptCounter(redis: Redis, prefix = 'frontline:throttle'): AttemptCounter {
  const keyOf = (counter: Counter, now: number) => `${prefix}:${windowOf(counter, now).key}`;

  return {
    async check(counters, now) {
      const pipeline = redis.pipeline();
      for (const counter of counters) {
        const key = keyOf(counter, now);
        if (counter.counts === 'every') pipeline.incr(key).pexpire(key, counter.windowMs);
        else pipeline.get(key);
      }
      const replies = await execute(pipeline);
      let at = 0;
      const exceeded = counters.flatMap((counter) => {
        const count = Number(replies[at] ?? 0);
        at += counter.counts === 'every' ? 2 : 1;
        return isOver(counter, count) ? [{ counter, until: windowOf(counter, now).end }] : [];
      });
      return latest(exceeded);
    },
    async fail(counters, now) {
      const pipeline = redis.pipeline();
      for (const counter of counters) {
        if (counter.counts !== 'failures') continue;
        const key = keyOf(counter, now);
        pipeline.incr(key).pexpire(key, counter.windowMs);
      }
      await execute(pipeline);
    },
  };
}

/** The pipeline's replies, or its first error. */
async function execute(pipeline: ReturnType<Redis['pipeline']>): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([error]) => error !== null);
  if (failed !== undefined) throw failed[0];
  return results.map(([, reply]) => reply);
}
