import { randomBytes } from 'node:crypto';
import { anAgent, at } from '@frontline/kpi/testing';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashUserKey, zendeskWebhookSignature } from '../../auth/index.js';
import type { Clock } from '../../clock.js';
import { InProcessQueue } from '../../jobs/in-process-queue.js';
import { createMemoryChangeFeed } from '../../live/change-feed.js';
import { silentLogger } from '../../logger.js';
import { openApiHarness, type ApiHarness } from '../api-test-harness.js';
import { createServer } from '../create-server.js';
import { FRESHDESK_APP_SECRET_HEADER } from '../routes/auth-routes.js';
import { FRESHDESK_WEBHOOK_SECRET_HEADER } from '../routes/webhook-routes.js';
import { createRedisAttemptCounter } from './redis-attempt-counter.js';

const START = at('2026-11-20T15:02:30Z');
let now = START;
const clock: Clock = { now: () => now, sleep: async () => {} };

const APP_SECRET = `fd-app-${randomBytes(12).toString('hex')}`;
const FD_WEBHOOK_SECRET = `fd-whsec-${randomBytes(12).toString('hex')}`;
const ZD_WEBHOOK_SECRET = `zd-whsec-${randomBytes(12).toString('hex')}`;
const LEAD_KEY = `lead-key-${randomBytes(12).toString('hex')}`;

const OFFICE = '203.0.113.9';
const ELSEWHERE = '198.51.100.7';

/** Sets up `acme` (Freshdesk: app secret, webhook secret, a lead with a personal key) and `zen` (Zendesk webhooks). */
async function prepare(api: ApiHarness): Promise<void> {
  await api.store.updateAccess('acme', { webhookSecrets: [FD_WEBHOOK_SECRET], appSecret: APP_SECRET });
  await api.store.coaching.setRole(api.tenant.id, 'lead', 'lead');
  await api.store.saveUserKeyHash(api.tenant.id, 'lead', hashUserKey(LEAD_KEY));
  await api.store.addTenant({
    name: 'zen',
    vendor: 'zendesk',
    baseUrl: 'https://zen.zendesk.com',
    credentials: { kind: 'zendesk-token', email: 'admin@zen.example', token: 'zd-token' },
    zigpoll: null,
  });
  await api.store.updateAccess('zen', { webhookSecrets: [ZD_WEBHOOK_SECRET] });
}

const history = { agents: [anAgent('a1', 'Ann'), anAgent('lead', 'Lee')] };

const signIn = (api: Pick<ApiHarness, 'app'>, from: string, secret: string, body: Record<string, unknown> = {}) =>
  api.app.inject({
    method: 'POST',
    url: '/v1/auth/freshdesk',
    remoteAddress: from,
    payload: { tenant: 'acme', agentId: 'a1', ...body },
    headers: { [FRESHDESK_APP_SECRET_HEADER]: secret },
  });

const freshdeskWebhook = (api: ApiHarness, from: string, secret: string) =>
  api.app.inject({
    method: 'POST',
    url: '/v1/webhooks/freshdesk/acme',
    remoteAddress: from,
    payload: { freshdesk_webhook: { ticket_id: 5 } },
    headers: { [FRESHDESK_WEBHOOK_SECRET_HEADER]: secret },
  });

/** A Zendesk ticket event signed at the clock's time with `secret`; each one a new delivery. */
const zendeskWebhook = (api: ApiHarness, from: string, secret: string) => {
  const body = JSON.stringify({
    type: 'zen:event-type:ticket.status_changed',
    id: randomBytes(8).toString('hex'),
    subject: 'zen:ticket:7',
    detail: { id: '7' },
  });
  const timestamp = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return api.app.inject({
    method: 'POST',
    url: '/v1/webhooks/zendesk/zen',
    remoteAddress: from,
    payload: body,
    headers: {
      'content-type': 'application/json',
      'x-zendesk-webhook-signature-timestamp': timestamp,
      'x-zendesk-webhook-signature': zendeskWebhookSignature(secret, timestamp, body),
    },
  });
};

