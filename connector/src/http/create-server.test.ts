import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { InProcessQueue } from '../jobs/in-process-queue.js';
import { createMemoryChangeFeed } from '../live/change-feed.js';
import { createMemoryRateLimitWaits } from '../live/rate-limit-waits.js';
import { silentLogger } from '../logger.js';
import type { SyncStore, Tenant } from '../store/sync-store.js';
import { openTestTenant } from '../sync/open-test-tenant.js';
import { createServer } from './create-server.js';

describe('createServer', () => {
  let store: SyncStore;
  let tenant: Tenant;
  let close: () => Promise<void>;
  let app: FastifyInstance;

  const waits = createMemoryRateLimitWaits();

  beforeEach(async () => {
    ({ store, tenant, close } = await openTestTenant({ shared: true }));
    app = await createServer({
      store,
      queue: new InProcessQueue(systemClock),
      clock: systemClock,
      log: silentLogger,
      feed: createMemoryChangeFeed(),
      sessionKey: randomBytes(32),
      rateLimitWaits: waits,
    });
  });

  afterEach(async () => {
    await app.close();
    await close();
  });

  it('reports healthy when the store and the queue answer', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', store: 'ok', queue: 'ok' });
  });

  it('reports 503 with what to check when the store is down', async () => {
    await close();
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      error: {
        code: 'unavailable',
        message: expect.stringMatching(/^the store cannot be reached: check DATABASE_URL/),
      },
    });
    ({ store, tenant, close } = await openTestTenant({ shared: true }));
  });

  it('serves Prometheus metrics: request latency, jobs waiting, sync lag and rate-limit waits per tenant', async () => {
    waits.add('acme', 1_000);
    waits.add('acme', 500);
    await store.savePage(tenant.id, 'tickets', {}, { cursor: 'c', done: false, reachedTime: Date.now() - 90_000 });
    await app.inject({ method: 'GET', url: '/healthz' });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toMatch(
      /frontline_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/,
    );
    expect(response.body).toMatch(/frontline_jobs_waiting 0/);
    expect(response.body).toMatch(/frontline_sync_lag_seconds\{tenant="acme"\} (9\d|1\d\d)/);
    expect(response.body).toMatch(/frontline_rate_limit_wait_seconds_total\{tenant="acme"\} 1\.5/);
  });

  it('describes every route in /openapi.json', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/healthz', '/metrics', '/openapi.json']));
    // Every operation says what it is for (the /v1 routes are listed in api-routes.test.ts).
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations as Record<string, { summary?: string }>)) {
        expect(operation.summary, `${method} ${path}`).toMatch(/\w/);
      }
    }
  });

  it('answers an unknown route with a 404 that says where the routes are', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/nothing?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'no route GET /v1/nothing: see /openapi.json' },
    });
  });
});
