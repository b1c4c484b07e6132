import { describe, expect, it } from 'vitest';
import { createSimulatedAccount } from './account.js';
import type { FaultKind } from './faults.js';
import { createFreshdeskHandlers } from './freshdesk-handlers.js';
import { generateHistory } from './history.js';
import { createManualClock } from './manual-clock.js';
import { AUTH, call, json } from './test-support.js';
import { createZendeskHandlers } from './zendesk-handlers.js';

const NOW = Date.UTC(2026, 2, 1);
const ZD = 'https://acme.zendesk.com';
const FD = 'https://acme.freshdesk.com';
const history = generateHistory({ seed: 5, tickets: 300, days: 30, now: NOW });

function zendesk(kinds: FaultKind[], rate = 1, seed = 1) {
  const clock = createManualClock(NOW + 120_000);
  const account = createSimulatedAccount({
    vendor: 'zendesk',
    history,
    clock,
    faults: { rate, kinds, seed },
    rateLimits: { incrementalPerMinute: 10_000 },
  });
  return { account, clock, handlers: createZendeskHandlers(account, { baseUrl: ZD }) };
}

function freshdesk(kinds: FaultKind[]) {
  const clock = createManualClock(NOW);
  const account = createSimulatedAccount({ vendor: 'freshdesk', history, clock, faults: { rate: 1, kinds, seed: 1 } });
  return { account, clock, handlers: createFreshdeskHandlers(account, { baseUrl: FD }) };
}

const exportUrl = (query = 'start_time=0&per_page=50'): string =>
  `${ZD}/api/v2/incremental/tickets/cursor.json?${query}`;

describe('fault injection', () => {
  it('answers 429 with a short Retry-After that does not count as over the limit', async () => {
    const { account, handlers } = zendesk(['429']);
    const response = await call(handlers, exportUrl(), AUTH.zendesk);
    expect(response.status).toBe(429);
    const seconds = Number(response.headers.get('retry-after'));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(5);
    expect(account.stats()).toMatchObject({
      tooManyRequests: 1,
      overLimitRequests: 0,
      rateLimited: 0,
      faults: { '429': 1 },
    });
  });

  it('answers 500 and 503 with the vendor’s error body; Zendesk’s 503 carries Retry-After', async () => {
    const zd500 = await call(zendesk(['500']).handlers, exportUrl(), AUTH.zendesk);
    expect(zd500.status).toBe(500);
    expect(await zd500.json()).toMatchObject({ error: 'InternalError' });
    const zd503 = await call(zendesk(['503']).handlers, exportUrl(), AUTH.zendesk);
    expect(zd503.status).toBe(503);
    expect(zd503.headers.get('retry-after')).toMatch(/^\d+$/);
    const fd500 = await call(freshdesk(['500']).handlers, `${FD}/api/v2/agents`, AUTH.freshdesk);
    expect(fd500.status).toBe(500);
    expect(await fd500.json()).toEqual({ description: 'Internal server error', errors: [] });
  });

  it('answers 502 with a load balancer’s HTML page', async () => {
    const response = await call(freshdesk(['502']).handlers, `${FD}/api/v2/agents`, AUTH.freshdesk);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('502 Bad Gateway');
  });

  it('holds a timed-out response for 30 s of the clock, then answers 504', async () => {
    const { clock, handlers } = zendesk(['timeout']);
    let settled = false;
    const pending = call(handlers, exportUrl(), AUTH.zendesk).then((response) => {
      settled = true;
      return response;
    });
    await clock.advance(29_000);
    expect(settled).toBe(false);
    await clock.advance(1_000);
    expect((await pending).status).toBe(504);
  });

  it('lets go of a timed-out response as soon as the request is aborted', async () => {
    const { account, handlers } = zendesk(['timeout']);
    const controller = new AbortController();
    const pending = call(handlers, exportUrl(), AUTH.zendesk, controller.signal);
    controller.abort();
    expect((await pending).status).toBe(504);
    expect(account.stats().faults.timeout).toBe(1);
  });

  it('cuts a truncated body mid-way so it is no longer JSON', async () => {
    const response = await call(zendesk(['truncated']).handlers, exportUrl(), AUTH.zendesk);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.length).toBeGreaterThan(10);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('serves the previous page again for a duplicated page', async () => {
    const { account, handlers } = zendesk(['duplicate-page']);
    const first = await call(handlers, exportUrl(), AUTH.zendesk);
    const firstBody = await first.text();
    // The first page has no predecessor, so it is served as is.
    expect(account.stats().faults['duplicate-page']).toBe(0);
    const next = (JSON.parse(firstBody) as { after_url: string }).after_url;
    const again = await call(handlers, next, AUTH.zendesk);
    expect(await again.text()).toBe(firstBody);
    expect(account.stats().faults['duplicate-page']).toBe(1);
  });

  it('does not fail auth failures, and draws the same faults for the same seed', async () => {
    const { account, handlers } = zendesk(['500']);
    expect((await call(handlers, exportUrl(), null)).status).toBe(401);
    expect(account.stats().faults['500']).toBe(0);
    const run = async (): Promise<number[]> => {
      const { handlers: h } = zendesk(['429', '500', '502', '503', 'truncated'], 0.4, 9);
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++)
        statuses.push((await call(h, `${ZD}/api/v2/users?page[size]=5`, AUTH.zendesk)).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(2);
  });

  it('lets a client that retries and de-duplicates read every ticket despite faults', async () => {
    const { account, clock, handlers } = zendesk(['429', '500', '502', '503', 'truncated', 'duplicate-page'], 0.3, 21);
    const latest = new Map<number, string>();
    let url = exportUrl('start_time=0&per_page=40');
    for (let attempts = 0; attempts < 500; attempts++) {
      const response = await call(handlers, url, AUTH.zendesk);
      if (response.status !== 200) {
        await clock.advance(Number(response.headers.get('retry-after') ?? '1') * 1000);
        continue;
      }
      let page: { tickets: { id: number; updated_at: string }[]; after_url: string; end_of_stream: boolean };
      try {
        page = await json(response);
      } catch {
        continue;
      }
      for (const ticket of page.tickets) latest.set(ticket.id, ticket.updated_at);
      if (page.end_of_stream) break;
      url = page.after_url;
    }
    expect([...latest.keys()].sort((a, b) => a - b)).toEqual(account.truth(ZD).tickets.map((t) => t.id));
    const faults = account.stats().faults;
    expect(faults['duplicate-page'] + faults.truncated + faults['500'] + faults['429']).toBeGreaterThan(0);
    expect(account.stats().overLimitRequests).toBe(0);
  });
});
