/**
 * The connector's Freshdesk client against simulated accounts of each plan: it learns the Tickets
 * List limit from the account's answers, so an Enterprise account is not listed at Growth's pace
 * and a list limit lower than the plan's costs one 429, not one a minute.
 */
import { scaledClock } from '@frontline/connector/clock';
import { createFreshdeskClient } from '@frontline/connector/vendors/freshdesk';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedAccount } from './account.js';
import { createFreshdeskHandlers, DEFAULT_FRESHDESK_API_KEY } from './freshdesk-handlers.js';
import { generateHistory } from './history.js';
import type { RateLimitOverrides } from './plans.js';

const NOW = Date.UTC(2026, 2, 1);
const BASE = 'https://acme.freshdesk.com';
const MINUTE = 60_000;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** An account on `plan` and the client of a tenant added without `--plan` (or with `clientPlan`). */
function connected(factor: number, plan: string, rateLimits?: RateLimitOverrides, clientPlan?: 'pro') {
  const clock = scaledClock(factor, NOW + 2 * MINUTE);
  const history = generateHistory({ seed: 5, tickets: 150, days: 20, now: NOW });
  const account = createSimulatedAccount({
    vendor: 'freshdesk',
    history,
    clock,
    plan,
    ...(rateLimits && { rateLimits }),
  });
  server.use(...createFreshdeskHandlers(account, { baseUrl: BASE }));
  const apiKey = DEFAULT_FRESHDESK_API_KEY;
  const client = createFreshdeskClient({
    tenant: 'acme',
    baseUrl: BASE,
    clock,
    apiKey,
    ...(clientPlan && { plan: clientPlan }),
  });
  /** Asks for the first list page `n` times, one after another. */
  const listPages = async (n: number) => {
    for (let i = 0; i < n; i++) await client.ticketsChangedSince({ since: 0 });
  };
  return { clock, account, listPages };
}

describe("the Freshdesk client's Tickets List pace", () => {
  it("lists an Enterprise account past Growth's 20 calls a minute once the first answer names the plan", async () => {
    // A minute of the clock is 6 s: 30 local calls take far less, unless the client waits a minute.
    const { clock, account, listPages } = connected(10, 'enterprise');
    const start = clock.now();
    await listPages(30);
    expect(clock.now() - start).toBeLessThan(MINUTE);
    expect(account.stats().byRoute['freshdesk.list-tickets']).toMatchObject({ requests: 30, tooManyRequests: 0 });
  });

  it('keeps a Growth account to 20 list calls a minute', async () => {
    const { clock, listPages, account } = connected(120, 'growth');
    const start = clock.now();
    await listPages(21);
    expect(clock.now() - start).toBeGreaterThanOrEqual(MINUTE);
    expect(account.stats().tooManyRequests).toBe(0);
  });

  it('slows to the list limit a 429 reveals, below what the plan promised, after that one 429', async () => {
    // A Pro account (list 100 a minute, the client is told) whose list answers only 10 a minute.
    const { listPages, account } = connected(120, 'pro', { ticketsListPerMinute: 10 }, 'pro');
    await listPages(35);
    // 10 pass, the 11th is refused and teaches 10; then 10 a minute, never refused again.
    // (Still believing in 100, the client would be refused again at the 21st and the 31st.)
    expect(account.stats().byRoute['freshdesk.list-tickets']).toMatchObject({
      requests: 36,
      tooManyRequests: 1,
      overLimitRequests: 0,
    });
  });
});
