import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from './env.js';
import { silentLogger } from './logger.js';
import { openRuntime } from './main.js';

const BASE_URL = 'https://acme.zendesk.test';
const server = setupServer();
let dataDir = '';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'frontline-main-'));
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => server.resetHandlers());
afterAll(async () => {
  server.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('openRuntime', () => {
  it('gives Zendesk clients the Marketplace app the environment names', async () => {
    const runtime = await openRuntime(
      readEnv({
        FRONTLINE_DATA_DIR: dataDir,
        FRONTLINE_ZENDESK_MARKETPLACE_NAME: 'Frontline',
        FRONTLINE_ZENDESK_MARKETPLACE_ORGANIZATION_ID: '4242',
        FRONTLINE_ZENDESK_MARKETPLACE_APP_ID: '987654',
      }),
      { log: silentLogger },
    );
    try {
      const tenant = await runtime.store.addTenant({
        name: 'acme',
        vendor: 'zendesk',
        baseUrl: BASE_URL,
        credentials: { kind: 'zendesk-oauth', accessToken: 'token' },
        zigpoll: null,
      });
      const sent: Headers[] = [];
      server.use(
        http.get(`${BASE_URL}/api/v2/incremental/tickets/cursor.json`, ({ request }) => {
          sent.push(request.headers);
          return HttpResponse.json({
            tickets: [],
            metric_sets: [],
            users: [],
            after_cursor: 'c0',
            end_of_stream: true,
          });
        }),
      );
      await runtime.clientFor(tenant).ticketsChangedSince({ since: 0 });
      expect(sent.map((headers) => headers.get('x-zendesk-marketplace-name'))).toEqual(['Frontline']);
      expect(sent[0]?.get('x-zendesk-marketplace-organization-id')).toBe('4242');
      expect(sent[0]?.get('x-zendesk-marketplace-app-id')).toBe('987654');
    } finally {
      await runtime.close();
    }
  });
});
