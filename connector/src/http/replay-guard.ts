import type { Redis } from 'ioredis';

/**
 * Remembers signed webhook deliveries for as long as their signature is accepted, so the same
 * delivery sent again (a replay) is refused. Shared through Redis when API processes are many.
 */
export interface ReplayGuard {
  /** True the first time `key` is seen within `ttlMs`, false on every repeat. */
  firstSeen(key: string, ttlMs: number): Promise<boolean>;
}

export function createMemoryReplayGuard(now: () => number = Date.now): ReplayGuard {
  const seen = new Map<string, number>();
  return {
    async firstSeen(key, ttlMs) {
      const t = now();
      if (seen.size > 10_000) for (const [k, until] of seen) if (until <= t) seen.delete(k);
      const until = seen.get(key);
      if (until !== undefined && until > t) return false;
      seen.set(key, t + ttlMs);
      return true;
    },
  };
}

export function createRedisReplayGuard(redis: Redis): ReplayGuard {
  return {
    async firstSeen(key, ttlMs) {
      return (await redis.set(`frontline:webhook-seen:${key}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
    },
  };
}
