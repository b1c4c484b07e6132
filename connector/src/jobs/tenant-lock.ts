import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A held lock; `release` is safe to call more than once. */
export interface HeldLock {
  release(): Promise<void>;
}

/**
 * One sync per tenant at a time, across every worker process. `tryAcquire` returns `null`
 * when another worker holds the tenant: that worker is already bringing it up to date.
 */
export interface TenantLock {
  tryAcquire(tenantId: string): Promise<HeldLock | null>;
}

/** In one process (the embedded default). */
export function createMemoryTenantLock(): TenantLock {
  const held = new Set<string>();
  return {
    async tryAcquire(tenantId) {
      if (held.has(tenantId)) return null;
      held.add(tenantId);
      return { release: async () => void held.delete(tenantId) };
    },
  };
}

const TTL_MS = 30_000;
// Delete or extend only our own lock: another worker may hold it after ours expired.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * On Redis: a key with an owner token and a TTL, renewed while held, so a worker killed with
 * SIGKILL frees its tenants within the TTL.
 */
export function createRedisTenantLock(redis: Redis, ttlMs = TTL_MS): TenantLock {
  return {
    async tryAcquire(tenantId) {
      const key = `frontline:lock:tenant:${tenantId}`;
      const token = randomUUID();
      const ok = await redis.set(key, token, 'PX', ttlMs, 'NX');
      if (ok !== 'OK') return null;
      const renewal = setInterval(() => void redis.eval(RENEW, 1, key, token, ttlMs).catch(() => {}), ttlMs / 3);
      renewal.unref();
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          clearInterval(renewal);
          await redis.eval(RELEASE, 1, key, token).catch(() => {});
        },
      };
    },
  };
}
