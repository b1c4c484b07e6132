import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { LogLines } from './api-test-harness.js';
import { AppPageOrigins } from './app-page-origins.js';
import { installErrorHandler } from './error-handler.js';
import { registerZendeskPages, ZENDESK_WEB_FOLDER } from './routes/zendesk-pages-route.js';

const PAGE = `<!doctype html><html><head><meta name="frontline-zaf-token" content="" /></head><body></body></html>`;

describe('the Zendesk app pages', () => {
  let dir: string;
  const app = Fastify();
  const log = new LogLines();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'frontline-apps-'));
    await mkdir(join(dir, ZENDESK_WEB_FOLDER));
    await writeFile(join(dir, ZENDESK_WEB_FOLDER, 'sidebar.html'), PAGE);
    await writeFile(join(dir, ZENDESK_WEB_FOLDER, 'sidebar.js'), 'console.log("ui")');
    installErrorHandler(app, createLogger({ destination: log.stream }));
    registerZendeskPages(app, {
      appsDir: dir,
      // A host-mapped Zendesk tenant beside a zendesk.com one; the operator adds a test page.
      origins: new AppPageOrigins(['http://localhost:4567', 'https://*.helpdesk.example.org'], async () => [
        'https://acme.zendesk.com',
        'https://support.beta.example.com/',
      ]),
      log: createLogger({ destination: log.stream }),
    });
  });

  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  const post = (origin?: string) =>
    app.inject({
      method: 'POST',
      url: '/apps/zendesk/sidebar.html',
      payload: 'token=eyJ.abc.d"ef&origin=https%3A%2F%2Facme.zendesk.com',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        host: 'frontline.example.net',
        ...(origin === undefined ? {} : { origin }),
      },
    });

  it('writes the signed token Zendesk POSTs into the page, escaped, and keeps it out of caches', async () => {
    const response = await post('https://acme.zendesk.com');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('<meta name="frontline-zaf-token" content="eyJ.abc.d&quot;ef" />');
  });

  it('lets only the helpdesk frame a page, and loads scripts only from the connector and Zendesk', async () => {
    const page = await app.inject({ method: 'GET', url: '/apps/zendesk/sidebar.html' });
    const policy = String(page.headers['content-security-policy']).split('; ');
    expect(policy).toContain(
      "frame-ancestors 'self' https://*.zendesk.com http://localhost:4567 https://*.helpdesk.example.org",
    );
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self' https://static.zdassets.com");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("object-src 'none'");
    // A host-mapped account's own domain is added for the page it posted, not listed for all.
    const mapped = await post('https://support.beta.example.com');
    expect(mapped.statusCode).toBe(200);
    expect(String(mapped.headers['content-security-policy'])).toMatch(
      /frame-ancestors 'self' https:\/\/\*\.zendesk\.com http:\/\/localhost:4567 https:\/\/\*\.helpdesk\.example\.org https:\/\/support\.beta\.example\.com$/,
    );
  });

  it('takes a token posted from a Zendesk account, a connected tenant, an operator-listed origin or itself', async () => {
    for (const origin of [
      'https://acme.zendesk.com',
      'https://another-account.zendesk.com',
      'https://support.beta.example.com',
      'http://localhost:4567',
      'https://eu.helpdesk.example.org',
      'https://frontline.example.net',
      // No Origin: no browser sent it, so it plants nothing in anyone's browser.
      undefined,
    ]) {
      expect((await post(origin)).statusCode, origin).toBe(200);
    }
  });

  it('refuses a token posted from any other origin with 403 saying what to do, and logs it', async () => {
    for (const origin of [
      'https://evil.example',
      'http://acme.zendesk.com',
      'https://acme.zendesk.com.evil.example',
      'https://zendesk.com',
      'http://localhost:4568',
      'https://helpdesk.example.org',
      'null',
    ]) {
      const response = await post(origin);
      expect(response.statusCode, origin).toBe(403);
      expect(response.json().error.code, origin).toBe('forbidden');
      expect(response.json().error.message, origin).toMatch(
        /^the app's pages take a sign-in token only from the helpdesk that frames them \(https:\/\/<subdomain>\.zendesk\.com\), not from /,
      );
      expect(response.body, origin).not.toContain('eyJ');
    }
    expect((await post('https://evil.example')).json().error.message).toMatch(
      /add that origin to FRONTLINE_FRAME_ANCESTORS$/,
    );
    expect((await post('null')).json().error.message).toMatch(/serve the connector over HTTPS/);
    expect(log.text).toContain('"origin":"https://evil.example"');
    expect(log.text).toContain('app page post refused');
  });

  it('serves the scripts beside the pages, and nothing outside their folder', async () => {
    const script = await app.inject({ method: 'GET', url: '/apps/zendesk/sidebar.js' });
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(script.body).toBe('console.log("ui")');
    expect((await app.inject({ method: 'GET', url: '/apps/zendesk/..%2Fsecret.html' })).statusCode).toBe(400);
    const missing = await app.inject({ method: 'GET', url: '/apps/zendesk/team.html' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/npm run package/);
  });
});
