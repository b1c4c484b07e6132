import { afterEach, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { scaledClock } from '@frontline/connector/clock';
import { createSimulatedAccount } from './account.js';
import { createFreshdeskHandlers } from './freshdesk-handlers.js';
import { generateHistory } from './history.js';
import { createManualClock } from './manual-clock.js';
import { serveSimulator, type SimulatorServer } from './serve-simulator.js';
import { AUTH } from './test-support.js';
import { createZendeskHandlers } from './zendesk-handlers.js';

const NOW = Date.UTC(2026, 2, 1);
const history = generateHistory({ seed: 23, tickets: 200, days: 30, now: NOW });
let server: SimulatorServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

describe('serveSimulator', () => {
  it('serves a simulated Zendesk over loopback HTTP, with links back to itself', async () => {
    const account = createSimulatedAccount({ vendor: 'zendesk', history, clock: createManualClock(NOW + 120_000) });
    server = await serveSimulator(createZendeskHandlers(account));
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(
      `${server.url}/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=50&include=metric_sets`,
      {
        headers: { authorization: AUTH.zendesk },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-rate-limit')).toBe('700');
    const page = (await response.json()) as { tickets: unknown[]; after_url: string };
    expect(page.tickets).toHaveLength(50);
    expect(page.after_url.startsWith(`${server.url}/api/v2/incremental/tickets/cursor.json?`)).toBe(true);
    const next = await fetch(page.after_url, { headers: { authorization: AUTH.zendesk } });
    expect(next.status).toBe(200);
  });

  it('answers unmatched paths with 404 JSON', async () => {
    server = await serveSimulator([]);
    const response = await fetch(`${server.url}/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'NotFound' });
  });

  it('releases a held (timeout) response when the client disconnects', async () => {
    const account = createSimulatedAccount({
      vendor: 'zendesk',
      history,
      clock: createManualClock(NOW + 120_000),
      faults: { rate: 1, kinds: ['timeout'], seed: 1 },
    });
    server = await serveSimulator(createZendeskHandlers(account));
    await expect(
      fetch(`${server.url}/api/v2/users`, {
        headers: { authorization: AUTH.zendesk },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect(account.stats().faults.timeout).toBe(1);
  });

  it('runs the real 10 rpm export limit on a fast clock', async () => {
    const factor = 120;
    const account = createSimulatedAccount({ vendor: 'zendesk', history, clock: scaledClock(factor, NOW + 120_000) });
    server = await serveSimulator(createZendeskHandlers(account));
    const get = (): Promise<Response> =>
      fetch(`${server!.url}/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=5`, {
        headers: { authorization: AUTH.zendesk },
      });
    for (let i = 0; i < 10; i++) expect((await get()).status).toBe(200);
    const refused = await get();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await new Promise((resolve) => setTimeout(resolve, (retryAfter * 1000) / factor + 5));
    expect((await get()).status).toBe(200);
    expect(account.stats().overLimitRequests).toBe(0);
  });

  it('holds every answer for latencyMs, requests side by side rather than one after another', async () => {
    const account = createSimulatedAccount({ vendor: 'zendesk', history, clock: createManualClock(NOW + 120_000) });
    server = await serveSimulator(createZendeskHandlers(account), { latencyMs: 400 });
    const get = async (): Promise<{ status: number; ms: number }> => {
      const began = performance.now();
      const response = await fetch(`${server!.url}/api/v2/users?per_page=5`, {
        headers: { authorization: AUTH.zendesk },
      });
      await response.arrayBuffer();
      return { status: response.status, ms: performance.now() - began };
    };
    const began = performance.now();
    const answers = await Promise.all([get(), get(), get()]);
    const elapsed = performance.now() - began;
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    // setTimeout may fire a millisecond early; one after another would take 1,200 ms.
    for (const answer of answers) expect(answer.ms).toBeGreaterThanOrEqual(395);
    expect(elapsed).toBeLessThan(1_100);
    expect(account.stats().requests).toBe(3);
  });

  it('refuses a negative or non-finite latency', async () => {
    await expect(serveSimulator([], { latencyMs: -1 })).rejects.toThrow(RangeError);
    await expect(serveSimulator([], { latencyMs: Number.NaN })).rejects.toThrow(RangeError);
  });
});

describe('msw setupServer', () => {
  it('intercepts a client’s requests to the vendor’s real host', async () => {
    const account = createSimulatedAccount({ vendor: 'freshdesk', history, clock: createManualClock(NOW) });
    const mock = setupServer(...createFreshdeskHandlers(account, { baseUrl: 'https://acme.freshdesk.com' }));
    mock.listen({ onUnhandledRequest: 'error' });
    try {
      const response = await fetch('https://acme.freshdesk.com/api/v2/agents?per_page=2', {
        headers: { authorization: AUTH.freshdesk },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('link')).toContain('page=2');
      expect(((await response.json()) as unknown[]).length).toBe(2);
    } finally {
      mock.close();
    }
  });
});
