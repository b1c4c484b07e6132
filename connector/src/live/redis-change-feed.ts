import type { Redis } from 'ioredis';
import type { RedisHealth } from '../redis-health.js';
import type { ChangeFeed, ChangeKind } from './change-feed.js';

const CHANNEL = 'frontline:history-changes';
/** A settings notice's message is the tenant id behind this prefix; a history notice's is the bare id. */
const SETTINGS = 'settings:';

/**
 * The feed across processes: Redis pub/sub. Subscribing needs a connection of its own (a
 * subscribed connection can do nothing else), opened on the first `subscribe`.
 */
export function createRedisChangeFeed(redis: Redis, health: RedisHealth, channel = CHANNEL): ChangeFeed {
  const listeners = new Set<(tenantId: string, kind: ChangeKind) => void>();
  let subscriber: Redis | null = null;
  const listen = (): void => {
    if (subscriber !== null) return;
    subscriber = redis.duplicate();
    health.watch(subscriber);
    subscriber.on('message', (_channel: string, message: string) => {
      const settings = message.startsWith(SETTINGS);
      const tenantId = settings ? message.slice(SETTINGS.length) : message;
      for (const listener of listeners) listener(tenantId, settings ? 'settings' : 'history');
    });
    // ioredis subscribes again by itself after a reconnect; a failure here is an outage.
    subscriber.subscribe(channel).catch((error: unknown) => health.failed(error));
  };
  return {
    async publish(tenantId, kind = 'history') {
      await redis.publish(channel, kind === 'settings' ? `${SETTINGS}${tenantId}` : tenantId);
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
