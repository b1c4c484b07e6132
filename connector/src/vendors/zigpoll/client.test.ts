import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { createInstantClock } from '../http/instant-clock.js';
import { CONTRACT_NOW, serveDuringTests } from '../vendor-client.contract.js';
import { VendorAuthError } from '../vendor-auth-error.js';
import type { StreamStart } from '../vendor-client.js';
import { createZigpollClient } from './client.js';

const BASE_URL = 'https://zigpoll.test';
const API_KEY = 'zp-secret-789';

const server = setupServer();
serveDuringTests(server);

const response = (n: number) => ({
  _id: `r${n}`,
  createdAt: new Date(Date.parse('2026-01-01T00:00:00Z') + n * 60_000).toISOString(),
  response: 9,
  metadata: { metric: 'nps', requester_id: 5001 },
});

/** Responses 1..count, `limit` a page, with `endCursor` = the last id of the page. */
function responsesHandler(count: number, requests: Request[] = []) {
  const all = Array.from({ length: count }, (_, i) => response(i + 1));
  return http.get(`${BASE_URL}/responses`, ({ request }) => {
    requests.push(request);
    const url = new URL(request.url);
    const limit = Number(url.searchParams.get('limit'));
    const after = url.searchParams.get('startCursor');
    const offset = after === null ? 0 : all.findIndex((r) => r._id === after) + 1;
    const data = all.slice(offset, offset + limit);
    return HttpResponse.json({ data, hasNextPage: offset + limit < all.length, endCursor: data.at(-1)?._id ?? null });
  });
}

describe('createZigpollClient', () => {
  const client = () =>
    createZigpollClient({
      apiKey: API_KEY,
      accountId: 'acc-1',
      baseUrl: BASE_URL,
      clock: createInstantClock(CONTRACT_NOW),
      pageSize: 2,
    });

  it('pages through the responses with endCursor until hasNextPage is false', async () => {
    const requests: Request[] = [];
    server.use(responsesHandler(5, requests));
    const zigpoll = client();
    const ids: string[] = [];
    const done: boolean[] = [];
    let start: StreamStart = { since: 0 };
    for (let i = 0; i < 10 && done.at(-1) !== true; i++) {
      const page = await zigpoll.answersSince(start);
      ids.push(...page.items.map((a) => a.id));
      done.push(page.done);
      start = { cursor: page.cursor };
    }
    expect(ids).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(done).toEqual([false, false, true]);
    const first = new URL(requests[0]!.url);
    expect(first.searchParams.get('accountId')).toBe('acc-1');
    expect(first.searchParams.has('startCursor')).toBe(false);
    expect(new URL(requests[1]!.url).searchParams.get('startCursor')).toBe('r2');
    expect(requests[0]!.headers.get('authorization')).toBe(API_KEY);
  });

  it('skips answers older than the start time', async () => {
    server.use(responsesHandler(2));
    const page = await client().answersSince({ since: Date.parse('2026-01-01T00:02:00Z') });
    expect(page.items.map((a) => a.id)).toEqual(['r2']);
    expect(page.reachedTime).toBe(Date.parse('2026-01-01T00:02:00Z'));
  });

  it('stops at a 401 with a VendorAuthError naming the account and not the key', async () => {
    server.use(http.get(`${BASE_URL}/responses`, () => new HttpResponse('Unauthorized', { status: 401 })));
    const error = await client()
      .answersSince({ since: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorAuthError);
    expect((error as Error).message).toContain('Zigpoll account acc-1');
    expect((error as Error).message).not.toContain(API_KEY);
  });
});
