/**
 * A start's first contact with the services the environment names: each gets one short try, so
 * a wrong URL fails in seconds with one line instead of retrying (ioredis) or waiting on the
 * system's TCP timeout (pg) in silence.
 */
import type { Redis } from 'ioredis';
import { explainConnectionFailure, type ServiceTarget } from './explain-connection-failure.js';
import { ServiceUnavailableError } from './service-unavailable-error.js';

const POSTGRES_TIMEOUT_MS = 5_000;
const REDIS_TIMEOUT_MS = 3_000;

/** The error to throw for a failure to reach `target`: the explained line, or the error as it is. */
export function unavailable(error: unknown, target: ServiceTarget): unknown {
  const line = explainConnectionFailure(error, target);
  return line === null ? error : new ServiceUnavailableError(line);
}

/** Connects once to PostgreSQL at `url` and runs `SELECT 1`. */
export async function reachPostgres(url: string, timeoutMs = POSTGRES_TIMEOUT_MS): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A failed connect also emits 'error'; the rejected connect() below reports it.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw unavailable(error, { service: 'PostgreSQL', variable: 'DATABASE_URL', url });
  } finally {
    // Only a probe: a connection that fails to close cleanly is dropped all the same.
    await client.end().catch(() => undefined);
  }
}

/** Waits for `redis` to answer PING: fails at its first connection error, or after `timeoutMs`. */
export async function reachRedis(redis: Redis, url: string, timeoutMs = REDIS_TIMEOUT_MS): Promise<void> {
  let fail: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const timer = setTimeout(() => fail(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })), timeoutMs);
  redis.on('error', fail);
  try {
    await Promise.race([redis.ping(), failed]);
  } catch (error) {
    throw unavailable(error, { service: 'Redis', variable: 'REDIS_URL', url });
  } finally {
    clearTimeout(timer);
    redis.off('error', fail);
  }
}
