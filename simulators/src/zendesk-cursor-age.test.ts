import { describe, expect, it } from 'vitest';
import { createSimulatedAccount } from './account.js';
import { generateHistory } from './history.js';
import { createManualClock } from './manual-clock.js';
import { AUTH, call, json } from './test-support.js';
import { createZendeskHandlers } from './zendesk-handlers.js';

const NOW = Date.UTC(2026, 2, 1);
const BASE = 'https://acme.zendesk.com';
const HOUR = 60 * 60 * 1000;

function setup() {
  const history = generateHistory({ seed: 3, tickets: 300, days: 30, now: NOW });
  const clock = createManualClock(NOW + 120_000);
  const account = createSimulatedAccount({ vendor: 'zendesk', history, clock });
  return { clock, handlers: createZendeskHandlers(account, { baseUrl: BASE, cursorMaxAgeMs: HOUR }) };
}

describe('Zendesk cursors with an age limit', () => {
  it('refuses an export cursor older than the limit with 400, and serves a younger one', async () => {
    const { clock, handlers } = setup();
    const first = await call(
      handlers,
      `${BASE}/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=100&include=metric_sets`,
      AUTH.zendesk,
    );
    const { after_url: next } = await json<{ after_url: string }>(first);
    await clock.advance(HOUR);
    expect((await call(handlers, next, AUTH.zendesk)).status).toBe(200);
    await clock.advance(2_000);
    const refused = await call(handlers, next, AUTH.zendesk);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'InvalidPaginationParameter', description: 'cursor is invalid' });
  });

  it('refuses a list cursor (page[after]) older than the limit the same way', async () => {
    const { clock, handlers } = setup();
    const first = await call(handlers, `${BASE}/api/v2/satisfaction_ratings?page[size]=10`, AUTH.zendesk);
    const { links } = await json<{ links: { next: string } }>(first);
    await clock.advance(HOUR + 2_000);
    const refused = await call(handlers, links.next, AUTH.zendesk);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'InvalidPaginationParameter' });
    // A read from a time needs no cursor and is served as ever.
    expect((await call(handlers, `${BASE}/api/v2/satisfaction_ratings?page[size]=10`, AUTH.zendesk)).status).toBe(200);
  });
});
