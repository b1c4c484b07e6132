import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Clock } from '../clock.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import type { SyncStore } from '../store/sync-store.js';
import { ApiError } from './api-error.js';
import { installErrorHandler } from './error-handler.js';
import { createMetrics } from './metrics.js';

export interface ServerDeps {
  readonly store: SyncStore;
  readonly queue: JobQueue;
  readonly clock: Clock;
  readonly log: Logger;
}

/** Request bodies larger than this are refused with 413. */
const BODY_LIMIT = 1024 * 1024;

const healthSchema = {
  summary: 'Whether the store and the job queue are reachable',
  response: {
    200: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['ok'] }, store: { type: 'string' }, queue: { type: 'string' } },
      required: ['status', 'store', 'queue'],
    },
  },
} as const;

/**
 * The connector's HTTP API, built but not listening (tests call `inject`; `frontline serve`
 * listens). Every route has a schema, from which `/openapi.json` is generated.
 */
export async function createServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: BODY_LIMIT, logger: false });
  installErrorHandler(app, deps.log);
  await app.register(swagger, {
    openapi: { info: { title: 'Frontline connector API', version: '1' }, servers: [] },
  });
  const metrics = createMetrics(deps);
  app.addHook('onResponse', async (request, reply) => {
    metrics.requestSeconds.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/healthz', { schema: healthSchema }, async () => {
    const store = await deps.store.listTenants().then(
      () => 'ok',
      () => null,
    );
    const queue = await deps.queue.counts().then(
      () => 'ok',
      () => null,
    );
    if (store === null || queue === null) {
      const down = [store === null ? 'the store' : null, queue === null ? 'the job queue' : null].filter(Boolean);
      throw new ApiError(
        'unavailable',
        `${down.join(' and ')} cannot be reached: check DATABASE_URL / REDIS_URL and that the servers run`,
      );
    }
    return { status: 'ok' as const, store, queue };
  });

  app.get('/metrics', { schema: { summary: 'Prometheus metrics', hide: false } }, async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get('/openapi.json', { schema: { summary: 'This API, as OpenAPI 3' } }, async () => app.swagger());
  return app;
}
