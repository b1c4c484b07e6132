import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../../clock.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { RateLimitWaits } from '../../live/rate-limit-waits.js';
import type { Logger } from '../../logger.js';
import type { SyncStore } from '../../store/sync-store.js';
import { adminTokenMatcher, bearerToken } from '../admin-token.js';
import { ApiError } from '../api-error.js';
import type { ErrorBody } from '../error-handler.js';
import { createMetrics } from '../metrics.js';

export interface MetricsPluginOptions {
  readonly queue: JobQueue;
  readonly store: SyncStore;
  readonly clock: Clock;
  /** Rate-limit waits of every process. */
  readonly rateLimitWaits?: RateLimitWaits;
  /** `FRONTLINE_ADMIN_TOKEN`; `null` turns /metrics off. */
  readonly adminToken: string | null;
  /** Refused scrapes are logged (address only, never what was sent). */
  readonly log: Logger;
}

const NOT_CONFIGURED =
  '/metrics is off: set FRONTLINE_ADMIN_TOKEN (at least 24 characters, e.g. `openssl rand -base64 32`), ' +
  'restart `frontline serve`, and send it as `Authorization: Bearer <token>` ' +
  '(Prometheus: `authorization: { credentials: <token> }` in the scrape config)';

const HOW_TO_SEND =
  'send FRONTLINE_ADMIN_TOKEN as `Authorization: Bearer <token>` ' +
  '(Prometheus: `authorization: { credentials: <token> }` in the scrape config)';

const routeSchema = {
  summary: 'Prometheus metrics: send FRONTLINE_ADMIN_TOKEN as `Authorization: Bearer <token>`',
} as const;

function refuse(reply: FastifyReply, message: string): FastifyReply {
  const body: ErrorBody = { error: { code: 'unauthenticated', message } };
  return reply
    .status(401)
    .header('www-authenticate', 'Bearer realm="Frontline metrics"')
    .header('cache-control', 'no-store')
    .send(body);
}

/**
 * The connector's Prometheus metrics: every answer's latency, timed from the root scope, and
 * GET /metrics. Its labels name every tenant, so it takes the admin token, as the queue dashboard
 * does; without one set it answers 404 saying what to set.
 */
const metricsRoutes: FastifyPluginAsyncTypebox<MetricsPluginOptions> = async (app, options) => {
  const { adminToken, log } = options;
  const metrics = createMetrics(options);
  app.addHook('onResponse', async (request, reply) => {
    metrics.requestSeconds.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  if (adminToken === null) {
    app.get('/metrics', { schema: routeSchema }, async () => {
      throw new ApiError('not_found', NOT_CONFIGURED);
    });
    return;
  }

  const isAdminToken = adminTokenMatcher(adminToken);
  const authorize = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = bearerToken(request.headers.authorization);
    if (token === null) return refuse(reply, `no token came with the request: ${HOW_TO_SEND}`);
    if (!isAdminToken(token)) {
      log.warn({ ip: request.ip, route: '/metrics' }, 'metrics scrape refused');
      return refuse(reply, `wrong token: ${HOW_TO_SEND}`);
    }
  };

  app.get('/metrics', { schema: routeSchema, onRequest: authorize }, async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store');
    return metrics.registry.metrics();
  });
};

// Not encapsulated: the latency hook must see every route, not only this plugin's.
export const metricsPlugin = fp(metricsRoutes, { name: 'frontline-metrics', fastify: '5.x' });
