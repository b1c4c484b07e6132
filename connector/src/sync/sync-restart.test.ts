import type { Rating } from '@frontline/kpi';
import { aTicket } from '@frontline/kpi/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { LogLines } from '../http/api-test-harness.js';
import { createLogger } from '../logger.js';
import type { SyncStore, Tenant } from '../store/sync-store.js';
import { CursorExpiredError } from '../vendors/cursor-expired-error.js';
import type { Page, StreamStart, SyncedTicket, TicketPage, VendorClient } from '../vendors/vendor-client.js';
import { openTestTenant } from './open-test-tenant.js';
import { syncTenant } from './sync-tenant.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.now();
const PAGE = 5;

/** 20 tickets changed one a day, 30..11 days ago: all in the recent window. */
const TICKETS: SyncedTicket[] = Array.from({ length: 20 }, (_, i) => {
  const updatedAt = NOW - (30 - i) * DAY;
  const ticket = aTicket({ id: String(i), assigneeId: 'a1', createdAt: updatedAt - DAY, solvedAt: updatedAt });
  return { ticket, updatedAt, repliesKnown: true };
});

/** A helpdesk whose ticket cursors are positions, and which refuses the cursors in `refused`. */
class ExpiringCursorClient implements VendorClient {
  readonly vendor = 'zendesk' as const;
  readonly checkAccess = async () => ({ id: 'a1', name: 'Ana', email: null });
  readonly ratingsIncludeUnanswered = async (): Promise<boolean> => false;
  readonly needsReplyCounts = false;
  readonly calls: string[] = [];
  readonly refused = new Set<string>();

  constructor(readonly tickets: readonly SyncedTicket[] = TICKETS) {}

  async ticketsChangedSince(start: StreamStart): Promise<TicketPage> {
    let begin: number;
    if ('cursor' in start) {
      if (this.refused.has(start.cursor)) {
        this.calls.push(`cursor ${start.cursor} refused`);
        throw new CursorExpiredError(`acme: GET /tickets refused the stream's cursor (HTTP 400)`);
      }
      this.calls.push(`cursor ${start.cursor}`);
      begin = Number(start.cursor);
    } else {
      const found = this.tickets.findIndex((t) => t.updatedAt >= start.since);
      begin = found < 0 ? this.tickets.length : found;
      this.calls.push(`since ticket ${begin}`);
    }
    const items = this.tickets.slice(begin, begin + PAGE);
    const end = begin + items.length;
    return {
      items,
      agents: [],
      requesters: [],
      cursor: String(end),
      done: end >= this.tickets.length,
      reachedTime: items.at(-1)?.updatedAt ?? null,
    };
  }

  async ratingsSince(): Promise<Page<Rating>> {
    return { items: [], cursor: 'end', done: true, reachedTime: null };
  }

  agents = async () => [];
  businessSchedule = async () => null;
  replies = async () => ({ count: 0, firstAt: null });
  ticket = async () => null;
}

describe('a refused stream cursor', () => {
  let store: SyncStore;
  let tenant: Tenant;
  let close: () => Promise<void>;
  const log = new LogLines();

  beforeEach(async () => {
    ({ store, tenant, close } = await openTestTenant({ shared: true }));
    log.lines.length = 0;
  });
  afterEach(() => close());

  const sync = (client: VendorClient) =>
    syncTenant(tenant, {
      store,
      client,
      surveys: null,
      clock: systemClock,
      log: createLogger({ level: 'info', destination: log.stream }),
    });

  it('restarts the stream mid-way from the time it had reached, and stores every ticket once', async () => {
    const client = new ExpiringCursorClient();
    client.refused.add('10');

    const outcome = await sync(client);

    expect(outcome.caughtUp).toBe(true);
    // Pages 0-4 and 5-9, then cursor 10 is refused: ticket 9 is the last one reached, so the
    // stream reads again from its time (ticket 9 once more, upserted), then 14 and 19 as usual.
    expect(client.calls.slice(0, 6)).toEqual([
      'since ticket 0',
      'cursor 5',
      'cursor 10 refused',
      'since ticket 9',
      'cursor 14',
      'cursor 19',
    ]);
    const stored = await store.loadHistory(tenant.id);
    expect(stored.tickets.map((t) => Number(t.id)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
    const restarts = log.lines.filter((line) => line.includes('starts again'));
    expect(restarts).toHaveLength(1);
    expect(JSON.parse(restarts[0]!)).toMatchObject({
      level: 40,
      stream: 'tickets',
      from: new Date(TICKETS[9]!.updatedAt).toISOString(),
    });
  });

  it('restarts a caught-up stream whose saved cursor expired before the next poll', async () => {
    const client = new ExpiringCursorClient();
    await sync(client);
    client.calls.length = 0;
    // The stream caught up at cursor 20 after ticket 19; by the next poll that cursor has expired.
    client.refused.add('20');

    await sync(client);

    expect(client.calls.slice(0, 2)).toEqual(['cursor 20 refused', 'since ticket 19']);
    expect((await store.loadHistory(tenant.id)).tickets).toHaveLength(20);
  });

  it('stops with the error when the cursor is refused again from the same time, instead of looping', async () => {
    // Ten tickets changed in the same second: a restart from that time reads the same first page,
    // whose cursor is refused again.
    const sameTime = TICKETS.slice(0, 10).map((t) => ({ ...t, updatedAt: TICKETS[0]!.updatedAt }));
    const client = new ExpiringCursorClient(sameTime);
    client.refused.add('5');

    await expect(sync(client)).rejects.toThrow(CursorExpiredError);
    expect(client.calls).toEqual(['since ticket 0', 'cursor 5 refused', 'since ticket 0', 'cursor 5 refused']);
    expect(log.lines.filter((line) => line.includes('starts again'))).toHaveLength(1);
  });
});
