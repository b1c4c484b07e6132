import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../logger.js';
import { adminTokenMatcher, bearerToken } from '../admin-token.js';
import { ApiError } from '../api-error.js';
import type { ErrorBody } from '../error-handler.js';
import type { ApiMetrics } from '../metrics.js';

export interface MetricsRouteOptions {
  readonly metrics: ApiMetrics;
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
 * GET /metrics for Prometheus. Its labels name every tenant, so it takes the admin token, as the
 * queue dashboard does; without one set it answers 404 saying what to set.
 */
export function registerMetricsRoute(app: FastifyInstance, options: MetricsRouteOptions): void {
  const { metrics, adminToken, log } = options;
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
}
