import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logger.js';
import { installErrorHandler } from './error-handler.js';
import { registerZendeskPages, ZENDESK_WEB_FOLDER } from './routes/zendesk-pages-route.js';

const PAGE = `<!doctype html><html><head><meta name="frontline-zaf-token" content="" /></head><body></body></html>`;

describe('the Zendesk app pages', () => {
  let dir: string;
  const app = Fastify();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'frontline-apps-'));
    await mkdir(join(dir, ZENDESK_WEB_FOLDER));
    await writeFile(join(dir, ZENDESK_WEB_FOLDER, 'sidebar.html'), PAGE);
    await writeFile(join(dir, ZENDESK_WEB_FOLDER, 'sidebar.js'), 'console.log("ui")');
    installErrorHandler(app, silentLogger);
    registerZendeskPages(app, dir);
  });

  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the signed token Zendesk POSTs into the page, escaped, and keeps it out of caches', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/apps/zendesk/sidebar.html',
      payload: 'token=eyJ.abc.d"ef&origin=https%3A%2F%2Facme.zendesk.com',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('<meta name="frontline-zaf-token" content="eyJ.abc.d&quot;ef" />');
  });

  it('serves the scripts beside the pages, and nothing outside their folder', async () => {
    const script = await app.inject({ method: 'GET', url: '/apps/zendesk/sidebar.js' });
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body).toBe('console.log("ui")');
    expect((await app.inject({ method: 'GET', url: '/apps/zendesk/..%2Fsecret.html' })).statusCode).toBe(400);
    const missing = await app.inject({ method: 'GET', url: '/apps/zendesk/team.html' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/npm run package/);
  });
});
