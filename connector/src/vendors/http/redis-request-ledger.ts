import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LedgerEntry, RequestLedger } from './request-ledger.js';

/** Kept a little over the vendors' one-minute window. */
const KEEP_MS = 2 * 60_000;

/** A tenant's request ledger in a Redis sorted set, scored by time. */
export function createRedisRequestLedger(redis: Redis, tenantId: string): RequestLedger {
  const key = `frontline:requests:${tenantId}`;
  return {
    async recent(since) {
      const members = await redis.zrangebyscore(key, since, '+inf');
      return members.flatMap((member) => {
        try {
          return [JSON.parse(member) as LedgerEntry & { id: string }].map(({ endpoint, cost, at }) => ({
            endpoint,
            cost,
            at,
          }));
        } catch {
          return [];
        }
      });
    },
    record(entry) {
      const member = JSON.stringify({ ...entry, id: randomUUID() });
      void redis
        .multi()
        .zadd(key, entry.at, member)
        .zremrangebyscore(key, '-inf', entry.at - KEEP_MS)
        .pexpire(key, KEEP_MS)
        .exec()
        .catch(() => {});
    },
  };
}
