import type { ConnectServices } from '../connect/connect-services.js';
import { registerConnectRoutes } from './routes/connect-routes.js';
import { fileURLToPath } from 'node:url';
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { Queue } from 'bullmq';
import Fastify, { type FastifyInstance } from 'fastify';
import { SessionTokens } from '../auth/index.js';
import type { Clock } from '../clock.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { ChangeFeed } from '../live/change-feed.js';
import { LiveTenants } from '../live/live-tenants.js';
import { WindowCards } from '../live/window-cards.js';
import type { RateLimitWaits } from '../live/rate-limit-waits.js';
import type { Logger } from '../logger.js';
import type { SyncStore } from '../store/sync-store.js';
import { createAuthenticator } from './authenticate.js';
import { installErrorHandler } from './error-handler.js';
import { callerPlugin } from './plugins/caller-plugin.js';
import { healthPlugin } from './plugins/health-plugin.js';
import { metricsPlugin } from './plugins/metrics-plugin.js';
import { openapiPlugin } from './plugins/openapi-plugin.js';
import { installSecurityHeaders } from './security-headers.js';
import { AppPageOrigins } from './app-page-origins.js';
import { createMemoryReplayGuard, type ReplayGuard } from './replay-guard.js';
import { registerAuthRoutes } from './routes/auth-routes.js';
import { registerCoachingRoutes } from './routes/coaching-routes.js';
import { registerKpiRoutes } from './routes/kpi-routes.js';
import { registerPeopleRoutes } from './routes/people-routes.js';
import { registerQueueDashboard } from './routes/queue-dashboard-route.js';
import { registerSettingsRoutes } from './routes/settings-routes.js';
import { registerStreamRoute } from './routes/stream-route.js';
import { registerTicketRoutes } from './routes/ticket-routes.js';
import { registerWebhookRoutes } from './routes/webhook-routes.js';
import { registerZendeskPages } from './routes/zendesk-pages-route.js';
import type { ServerDeps } from './server-deps.js';
import { StreamHub } from './stream-hub.js';
import { TenantDirectory } from './tenant-directory.js';
import type { AttemptCounter } from './throttle/attempt-counter.js';
import { createMemoryAttemptCounter } from './throttle/memory-attempt-counter.js';
import { installThrottle } from './throttle/throttle-attempts.js';

/** What the composition root hands the API. */
export interface ServerParts {
  readonly store: SyncStore;
  readonly queue: JobQueue;
  readonly clock: Clock;
  readonly log: Logger;
  readonly feed: ChangeFeed;
  /** Signs session tokens: `SecretKey.derive('session tokens')`. */
  readonly sessionKey: Buffer;
  /** Shared through Redis when API processes are many; in memory by default. */
  readonly replay?: ReplayGuard;
  /** Rate-limit waits of every process, for /metrics. */
  readonly rateLimitWaits?: RateLimitWaits;
  /** How long a session token lasts (default 15 min). */
  readonly sessionTtlMs?: number;
  /** How long refreshes keep a sign-in alive (default 12 h): then the sidebar signs in again. */
  readonly sessionMaxAgeMs?: number;
  /** How often open streams are checked against their user's role (default 10 s). */
  readonly streamCheckMs?: number;
  /** Where `npm run package` wrote the app pages (default: the repository's dist folder). */
  readonly appsDir?: string;
  /** `FRONTLINE_ADMIN_TOKEN`: the password of the queue dashboard and /metrics (unset: both off). */
  readonly adminToken?: string | null;
  /** The BullMQ queues the dashboard shows; none when jobs run in process. */
  readonly dashboardQueues?: readonly Queue[];
  /** `FRONTLINE_FRAME_ANCESTORS`: origins besides Zendesk's that may frame the app pages. */
  readonly frameAncestors?: readonly string[];
  /** Connect and disconnect from the app; default: no Connect, and disconnect deletes the stored data only. */
  readonly connect?: ConnectServices;
  /**
   * Counts sign-in and webhook attempts for throttling: shared through Redis when API processes
   * are many; in memory by default; null turns throttling off (to measure what it costs).
   */
  readonly attempts?: AttemptCounter | null;
  /** Fastify's `trustProxy` (`FRONTLINE_TRUST_PROXY`): whose X-Forwarded-For gives the client address. */
  readonly trustProxy?: boolean | string[];
}

