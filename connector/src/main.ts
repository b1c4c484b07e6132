/**
 * The composition root: the one place that turns configuration into running parts (store,
 * queue, lock, vendor clients, logger). Commands and processes get a `Runtime` from here.
 */
import { abortableClock, systemClock, type Clock } from './clock.js';
import type { Env } from './env.js';
import { InProcessQueue } from './jobs/in-process-queue.js';
import { jobKey, type SyncJob } from './jobs/sync-job.js';
import { createMemoryTenantLock, createRedisTenantLock } from './jobs/tenant-lock.js';
import { createLogger, type Logger } from './logger.js';
import type { Runtime } from './runtime.js';
import { createMemoryReplayGuard, createRedisReplayGuard } from './http/replay-guard.js';
import { createMemoryAttemptCounter } from './http/throttle/memory-attempt-counter.js';
import { createRedisAttemptCounter } from './http/throttle/redis-attempt-counter.js';
import { announcingWrites } from './live/announcing-store.js';
import { createMemoryChangeFeed } from './live/change-feed.js';
import { createMemoryRateLimitWaits, createRedisRateLimitWaits } from './live/rate-limit-waits.js';
import { createRedisChangeFeed } from './live/redis-change-feed.js';
import { createSyncStore, keyOf } from './store/index.js';
import { createSurveySource, createVendorClient, unknownValueLog } from './vendors/create-vendor-client.js';
import { createRedisRequestLedger } from './vendors/http/redis-request-ledger.js';

export interface RuntimeOverrides {
  readonly clock?: Clock;
  readonly log?: Logger;
  /** How long a killed worker's job and tenant stay claimed (default 30 s). */
  readonly claimMs?: number;
}

/** Builds the runtime the environment describes and migrates the store. */
export async function openRuntime(env: Env, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  const clock = overrides.clock ?? systemClock;
  const log = overrides.log ?? createLogger({ level: env.logLevel });
  const unknownValues = unknownValueLog(log);
  const storeOptions = {
    databaseUrl: env.databaseUrl ?? undefined,
    dataDir: env.dataDir,
    secretKey: env.secretKey ?? undefined,
  };
  const secretKey = await keyOf(storeOptions);
  const plainStore = await createSyncStore({ ...storeOptions, secretKey });
  await plainStore.migrate();
  const onJobError = (job: SyncJob, error: unknown, willRetry: boolean) =>
    log.warn({ tenant: job.tenant, job: job.kind, jobId: jobKey(job), err: error, willRetry }, 'job failed');
  // ioredis and BullMQ take most of a second to load: only with REDIS_URL.
  const redis =
    env.redisUrl === null ? null : new (await import('ioredis')).Redis(env.redisUrl, { maxRetriesPerRequest: null });
  redis?.on('error', () => {});
  const bullmq =
    env.redisUrl === null
      ? null
      : new (await import('./jobs/bullmq-queue.js')).BullmqQueue(
          env.redisUrl,
          onJobError,
          undefined,
          overrides.claimMs,
        );
  const queue = bullmq ?? new InProcessQueue(clock, onJobError);
  const lock = redis === null ? createMemoryTenantLock() : createRedisTenantLock(redis, overrides.claimMs);
  const feed = redis === null ? createMemoryChangeFeed() : createRedisChangeFeed(redis);
  const rateLimitWaits = redis === null ? createMemoryRateLimitWaits() : createRedisRateLimitWaits(redis);
  const store = announcingWrites(plainStore, feed, (error) => log.warn({ err: error }, 'change notice not sent'));
  return {
    env,
    store,
    queue,
    feed,
    rateLimitWaits,
    replay: redis === null ? createMemoryReplayGuard(() => clock.now()) : createRedisReplayGuard(redis),
    attempts: redis === null ? createMemoryAttemptCounter() : createRedisAttemptCounter(redis),
    trustProxy: env.trustProxy,
    sessionKey: secretKey.derive('session tokens'),
    lock,
    clock,
    log,
    adminToken: env.adminToken,
    dashboardQueues: bullmq === null ? [] : [bullmq.bullQueue],
    frameAncestors: env.frameAncestors,
    clientFor: (tenant, { observer, signal } = {}) =>
      createVendorClient(tenant, {
        clock: signal === undefined ? clock : abortableClock(clock, signal),
        observer: {
          ...observer,
          onRateLimitWait(ms) {
            rateLimitWaits.add(tenant.name, ms);
            observer?.onRateLimitWait?.(ms);
          },
        },
        log,
        unknownValues,
        zendeskMarketplace: env.zendeskMarketplace,
        ...(redis === null ? {} : { ledger: createRedisRequestLedger(redis, tenant.id) }),
      }),
    surveysFor: (tenant) => createSurveySource(tenant, { clock, log }),
    async close() {
      await queue.close();
      await feed.close();
      await redis?.quit().catch(() => redis.disconnect());
      await store.close();
    },
  };
}