describe('throttling sign-in and webhooks', () => {
  let api: ApiHarness;

  beforeEach(async () => {
    now = START;
    api = await openApiHarness(history, clock);
    await prepare(api);
  });

  afterEach(async () => {
    await api.close();
  });

  it('answers 429 with Retry-After after 20 wrong app secrets from one address, even to the right one, until the window ends', async () => {
    for (let i = 0; i < 20; i++) expect((await signIn(api, OFFICE, `guess-${i}`)).statusCode).toBe(401);
    const held = await signIn(api, OFFICE, APP_SECRET);
    expect(held.statusCode).toBe(429);
    // The 10-minute window began at 15:00:00; at 15:02:30 it has 450 s to run.
    expect(held.headers['retry-after']).toBe('450');
    expect(held.json()).toEqual({
      error: {
        code: 'too_many_requests',
        message: 'too many failed sign-ins from this address: try again in 450 s (after 2026-11-20T15:10:00.000Z)',
      },
    });
    // Another address of the same account is not held back.
    expect((await signIn(api, ELSEWHERE, APP_SECRET)).statusCode).toBe(200);
    now = at('2026-11-20T15:09:59Z');
    expect((await signIn(api, OFFICE, APP_SECRET)).headers['retry-after']).toBe('1');
    now = at('2026-11-20T15:10:00Z');
    const after = await signIn(api, OFFICE, APP_SECRET);
    expect(after.statusCode).toBe(200);
    expect(after.json().user).toEqual({ id: 'a1', name: 'Ann', role: 'agent' });
  });

  it('holds back a burst of wrong personal keys the same way, and logs the crossing once', async () => {
    const asLead = (key: string) => signIn(api, OFFICE, APP_SECRET, { agentId: 'lead', userKey: key });
    for (let i = 0; i < 20; i++) expect((await asLead(`guess-${i}`)).statusCode).toBe(401);
    for (let i = 0; i < 3; i++) {
      const held = await asLead(LEAD_KEY);
      expect(held.statusCode).toBe(429);
      expect(held.headers['retry-after']).toBe('450');
    }
    expect(api.log.lines.filter((l) => l.includes('attempts throttled'))).toHaveLength(1);
    expect(api.log.text).not.toContain(LEAD_KEY);
    now = at('2026-11-20T15:10:00Z');
    expect((await asLead(LEAD_KEY)).json().user.role).toBe('lead');
  });

  it('takes any number of good webhooks, and throttles wrong signatures and secrets per address', async () => {
    // A busy account: far more deliveries than the failure limit, all accepted.
    for (let i = 0; i < 60; i++) expect((await zendeskWebhook(api, OFFICE, ZD_WEBHOOK_SECRET)).statusCode).toBe(202);
    for (let i = 0; i < 20; i++) expect((await zendeskWebhook(api, OFFICE, 'not-the-secret')).statusCode).toBe(401);
    const held = await zendeskWebhook(api, OFFICE, ZD_WEBHOOK_SECRET);
    expect(held.statusCode).toBe(429);
    expect(held.headers['retry-after']).toBe('450');
    expect(held.json().error.message).toMatch(/^too many failed webhooks from this address: try again in 450 s/);
    // The count is per route kind and address: Freshdesk's webhooks from elsewhere still pass.
    expect((await freshdeskWebhook(api, ELSEWHERE, FD_WEBHOOK_SECRET)).statusCode).toBe(202);
    now = at('2026-11-20T15:10:00Z');
    expect((await zendeskWebhook(api, OFFICE, ZD_WEBHOOK_SECRET)).statusCode).toBe(202);
  });

  it("throttles an account's webhooks after 100 wrong secrets from many addresses, and no other account's", async () => {
    for (let host = 1; host <= 5; host++) {
      for (let i = 0; i < 20; i++) {
        expect((await freshdeskWebhook(api, `192.0.2.${host}`, `guess-${i}`)).statusCode).toBe(401);
      }
    }
    const held = await freshdeskWebhook(api, ELSEWHERE, FD_WEBHOOK_SECRET);
    expect(held.statusCode).toBe(429);
    expect(held.json().error.message).toMatch(/^too many failed webhooks for this account: try again in 450 s/);
    expect((await zendeskWebhook(api, ELSEWHERE, ZD_WEBHOOK_SECRET)).statusCode).toBe(202);
  });

  it('slows a burst of sign-ins from one address: 300 a minute, whatever their outcome', async () => {
    const token = api.tokenFor('a1', 'agent');
    const refresh = () =>
      api.app.inject({
        method: 'POST',
        url: '/v1/auth/refresh',
        remoteAddress: OFFICE,
        headers: { authorization: `Bearer ${token}` },
      });
    for (let i = 0; i < 300; i++) expect((await refresh()).statusCode).toBe(200);
    const held = await refresh();
    expect(held.statusCode).toBe(429);
    // The one-minute window began at 15:02:00.
    expect(held.headers['retry-after']).toBe('30');
    expect(held.json().error.message).toBe(
      'too many sign-ins from this address: try again in 30 s (after 2026-11-20T15:03:00.000Z)',
    );
    expect((await signIn(api, ELSEWHERE, APP_SECRET)).statusCode).toBe(200);
  });

  it('counts an IPv6 client by its /64, since one host can take any address in it', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await signIn(api, `2001:db8:1:2::${(i + 1).toString(16)}`, `guess-${i}`)).statusCode).toBe(401);
    }
    expect((await signIn(api, '2001:db8:1:2:ffff::1', APP_SECRET)).statusCode).toBe(429);
    expect((await signIn(api, '2001:db8:1:3::1', APP_SECRET)).statusCode).toBe(200);
  });
});

