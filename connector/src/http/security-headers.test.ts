import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anAgent, at } from '@frontline/kpi/testing';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { openApiHarness, type ApiHarness } from './api-test-harness.js';
import { ZENDESK_WEB_FOLDER } from './routes/zendesk-pages-route.js';

const NOW = at('2026-11-20T15:00:00Z');
const clock: Clock = { now: () => NOW, sleep: async () => {} };
const ADMIN_TOKEN = randomBytes(32).toString('base64');

describe('headers on every kind of answer', () => {
  let api: ApiHarness;
  let appsDir: string;

  beforeAll(async () => {
    appsDir = await mkdtemp(join(tmpdir(), 'frontline-apps-'));
    await mkdir(join(appsDir, ZENDESK_WEB_FOLDER));
    await writeFile(join(appsDir, ZENDESK_WEB_FOLDER, 'sidebar.html'), '<!doctype html><title>x</title>');
    await writeFile(join(appsDir, ZENDESK_WEB_FOLDER, 'sidebar.js'), 'console.log(1)');
    api = await openApiHarness({ agents: [anAgent('a1', 'Ann')] }, clock, {
      appsDir,
      adminToken: ADMIN_TOKEN,
      frameAncestors: ['https://helpdesk.example.org'],
    });
  });

  afterAll(async () => {
    await api.close();
    await rm(appsDir, { recursive: true, force: true });
  });

  const nosniff = (response: LightMyRequestResponse) => response.headers['x-content-type-options'];
  const policy = (response: LightMyRequestResponse) => response.headers['content-security-policy'];

  it('sends nosniff everywhere, and keeps the API JSON and /healthz out of frames', async () => {
    const answers = {
      dashboard: await api.as('a1', 'agent', { method: 'GET', url: '/v1/agents/me/dashboard' }),
      refused: await api.app.inject({ method: 'GET', url: '/v1/agents/me/dashboard' }),
      health: await api.app.inject({ method: 'GET', url: '/healthz' }),
      unknownRoute: await api.app.inject({ method: 'GET', url: '/v1/nothing' }),
      openapi: await api.app.inject({ method: 'GET', url: '/openapi.json' }),
    };
    expect(answers.dashboard.statusCode).toBe(200);
    expect(answers.refused.statusCode).toBe(401);
    expect(answers.health.statusCode).toBe(200);
    for (const [what, response] of Object.entries(answers)) {
      expect(nosniff(response), what).toBe('nosniff');
      expect(policy(response), what).toBe("frame-ancestors 'none'");
    }
    const metrics = await api.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(metrics.statusCode).toBe(200);
    expect(nosniff(metrics)).toBe('nosniff');
  });

  it('sends nosniff on the event stream, written past the framework', async () => {
    const url = await api.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const response = await fetch(`${url}/v1/stream?access_token=${api.tokenFor('a1', 'agent')}`, {
      signal: controller.signal,
    });
    controller.abort();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets the helpdesk and the listed origins frame an app page, and nobody frame an asset', async () => {
    const page = await api.app.inject({ method: 'GET', url: '/apps/zendesk/sidebar.html' });
    expect(page.statusCode).toBe(200);
    expect(nosniff(page)).toBe('nosniff');
    expect(policy(page)).toMatch(
      /; frame-ancestors 'self' https:\/\/\*\.zendesk\.com https:\/\/helpdesk\.example\.org$/,
    );
    expect(page.headers['x-frame-options']).toBeUndefined();
    const asset = await api.app.inject({ method: 'GET', url: '/apps/zendesk/sidebar.js' });
    expect(asset.statusCode).toBe(200);
    expect(nosniff(asset)).toBe('nosniff');
    expect(policy(asset)).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('never lets the queue dashboard be framed, even where it is off', async () => {
    const board = await api.app.inject({ method: 'GET', url: '/admin/queues' });
    expect(board.statusCode).toBe(404);
    expect(nosniff(board)).toBe('nosniff');
    expect(board.headers['x-frame-options']).toBe('DENY');
    expect(policy(board)).toBe("frame-ancestors 'none'");
  });
});
