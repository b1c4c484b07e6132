import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { Logger } from './logger.js';
import { createRedisHealth } from './redis-health.js';

/** A logger keeping its warnings' messages. */
function recordingLogger(): { log: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const log = { warn: (_fields: unknown, message?: string) => void warnings.push(message ?? String(_fields)) };
  return { log: log as unknown as Logger, warnings };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:6380'), { code: 'ECONNREFUSED' });

describe('createRedisHealth', () => {
  it('warns once per outage however many connections fail, and once when all answer again', () => {
    const { log, warnings } = recordingLogger();
    const health = createRedisHealth('redis://:pw@10.0.0.5:6380', log);
    const [a, b] = [new EventEmitter(), new EventEmitter()];
    health.watch(a as unknown as Redis);
    health.watch(b as unknown as Redis);
    for (let retry = 0; retry < 20; retry++) {
      a.emit('error', refused);
      b.emit('error', refused);
    }
    health.failed(refused);
    expect(health.isDown()).toBe(true);
    a.emit('ready');
    expect(health.isDown()).toBe(true);
    b.emit('ready');
    expect(health.isDown()).toBe(false);
    expect(warnings).toEqual([
      'Redis at 10.0.0.5:6380 (REDIS_URL) stopped answering (ECONNREFUSED); retrying until it answers, and what needs it waits',
      'Redis at 10.0.0.5:6380 (REDIS_URL) answers again',
    ]);
    // A connection that was never down connecting again says nothing.
    a.emit('ready');
    expect(warnings).toHaveLength(2);
  });
});
