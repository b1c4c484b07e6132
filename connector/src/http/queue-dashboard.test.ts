import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { BullmqQueue } from '../jobs/bullmq-queue.js';
import { createMemoryChangeFeed } from '../live/change-feed.js';
import { createLogger } from '../logger.js';
import { openTestTenant, type TestTenant } from '../sync/open-test-tenant.js';
import { LogLines } from './api-test-harness.js';
import { createServer } from './create-server.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const TOKEN = randomBytes(32).toString('base64');

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

interface Board {
  readonly app: FastifyInstance;
  readonly log: LogLines;
  close(): Promise<void>;
}

async function openBoard(opened: TestTenant, queue: BullmqQueue, adminToken: string | null): Promise<Board> {
  const log = new LogLines();
  const app = await createServer({
    store: opened.store,
    queue,
    clock: systemClock,
    log: createLogger({ level: 'debug', destination: log.stream }),
    feed: createMemoryChangeFeed(),
    sessionKey: randomBytes(32),
    adminToken,
    dashboardQueues: [queue.bullQueue],
  });
  return { app, log, close: () => app.close() };
}

describe('the queue dashboard at /admin/queues', () => {
  let opened: TestTenant;
  let queue: BullmqQueue;
  let board: Board;
  const queueName = `test-board-${randomUUID()}`;

  beforeAll(async () => {
    opened = await openTestTenant({ shared: true });
    queue = new BullmqQueue(REDIS_URL, undefined, queueName);
    await queue.obliterate();
    board = await openBoard(opened, queue, TOKEN);
  });

  afterAll(async () => {
    await board.close();
    await queue.obliterate();
    await queue.close();
    await opened.close();
  });

  it('asks a browser to sign in when no credentials come with the request', async () => {
    const response = await board.app.inject({ method: 'GET', url: '/admin/queues' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Basic realm="Frontline queues"/);
    expect(response.json()).toEqual({
      error: { code: 'unauthenticated', message: expect.stringContaining('FRONTLINE_ADMIN_TOKEN') },
    });
  });

  it('refuses a wrong password, and guards the API and the static files too', async () => {
    for (const url of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/favicon-32x32.png']) {
      const response = await board.app.inject({
        method: 'GET',
        url,
        headers: { authorization: basic('ops', `${TOKEN}x`) },
      });
      expect(response.statusCode, url).toBe(401);
      expect(response.headers['www-authenticate'], url).toMatch(/^Basic /);
      expect(response.body, url).not.toContain('<html');
    }
    const bearer = await board.app.inject({
      method: 'GET',
      url: '/admin/queues/api/queues',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(bearer.statusCode).toBe(401);
  });

  it('serves the dashboard page and its scripts with the token as password, any user name', async () => {
    const page = await board.app.inject({
      method: 'GET',
      url: '/admin/queues',
      headers: { authorization: basic('anyone', TOKEN) },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<base href="/admin/queues/"');
    expect(page.body).toContain('<title>Frontline queues</title>');
    const scripts = [...page.body.matchAll(/<script defer src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const asset = await board.app.inject({
        method: 'GET',
        url: `/admin/queues/${script}`,
        headers: { authorization: basic('', TOKEN) },
      });
      expect(asset.statusCode, script).toBe(200);
      expect(asset.headers['content-type'], script).toMatch(/javascript/);
      expect(asset.body.length, script).toBeGreaterThan(100);
    }
  });

  it('never lets a page frame the dashboard, its scripts, its API or its sign-in prompt', async () => {
    const answers = {
      page: await board.app.inject({
        method: 'GET',
        url: '/admin/queues',
        headers: { authorization: basic('o', TOKEN) },
      }),
      api: await board.app.inject({
        method: 'GET',
        url: '/admin/queues/api/queues',
        headers: { authorization: basic('o', TOKEN) },
      }),
      prompt: await board.app.inject({ method: 'GET', url: '/admin/queues' }),
    };
    expect(answers.page.statusCode).toBe(200);
    expect(answers.prompt.statusCode).toBe(401);
    for (const [what, response] of Object.entries(answers)) {
      expect(response.headers['x-frame-options'], what).toBe('DENY');
      expect(response.headers['content-security-policy'], what).toBe("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options'], what).toBe('nosniff');
    }
  });

  it('lists the job queue with the jobs waiting in it', async () => {
    await queue.add({ kind: 'sync', tenant: 'acme' });
    await queue.add({ kind: 'refresh-ticket', tenant: 'acme', ticketId: '7' }, { priority: 'high' });
    await queue.add({ kind: 'refresh-ticket', tenant: 'acme', ticketId: '8' }, { priority: 'high' });
    const response = await board.app.inject({
      method: 'GET',
      url: '/admin/queues/api/queues',
      headers: { authorization: basic('ops', TOKEN) },
    });
    expect(response.statusCode).toBe(200);
    const { queues } = response.json<{ queues: { name: string; counts: Record<string, number> }[] }>();
    expect(queues.map((q) => q.name)).toEqual([queueName]);
    // Every Frontline job has a priority, so BullMQ keeps the waiting ones in its prioritized list.
    expect(queues[0]!.counts).toMatchObject({ prioritized: 3, waiting: 0, active: 0, failed: 0 });
  });

  it('keeps the dashboard out of the public API description', async () => {
    const response = await board.app.inject({ method: 'GET', url: '/openapi.json' });
    const paths = Object.keys(response.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toContain('/healthz');
    expect(paths.filter((path) => path.startsWith('/admin'))).toEqual([]);
  });

  it('takes no change to the queue from a request another site made the browser send', async () => {
    const response = await board.app.inject({
      method: 'PUT',
      url: `/admin/queues/api/queues/${queueName}/pause`,
      headers: { authorization: basic('ops', TOKEN), 'sec-fetch-site': 'cross-site' },
    });
    expect(response.statusCode).toBe(403);
    expect(await queue.bullQueue.isPaused()).toBe(false);
  });

  it('logs refused sign-ins, and never the token or a tried password', async () => {
    const tried = 'a-guessed-password-1234567890';
    for (const password of [TOKEN, tried, `${TOKEN} `]) {
      const response = await board.app.inject({
        method: 'GET',
        url: '/admin/queues',
        headers: { authorization: basic('mallory', password) },
      });
      expect(response.body).not.toContain(TOKEN);
    }
    const refused = board.log.lines.filter((line) => line.includes('"user":"mallory"'));
    expect(refused).toHaveLength(2);
    expect(refused[0]).toContain('queue dashboard sign-in refused');
    for (const secret of [TOKEN, tried, Buffer.from(`mallory:${TOKEN}`).toString('base64')]) {
      expect(board.log.text).not.toContain(secret);
    }
  });

  it('answers 404 saying what to set when no admin token is configured', async () => {
    const off = await openBoard(opened, queue, null);
    try {
      for (const url of ['/admin/queues', '/admin/queues/api/queues']) {
        const response = await off.app.inject({ method: 'GET', url, headers: { authorization: basic('ops', TOKEN) } });
        expect(response.statusCode, url).toBe(404);
        expect(response.json<{ error: { code: string; message: string } }>().error).toEqual({
          code: 'not_found',
          message: expect.stringMatching(/set FRONTLINE_ADMIN_TOKEN .*and REDIS_URL/),
        });
      }
    } finally {
      await off.close();
    }
  });
});
