import type { Redis } from 'ioredis';
import type { ChangeFeed } from './change-feed.js';

const CHANNEL = 'frontline:history-changes';

/**
 * The feed across processes: Redis pub/sub. Subscribing needs a connection of its own (a
 * subscribed connection can do nothing else), opened on the first `subscribe`.
 */
export function createRedisChangeFeed(redis: Redis, channel = CHANNEL): ChangeFeed {
  const listeners = new Set<(tenantId: string) => void>();
  let subscriber: Redis | null = null;
  const listen = (): void => {
    if (subscriber !== null) return;
    subscriber = redis.duplicate();
    subscriber.on('error', () => {});
    subscriber.on('message', (_channel: string, tenantId: string) => {
      for (const listener of listeners) listener(tenantId);
    });
    void subscriber.subscribe(channel).catch(() => {});
  };
  return {
    async publish(tenantId) {
      await redis.publish(channel, tenantId);
    },
    subscribe(listener) {
      listen();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      const s = subscriber;
      subscriber = null;
      await s?.quit().catch(() => s.disconnect());
    },
  };
}
