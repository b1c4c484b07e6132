/**
 * The composition root: the one place that turns configuration into running parts (store,
 * queue, lock, vendor clients, logger). Commands and processes get a `Runtime` from here.
 */
import { createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ConnectServices } from './connect/connect-services.js';
import { ConnectStates } from './connect/connect-state.js';
import { disconnectTenant } from './connect/disconnect-tenant.js';
import { webhookUrlOf } from './connect/webhook-url.js';
import { createFreshdeskConnect } from './connect/freshdesk-connect.js';
import { createZendeskConnect } from './connect/zendesk-connect.js';
import { abortableClock, systemClock, type Clock } from './clock.js';
import { ConfigError, type Env } from './env.js';
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
import { createSyncStore, keyOf, type SyncStoreOptions } from './store/index.js';
import type { SyncStore } from './store/sync-store.js';
import { reachPostgres, reachRedis, unavailable } from './reach-services.js';
import { createRedisHealth, type RedisHealth } from './redis-health.js';
import type { Redis } from 'ioredis';
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
  // Read before anything opens: a bad key file stops the start with nothing left to close.
  const appPublicKeyPem = env.zendeskConnect === null ? null : await readPublicKey(env.zendeskConnect.appPublicKey);
  const onJobError = (job: SyncJob, error: unknown, willRetry: boolean) =>
    log.warn({ tenant: job.tenant, job: job.kind, jobId: jobKey(job), err: error, willRetry }, 'job failed');
  const [plainStore, connected] = await allOrNone(
    [openStore(env, { ...storeOptions, secretKey }), openRedis(env.redisUrl, log)],
    [(store) => store.close(), (redis) => void redis?.connection.disconnect()],
  );
  const redis = connected?.connection ?? null;
  const health = connected?.health ?? null;
  const bullmq =
    env.redisUrl === null || health === null
      ? null
      : new (await import('./jobs/bullmq-queue.js')).BullmqQueue(
          env.redisUrl,
          onJobError,
          undefined,
          overrides.claimMs,
          health,
        );
  const queue = bullmq ?? new InProcessQueue(clock, onJobError);
  const lock = redis === null ? createMemoryTenantLock() : createRedisTenantLock(redis, overrides.claimMs);
  const feed = redis === null || health === null ? createMemoryChangeFeed() : createRedisChangeFeed(redis, health);
  const rateLimitWaits = redis === null ? createMemoryRateLimitWaits() : createRedisRateLimitWaits(redis);
  const store = announcingWrites(plainStore, feed, (error) => log.warn({ err: error }, 'change notice not sent'));
  const clientFor: Runtime['clientFor'] = (tenant, { observer, signal } = {}) =>
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
    });
  const connect = openConnect(env, appPublicKeyPem, {
    store,
    queue,
    clock,
    log,
    clientFor,
    stateKey: secretKey.derive('connect state'),
  });
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
    redisDown: () => health?.isDown() ?? false,
    clientFor,
    connect,
    surveysFor: (tenant) => createSurveySource(tenant, { clock, log }),
    async close() {
      await queue.close();
      await feed.close();
      // QUIT waits for an answer that an unreachable Redis never gives.
      if (health?.isDown()) redis?.disconnect();
      else await redis?.quit().catch(() => redis.disconnect());
      await store.close();
    },
  };
}

/** Connect from the app where the operator configured it; disconnect everywhere. */
function openConnect(
  env: Env,
  appPublicKeyPem: string | null,
  deps: Pick<Runtime, 'store' | 'queue' | 'clock' | 'log' | 'clientFor'> & { readonly stateKey: Buffer },
): ConnectServices {
  const config = env.zendeskConnect;
  const zendesk =
    config === null || env.publicUrl === null || appPublicKeyPem === null
      ? null
      : createZendeskConnect({
          ...deps,
          clientId: config.clientId,
          clientSecret: config.clientSecret,
          appPublicKeyPem,
          accountUrl: config.accountUrl,
          publicUrl: env.publicUrl,
          states: new ConnectStates(deps.stateKey),
        });
  return {
    zendesk,
    freshdesk:
      env.publicUrl === null
        ? null
        : createFreshdeskConnect({ ...deps, accountUrl: env.freshdeskAccountUrl, publicUrl: env.publicUrl }),
    stepsByHand: (tenant) =>
      deps
        .clientFor(tenant)
        .setup?.stepsByHand(webhookUrlOf(env.publicUrl ?? '', tenant), tenant.access.webhookSecrets) ?? [],
    disconnect: (tenant) =>
      disconnectTenant(tenant, { store: deps.store, client: deps.clientFor(tenant), log: deps.log }),
  };
}

/** The app's public key: PEM text as given, or read from the file the variable names. */
async function readPublicKey(value: string): Promise<string> {
  const pem = value.includes('-----BEGIN')
    ? value
    : await readFile(value, 'utf8').catch((error: unknown) => {
        throw new ConfigError(
          `FRONTLINE_ZENDESK_APP_PUBLIC_KEY names ${value}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): ` +
            'give the PEM file Zendesk serves at /api/v2/apps/{app_id}/public_key.pem, or its text',
        );
      });
  try {
    createPublicKey(pem);
  } catch {
    throw new ConfigError("FRONTLINE_ZENDESK_APP_PUBLIC_KEY is not a PEM public key: give the app's public_key.pem");
  }
  return pem;
}

/** The store the options select, reached (PostgreSQL: one short try) and migrated. */
async function openStore(env: Env, options: SyncStoreOptions): Promise<SyncStore> {
  const { databaseUrl } = env;
  if (databaseUrl !== null) await reachPostgres(databaseUrl);
  const store = await createSyncStore(options);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw databaseUrl === null
      ? error
      : unavailable(error, { service: 'PostgreSQL', variable: 'DATABASE_URL', url: databaseUrl });
  }
  return store;
}

/** A Redis connection answering PING, watched for outages from then on; null without REDIS_URL. */
async function openRedis(
  url: string | null,
  log: Logger,
): Promise<{ readonly connection: Redis; readonly health: RedisHealth } | null> {
  if (url === null) return null;
  // ioredis takes most of a second to load: only with REDIS_URL.
  const { Redis } = await import('ioredis');
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  try {
    await reachRedis(connection, url);
  } catch (error) {
    connection.disconnect();
    throw error;
  }
  const health = createRedisHealth(url, log);
  health.watch(connection);
  return { connection, health };
}

/**
 * Waits for every part to open; when one fails, closes those that opened and throws the first
 * failure in the order given, so a process never keeps a half-built runtime alive.
 */
async function allOrNone<A, B>(
  opening: readonly [Promise<A>, Promise<B>],
  closers: readonly [(a: A) => unknown, (b: B) => unknown],
): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled(opening);
  if (a.status === 'fulfilled' && b.status === 'fulfilled') return [a.value, b.value];
  if (a.status === 'fulfilled') await closers[0](a.value);
  if (b.status === 'fulfilled') await closers[1](b.value);
  throw a.status === 'rejected' ? a.reason : b.status === 'rejected' ? b.reason : null;
}
