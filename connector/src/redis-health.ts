import type { Redis } from 'ioredis';
import { describeTarget, errorCodeOf } from './explain-connection-failure.js';
import type { Logger } from './logger.js';

/** Whether Redis answers, as every connection of the process sees it, logged once per outage. */
export interface RedisHealth {
  /** Follows a connection's errors and reconnects (ioredis retries on its own). */
  watch(connection: Redis): void;
  /** An error reported by something holding connections of its own (BullMQ's worker). */
  failed(error: unknown): void;
  isDown(): boolean;
}

/**
 * One warning when Redis stops answering and one line when it answers again, however many
 * connections see it: a worker holds several, and ioredis reports every failed retry.
 */
export function createRedisHealth(url: string, log: Logger): RedisHealth {
  const where = describeTarget({ service: 'Redis', variable: 'REDIS_URL', url });
  const down = new Set<Redis | 'other'>();
  const failed = (who: Redis | 'other', error: unknown) => {
    if (down.size === 0) {
      log.warn(
        { err: error },
        `${where} stopped answering (${errorCodeOf(error)}); retrying until it answers, and what needs it waits`,
      );
    }
    down.add(who);
  };
  return {
    watch(connection) {
      connection.on('error', (error: unknown) => failed(connection, error));
      connection.on('ready', () => {
        if (!down.delete(connection)) return;
        // An error from elsewhere clears with the first connection that comes back.
        down.delete('other');
        if (down.size === 0) log.warn(`${where} answers again`);
      });
    },
    failed: (error) => failed('other', error),
    isDown: () => down.size > 0,
  };
}
