/**
 * A Zendesk sync whose cursors expire between its links (a worker paused longer than a cursor
 * lives) restarts each refused stream from the time it had reached, and ends with the store equal
 * to the simulator's truth. The simulator refuses cursors older than an hour (its best guess at
 * Zendesk's answer: 400); each link here starts two simulated hours after the last one.
 */
import { scaledClock } from '@frontline/connector/clock';
import { createLogger } from '@frontline/connector/logger';
import { syncTenant } from '@frontline/connector/sync';
import { createVendorClient } from '@frontline/connector/vendors';
import type { Ticket } from '@frontline/kpi';
import {
  createSimulatedAccount,
  createZendeskHandlers,
  DEFAULT_ZENDESK_CREDENTIALS,
  generateHistory,
} from '@frontline/simulators';
import { setupServer } from 'msw/node';
import { afterEach, expect, it } from 'vitest';
import { expectedHistory } from './support/expected-history.js';
import { openPostgresTenant, type PostgresTenant } from './support/postgres-tenant.js';

const BASE_URL = 'https://acme.zendesk.com';
const HOUR = 60 * 60 * 1000;
const CLOCK_FACTOR = 2_000;
const STREAMS = ['tickets', 'tickets:history', 'ratings', 'ratings:history'];

let opened: PostgresTenant | null = null;
afterEach(async () => {
  await opened?.close();
  opened = null;
});

it('restarts every stream whose cursor expired between links, and stores the truth', async () => {
  const start = Date.now();
  const clock = scaledClock(CLOCK_FACTOR, start);
  const history = generateHistory({ seed: 23, tickets: 6_000, days: 300, now: start - 2 * 60_000 });
  const account = createSimulatedAccount({ vendor: 'zendesk', history, clock });
  const server = setupServer(...createZendeskHandlers(account, { baseUrl: BASE_URL, cursorMaxAgeMs: HOUR }));
  server.listen({ onUnhandledRequest: 'error' });
  const lines: string[] = [];
  const log = createLogger({
    level: 'info',
    destination: { write: (chunk: string) => lines.push(chunk) !== 0 } as unknown as NodeJS.WritableStream,
  });
  try {
    opened = await openPostgresTenant({
      vendor: 'zendesk',
      baseUrl: BASE_URL,
      credentials: {
        kind: 'zendesk-token',
        email: DEFAULT_ZENDESK_CREDENTIALS.email,
        token: DEFAULT_ZENDESK_CREDENTIALS.apiToken,
      },
    });
    const { store, tenant } = opened;
    const client = createVendorClient(tenant, { clock, log });
    /** Streams stopped mid-way at the end of a link: the next link must restart each from where it was. */
    const expectedRestarts: { link: number; stream: string; from: string }[] = [];
    const restarts: { link: number; stream: string; from: string }[] = [];

    let caughtUp = false;
    for (let link = 0; !caughtUp; link++) {
      expect(link).toBeLessThan(100);
      for (const stream of STREAMS) {
        const checkpoint = await store.readCheckpoint(tenant.id, stream);
        if (checkpoint !== null && checkpoint.cursor !== '' && !checkpoint.done && checkpoint.reachedTime !== null)
          expectedRestarts.push({ link, stream, from: new Date(checkpoint.reachedTime).toISOString() });
      }
      lines.length = 0;
      caughtUp = (await syncTenant(tenant, { store, client, surveys: null, clock, log }, { maxPages: 4 })).caughtUp;
      for (const line of lines) {
        const entry = JSON.parse(line) as { stream?: string; from?: string; msg: string };
        if (entry.msg.includes('starts again')) restarts.push({ link, stream: entry.stream!, from: entry.from! });
      }
      // Every cursor handed out so far is older than an hour when the next link starts.
      await clock.sleep(2 * HOUR);
    }

    expect(expectedRestarts.some((r) => r.stream.startsWith('tickets'))).toBe(true);
    for (const expected of expectedRestarts) expect(restarts).toContainEqual(expected);
    // The simulator did refuse them: with 400, once for each restart.
    expect(account.stats().byStatus['400']).toBe(restarts.length);

    const stored = await store.loadHistory(tenant.id);
    const expected = expectedHistory(account.truth(BASE_URL));
    const byId = (a: Ticket, b: Ticket) => Number(a.id) - Number(b.id);
    expect(stored.tickets.length).toBe(history.tickets.count);
    expect([...stored.tickets].sort(byId)).toEqual([...expected.tickets].sort(byId));
    expect(new Set(stored.ratings.map((r) => JSON.stringify(r)))).toEqual(
      new Set(expected.ratings.map((r) => JSON.stringify(r))),
    );
  } finally {
    server.close();
    await account.stop();
  }
}, 300_000);