/** The repository's dist folder, where `npm run package` writes. */
const DEFAULT_APPS_DIR = fileURLToPath(new URL('../../../dist', import.meta.url));

/** Request bodies larger than this are refused with 413. */
const BODY_LIMIT = 1024 * 1024;

/**
 * The sidebars call the /v1 routes from the helpdesk's pages: bearer tokens, no cookies, so any
 * origin may. Nothing else is for other sites (the app pages are framed, not fetched).
 */
const V1_CORS: FastifyCorsOptions = {
  origin: '*',
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  allowedHeaders: ['authorization', 'content-type', 'x-frontline-app-secret'],
  maxAge: 600,
  // An OPTIONS that is no browser's preflight (no Origin) gets the 204 too, not a plain-text 400.
  strictPreflight: false,
};
const NO_CORS: FastifyCorsOptions = { origin: false };
const corsOf = (url: string): FastifyCorsOptions => (url.startsWith('/v1/') ? V1_CORS : NO_CORS);

/**
 * The connector's HTTP API, built but not listening (tests call `inject`; `frontline serve`
 * listens). Every route has a schema, from which `/openapi.json` is generated; unknown fields
 * are refused, not dropped.
 */
export async function createServer(parts: ServerParts): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    logger: false,
    trustProxy: parts.trustProxy ?? false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array' } },
  });
  installErrorHandler(app, parts.log);
  installSecurityHeaders(app);
  const attempts = parts.attempts === undefined ? createMemoryAttemptCounter() : parts.attempts;
  if (attempts !== null) installThrottle(app, { counter: attempts, clock: parts.clock, log: parts.log });
  await app.register(openapiPlugin);
  await app.register(metricsPlugin, {
    store: parts.store,
    queue: parts.queue,
    clock: parts.clock,
    rateLimitWaits: parts.rateLimitWaits,
    adminToken: parts.adminToken ?? null,
    log: parts.log,
  });
  await app.register(cors, { delegator: (request, callback) => callback(null, corsOf(request.url)) });

  const sessions = new SessionTokens(
    parts.sessionKey,
    () => parts.clock.now(),
    parts.sessionTtlMs,
    parts.sessionMaxAgeMs,
  );
  const tenants = new TenantDirectory(parts.store, () => parts.clock.now());
  const live = new LiveTenants({
    store: parts.store,
    feed: parts.feed,
    clock: parts.clock,
    log: parts.log,
    targetsOf: (tenantId) => parts.store.coaching.listTargets(tenantId),
    headlineOf: async (tenantId) => (await parts.store.coaching.settings(tenantId)).headline,
  });
  const deps: ServerDeps = {
    ...parts,
    live,
    windows: new WindowCards(parts.store),
    sessions,
    tenants,
    auth: createAuthenticator(sessions, tenants, parts.log),
    replay: parts.replay ?? createMemoryReplayGuard(() => parts.clock.now()),
    hub: new StreamHub(),
    connect: parts.connect ?? {
      zendesk: null,
      freshdesk: null,
      stepsByHand: () => [],
      disconnect: async (tenant) => {
        await parts.store.removeTenant(tenant.name);
        return { problems: [] };
      },
    },
  };
  await app.register(callerPlugin, { deps });
  app.addHook('preClose', async () => deps.hub.endAll());
  app.addHook('onClose', async () => live.close());

  await app.register(healthPlugin, { store: parts.store, queue: parts.queue });

  registerAuthRoutes(app, deps);
  registerKpiRoutes(app, deps);
  registerCoachingRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerPeopleRoutes(app, deps);
  registerTicketRoutes(app, deps);
  registerStreamRoute(app, deps, { checkMs: parts.streamCheckMs });
  registerWebhookRoutes(app, deps);
  registerConnectRoutes(app, deps);
  registerZendeskPages(app, {
    appsDir: parts.appsDir ?? DEFAULT_APPS_DIR,
    origins: new AppPageOrigins(parts.frameAncestors ?? [], async () =>
      (await tenants.all()).filter((t) => t.vendor === 'zendesk').map((t) => t.baseUrl),
    ),
    log: parts.log,
  });
  await registerQueueDashboard(app, {
    adminToken: parts.adminToken ?? null,
    queues: parts.dashboardQueues ?? [],
    log: parts.log,
  });
  return app;
}
