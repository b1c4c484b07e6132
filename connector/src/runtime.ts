import type { Queue } from 'bullmq';
import type { ConnectServices } from './connect/connect-services.js';
import type { Clock } from './clock.js';
import type { Env } from './env.js';
import type { ReplayGuard } from './http/replay-guard.js';
import type { AttemptCounter } from './http/throttle/attempt-counter.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { TenantLock } from './jobs/tenant-lock.js';
import type { ChangeFeed } from './live/change-feed.js';
import type { RateLimitWaits } from './live/rate-limit-waits.js';
import type { Logger } from './logger.js';
import type { SyncStore, Tenant } from './store/sync-store.js';
import type { SurveySource } from './sync/survey-source.js';
import type { VendorClient } from './vendors/vendor-client.js';

/** What a client reports as it works, for progress bars and metrics. */
export interface ClientObserver {
  onRateLimitWait?(ms: number): void;
  onRequest?(): void;
}

export interface ClientOptions {
  readonly observer?: ClientObserver;
  readonly signal?: AbortSignal;
}

/**
 * Everything the commands and processes run on, built once by the composition root (main.ts)
 * from the environment: the store, the queue and lock, and a vendor client per tenant.
 */
export interface Runtime {
  readonly env: Env;
  /** Announces every committed write to a tenant's history on `feed`. */
  readonly store: SyncStore;
  readonly queue: JobQueue;
  readonly feed: ChangeFeed;
  readonly replay: ReplayGuard;
  /** Sign-in and webhook attempts, for throttling: in Redis when there is one, so replicas share them. */
  readonly attempts: AttemptCounter;
  /** `FRONTLINE_TRUST_PROXY`, for the API's client addresses. */
  readonly trustProxy: boolean | string[];
  /** Every client's rate-limit waits, per tenant, for /metrics. */
  readonly rateLimitWaits: RateLimitWaits;
  /** Signs the API's session tokens (derived from the secret key). */
  readonly sessionKey: Buffer;
  readonly lock: TenantLock;
  readonly clock: Clock;
  readonly log: Logger;
  /** `FRONTLINE_ADMIN_TOKEN`: the queue dashboard's password; null turns the dashboard off. */
  readonly adminToken: string | null;
  /** The BullMQ queues the queue dashboard shows; none with the in-process runner. */
  readonly dashboardQueues: readonly Queue[];
  /** `FRONTLINE_FRAME_ANCESTORS`: origins besides Zendesk's that may frame the app pages. */
  readonly frameAncestors: readonly string[];
  /** Whether Redis stops answering right now (false without REDIS_URL): shutdowns skip what would wait on it. */
  redisDown(): boolean;
  /** A vendor client for the tenant; with `signal`, its waits end (rejecting) when it aborts. */
  clientFor(tenant: Tenant, options?: ClientOptions): VendorClient;
  surveysFor(tenant: Tenant): SurveySource | null;
  /** Connect and disconnect from inside the helpdesk (and `tenant remove`). */
  readonly connect: ConnectServices;
  close(): Promise<void>;
}

/** Opens the runtime on first use, so commands that need no store (kpi on an export) never open one. */
export type OpenRuntime = () => Promise<Runtime>;
