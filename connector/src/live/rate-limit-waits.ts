import type { Redis } from 'ioredis';

/**
 * Time vendor clients spent waiting for rate limits, per tenant, totalled across processes: the
 * workers wait, the API's /metrics reports. Seconds since the totals began (a Prometheus counter).
 */
export interface RateLimitWaits {
  add(tenant: string, ms: number): void;
  totals(): Promise<ReadonlyMap<string, number>>;
}

export function createMemoryRateLimitWaits(): RateLimitWaits {
  const seconds = new Map<string, number>();
  return {
    add(tenant, ms) {
      seconds.set(tenant, (seconds.get(tenant) ?? 0) + ms / 1000);
    },
    async totals() {
      return new Map(seconds);
    },
  };
}

const KEY = 'frontline:rate-limit-wait-seconds';

export function createRedisRateLimitWaits(redis: Redis, key = KEY): RateLimitWaits {
  return {
    add(tenant, ms) {
      // Best effort: a lost increment under-reports a wait; it never holds the request up.
      void redis.hincrbyfloat(key, tenant, ms / 1000).catch(() => {});
    },
    async totals() {
      const all = await redis.hgetall(key);
      return new Map(Object.entries(all).map(([tenant, value]) => [tenant, Number(value)]));
    },
  };
}
