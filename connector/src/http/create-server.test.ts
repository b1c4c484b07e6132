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
  const ADMIN_TOKEN = randomBytes(32).toString('base64');

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
      adminToken: ADMIN_TOKEN,
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
    const response = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toMatch(
      /frontline_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/,
    );
    expect(response.body).toMatch(/frontline_jobs_waiting 0/);
    expect(response.body).toMatch(/frontline_sync_lag_seconds\{tenant="acme"\} (9\d|1\d\d)/);
    expect(response.body).toMatch(/frontline_rate_limit_wait_seconds_total\{tenant="acme"\} 1\.5/);
  });

  it('serves /metrics, which names every tenant, only to a scrape that sends the admin token', async () => {
    const without = await app.inject({ method: 'GET', url: '/metrics' });
    expect(without.statusCode).toBe(401);
    expect(without.headers['www-authenticate']).toBe('Bearer realm="Frontline metrics"');
    expect(without.json()).toEqual({
      error: {
        code: 'unauthenticated',
        message:
          'no token came with the request: send FRONTLINE_ADMIN_TOKEN as `Authorization: Bearer <token>` ' +
          '(Prometheus: `authorization: { credentials: <token> }` in the scrape config)',
      },
    });
    expect(without.body).not.toContain('acme');
    for (const authorization of [`Bearer ${ADMIN_TOKEN}x`, `Bearer ${ADMIN_TOKEN.slice(1)}`, `Basic ${ADMIN_TOKEN}`]) {
      const wrong = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization } });
      expect(wrong.statusCode, authorization).toBe(401);
      expect(wrong.body, authorization).not.toContain('acme');
    }
    const scraped = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `bearer ${ADMIN_TOKEN}` },
    });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.headers['cache-control']).toBe('no-store');
  });

  it('answers /metrics with 404 saying what to set when no admin token is set', async () => {
    const open = await createServer({
      store,
      queue: new InProcessQueue(systemClock),
      clock: systemClock,
      log: silentLogger,
      feed: createMemoryChangeFeed(),
      sessionKey: randomBytes(32),
    });
    try {
      const response = await open.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.message).toMatch(/^\/metrics is off: set FRONTLINE_ADMIN_TOKEN /);
    } finally {
      await open.close();
    }
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

  it('lets pages of any origin call the /v1 routes, and only those', async () => {
    const origin = 'https://acme.zendesk.com';
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/notes',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.body).toBe('');
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
      'access-control-allow-headers': 'authorization, content-type, x-frontline-app-secret',
      'access-control-max-age': '600',
    });
    // The page can read the refusal too, and so tell its user what to do.
    const refused = await app.inject({ method: 'GET', url: '/v1/settings', headers: { origin } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    for (const url of ['/healthz', '/openapi.json', '/apps/zendesk/sidebar.html']) {
      const read = await app.inject({ method: 'GET', url, headers: { origin } });
      expect(read.headers['access-control-allow-origin'], url).toBeUndefined();
      const asked = await app.inject({
        method: 'OPTIONS',
        url,
        headers: { origin, 'access-control-request-method': 'GET' },
      });
      expect(asked.statusCode, url).toBe(404);
      expect(asked.headers['access-control-allow-origin'], url).toBeUndefined();
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