describe('throttling behind a proxy', () => {
  it("counts each client by the proxy's X-Forwarded-For when the proxy is trusted", async () => {
    now = START;
    const PROXY = '10.0.0.2';
    const api = await openApiHarness(history, clock, { trustProxy: ['10.0.0.0/8'] });
    const viaProxy = (client: string, secret: string) =>
      api.app.inject({
        method: 'POST',
        url: '/v1/auth/freshdesk',
        remoteAddress: PROXY,
        payload: { tenant: 'acme', agentId: 'a1' },
        headers: { [FRESHDESK_APP_SECRET_HEADER]: secret, 'x-forwarded-for': client },
      });
    try {
      await prepare(api);
      for (let i = 0; i < 20; i++) expect((await viaProxy(OFFICE, `guess-${i}`)).statusCode).toBe(401);
      expect((await viaProxy(OFFICE, APP_SECRET)).statusCode).toBe(429);
      // The proxy's other clients are not held back with the one guessing.
      expect((await viaProxy(ELSEWHERE, APP_SECRET)).statusCode).toBe(200);
    } finally {
      await api.close();
    }
  });
});

describe('throttling shared through Redis', () => {
  const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const connections: Redis[] = [];
  afterAll(() => Promise.all(connections.map((c) => c.quit())));

  /** An attempt counter as an API process builds it: its own Redis connection, the shared keys. */
  const counterOf = (prefix: string) => {
    const redis = new Redis(REDIS_URL);
    connections.push(redis);
    return createRedisAttemptCounter(redis, prefix);
  };

  it('counts the failures of two API processes on one store and one Redis as one', async () => {
    now = START;
    // Keys of this run only: the test clock gives every run the same windows.
    const prefix = `frontline-test:throttle:${randomBytes(6).toString('hex')}`;
    const api = await openApiHarness(history, clock, { attempts: counterOf(prefix) });
    const queue = new InProcessQueue(clock);
    const replica = await createServer({
      store: api.store,
      queue,
      clock,
      log: silentLogger,
      feed: createMemoryChangeFeed(),
      sessionKey: api.sessionKey,
      attempts: counterOf(prefix),
    });
    try {
      await prepare(api);
      const apis = [api, { app: replica }] as const;
      for (let i = 0; i < 20; i++) expect((await signIn(apis[i % 2]!, OFFICE, `guess-${i}`)).statusCode).toBe(401);
      const held = await signIn(api, OFFICE, APP_SECRET);
      expect(held.statusCode).toBe(429);
      expect(held.headers['retry-after']).toBe('450');
      expect((await signIn(apis[1], OFFICE, APP_SECRET)).statusCode).toBe(429);
      expect((await signIn(apis[1], ELSEWHERE, APP_SECRET)).statusCode).toBe(200);
      now = at('2026-11-20T15:10:00Z');
      expect((await signIn(api, OFFICE, APP_SECRET)).statusCode).toBe(200);
    } finally {
      await replica.close();
      await queue.close();
      await api.close();
    }
  });

  it('lets sign-in through, saying so in the log, when Redis cannot be reached: the secret checks still hold', async () => {
    now = START;
    // Nothing listens on port 1; no offline queue, so each count fails at once.
    const down = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
    });
    down.on('error', () => {}); // the refused connection is what this test is about
    const api = await openApiHarness(history, clock, { attempts: createRedisAttemptCounter(down) });
    try {
      await prepare(api);
      for (let i = 0; i < 25; i++) expect((await signIn(api, OFFICE, `guess-${i}`)).statusCode).toBe(401);
      expect((await signIn(api, OFFICE, APP_SECRET)).statusCode).toBe(200);
      expect(api.log.text).toContain('attempts not counted: letting the request through');
    } finally {
      await api.close();
      down.disconnect();
    }
  });

  it('lets sign-in through within a second when Redis holds the counts back while it reconnects', async () => {
    now = START;
    // As the runtime's connection is set up: commands wait for the connection to come back.
    const stalled = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: null });
    stalled.on('error', () => {}); // the refused connection is what this test is about
    const api = await openApiHarness(history, clock, { attempts: createRedisAttemptCounter(stalled) });
    try {
      await prepare(api);
      const started = Date.now();
      expect((await signIn(api, OFFICE, APP_SECRET)).statusCode).toBe(200);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(api.log.text).toContain('no answer in 1000 ms');
    } finally {
      await api.close();
      stalled.disconnect();
    }
  });
});
