import type { Rating } from '@frontline/kpi';
import { aTicket } from '@frontline/kpi/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import type { SyncStore, Tenant } from '../store/sync-store.js';
import { openTestTenant } from './open-test-tenant.js';
import type {
  Page,
  RemovedTicket,
  StreamStart,
  SyncedTicket,
  TicketPage,
  TicketRefresh,
  TicketReplies,
  VendorClient,
} from '../vendors/vendor-client.js';
import { RECENT_DAYS, syncTenant, type SyncProgress } from './sync-tenant.js';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.now();
const PAGE = 5;

function aSyncedTicket(id: number, updatedAt: number, repliesKnown = true): SyncedTicket {
  const ticket = aTicket({
    id: String(id),
    requesterId: `r${id % 7}`,
    assigneeId: `a${id % 3}`,
    createdAt: updatedAt - DAY,
    firstReplyAt: updatedAt - DAY / 2,
    solvedAt: updatedAt,
    publicReplies: repliesKnown ? 1 : 0,
  });
  return { ticket, updatedAt, repliesKnown };
}

/** A helpdesk with a fixed history, paged by position; records what was asked of it. */
class FakeClient implements VendorClient {
  readonly vendor = 'freshdesk' as const;
  readonly checkAccess = async () => ({ id: 'a1', name: 'Ana', email: null });
  readonly ratingsIncludeUnanswered = async (): Promise<boolean> => false;
  readonly calls: string[] = [];
  failAt: number | null = null;
  private served = 0;

  constructor(
    readonly tickets: SyncedTicket[],
    readonly needsReplyCounts: boolean,
  ) {}

  async ticketsChangedSince(start: StreamStart): Promise<TicketPage> {
    const from = 'cursor' in start ? Number(start.cursor) : this.tickets.findIndex((t) => t.updatedAt >= start.since);
    const begin = from < 0 ? this.tickets.length : from;
    this.calls.push(`tickets@${begin}`);
    if (this.failAt !== null && ++this.served >= this.failAt) throw new Error('connection reset');
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

  async ratingsSince(start: StreamStart): Promise<Page<Rating>> {
    this.calls.push(`ratings@${'cursor' in start ? start.cursor : 'since'}`);
    return { items: [], cursor: 'end', done: true, reachedTime: null };
  }

  async agents() {
    return [{ id: 'a0', name: 'Ana', email: null }];
  }

  async businessSchedule() {
    return null;
  }

  async replies(ticketId: string): Promise<TicketReplies> {
    this.calls.push(`replies:${ticketId}`);
    return { count: 2, firstAt: null };
  }

  async ticket(): Promise<TicketRefresh | null> {
    return null;
  }
}

describe('syncTenant', () => {
  let store: SyncStore;
  let tenant: Tenant;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, tenant, close } = await openTestTenant({ shared: true }));
  });

  afterEach(() => close());

  // 12 tickets changed 100..89 days ago, 8 changed in the last 60 days.
  const history = [
    ...Array.from({ length: 12 }, (_, i) => aSyncedTicket(i, NOW - (100 - i) * DAY, false)),
    ...Array.from({ length: 8 }, (_, i) => aSyncedTicket(100 + i, NOW - (50 - i) * DAY, false)),
  ];

  it('syncs the last 60 days and their reply counts before the older history', async () => {
    const client = new FakeClient(history, true);
    const steps: string[] = [];
    const onProgress = (p: SyncProgress) => void (steps.at(-1) !== p.step && steps.push(p.step));
    const outcome = await syncTenant(tenant, { store, client, surveys: null, clock: systemClock }, { onProgress });
    expect(outcome.caughtUp).toBe(true);
    expect(steps).toEqual(['recent', 'history-tickets', 'history-ratings', 'history-replies']);
    // The first ticket call starts at the recent window, not at the beginning of time.
    expect(client.calls.find((c) => c.startsWith('tickets@'))).toBe('tickets@12');
    const firstOld = client.calls.indexOf('replies:0');
    expect(client.calls.indexOf('replies:100')).toBeLessThan(firstOld);
    const stored = await store.loadHistory(tenant.id);
    expect(stored.tickets.map((t) => t.id).sort()).toEqual(history.map((t) => t.ticket.id).sort());
    expect(stored.tickets.every((t) => t.publicReplies === 2)).toBe(true);
  });

  it("stores the account's own word on whether its ratings include unanswered surveys", async () => {
    // The tenant is a Freshdesk one (default: answers only); this account says otherwise.
    const client = Object.assign(new FakeClient(history, false), { ratingsIncludeUnanswered: async () => true });
    expect((await store.loadHistory(tenant.id)).ratingsIncludeUnanswered).toBe(false);
    await syncTenant(tenant, { store, client, surveys: null, clock: systemClock });
    expect((await store.loadHistory(tenant.id)).ratingsIncludeUnanswered).toBe(true);
  });

  it('stops the history stream where the recent window begins', async () => {
    const client = new FakeClient(history, false);
    await syncTenant(tenant, { store, client, surveys: null, clock: systemClock });
    const historyCalls = client.calls.filter((c) => c.startsWith('tickets@')).slice(2);
    // Two recent pages (8 tickets), then history from 0 until it reaches tickets of the last 60 days.
    expect(historyCalls).toEqual(['tickets@0', 'tickets@5', 'tickets@10']);
  });

  it('resumes after a failure from the last saved page, without duplicates', async () => {
    const client = new FakeClient(history, false);
    client.failAt = 3;
    await expect(syncTenant(tenant, { store, client, surveys: null, clock: systemClock })).rejects.toThrow(
      'connection reset',
    );
    const partial = await store.loadHistory(tenant.id);
    expect(partial.tickets.length).toBeGreaterThan(0);
    client.failAt = null;
    const before = client.calls.length;
    await syncTenant(tenant, { store, client, surveys: null, clock: systemClock });
    // The resumed run continues from the checkpoint: it does not start the recent stream over.
    expect(client.calls.slice(before).filter((c) => c === 'tickets@12')).toEqual([]);
    const stored = await store.loadHistory(tenant.id);
    expect(stored.tickets).toHaveLength(history.length);
  });

  it('stops after the page budget and carries on from there on the next run', async () => {
    const client = new FakeClient(history, false);
    const first = await syncTenant(tenant, { store, client, surveys: null, clock: systemClock }, { maxPages: 2 });
    expect(first.caughtUp).toBe(false);
    const second = await syncTenant(tenant, { store, client, surveys: null, clock: systemClock });
    expect(second.caughtUp).toBe(true);
    expect((await store.loadHistory(tenant.id)).tickets).toHaveLength(history.length);
  });

  it('polls the caught-up stream from its cursor on the next run', async () => {
    // A copy: the test adds a ticket to this helpdesk, not to the other tests' history.
    const client = new FakeClient([...history], false);
    await syncTenant(tenant, { store, client, surveys: null, clock: systemClock });
    client.tickets.push(aSyncedTicket(500, NOW - DAY));
    client.calls.length = 0;
    await syncTenant(tenant, { store, client, surveys: null, clock: systemClock });
    // From the cursor the first run ended on, just past the history's last ticket.
    expect(client.calls.find((c) => c.startsWith('tickets@'))).toBe(`tickets@${history.length}`);
    expect((await store.loadHistory(tenant.id)).tickets.map((t) => t.id)).toContain('500');
  });

  it('reads the last days of ratings again once an hour, for surveys answered in place', async () => {
    const client = new FakeClient(history, false);
    let offset = 0;
    const clock = { now: () => Date.now() + offset, sleep: systemClock.sleep };
    await syncTenant(tenant, { store, client, surveys: null, clock });
    client.calls.length = 0;
    await syncTenant(tenant, { store, client, surveys: null, clock });
    expect(client.calls.filter((c) => c.startsWith('ratings@'))).toEqual(['ratings@end']);
    offset = 61 * 60 * 1000;
    client.calls.length = 0;
    await syncTenant(tenant, { store, client, surveys: null, clock });
    expect(client.calls.filter((c) => c.startsWith('ratings@'))).toEqual(['ratings@since']);
  });

  it('reads removed tickets at most every 5 minutes, from the first sync on, and never over with full', async () => {
    /** A helpdesk whose list leaves removed tickets out: ticket 100 was deleted after it was stored. */
    class RemovingClient extends FakeClient {
      async ticketsRemovedSince(start: StreamStart): Promise<Page<RemovedTicket>> {
        this.calls.push(`removed@${'cursor' in start ? start.cursor : start.since}`);
        return { items: [{ id: '100', updatedAt: NOW }], cursor: 'r-end', done: true, reachedTime: NOW };
      }
    }
    const client = new RemovingClient(history, false);
    let offset = 0;
    const clock = { now: () => NOW + offset, sleep: systemClock.sleep };
    const removedCalls = () => client.calls.filter((c) => c.startsWith('removed@'));
    const sync = (full = false) => syncTenant(tenant, { store, client, surveys: null, clock }, { full });

    // The first sync starts the clock; nothing it stored can have been removed before it began.
    await sync();
    expect(removedCalls()).toEqual([]);
    offset = 4 * 60 * 1000;
    await sync();
    expect(removedCalls()).toEqual([]);
    offset = 5 * 60 * 1000;
    await sync();
    // From the moment of the first sync (the recent window's start + 60 days).
    expect(removedCalls()).toEqual([`removed@${NOW}`]);
    expect((await store.loadHistory(tenant.id)).tickets.find((t) => t.id === '100')?.removed).toBe(true);

    offset = 11 * 60 * 1000;
    await sync(true);
    expect(removedCalls()).toEqual([`removed@${NOW}`, 'removed@r-end']);
  });

  it('finishes the history in links of 3 pages while removals fall due every link (they come after it)', async () => {
    class RemovingClient extends FakeClient {
      async ticketsRemovedSince(): Promise<Page<RemovedTicket>> {
        this.calls.push('removed');
        return { items: [], cursor: 'r-end', done: true, reachedTime: null };
      }
    }
    const client = new RemovingClient(history, true);
    let offset = 0;
    const clock = { now: () => NOW + offset, sleep: systemClock.sleep };
    let outcome = { caughtUp: false };
    // Each link comes 6 clock minutes after the last, so removals are due on every one; the
    // recent lanes alone take 2 of a link's 3 pages once caught up. 20 links are far more than
    // the 12 old tickets' one reply batch needs.
    for (let link = 0; link < 20 && !outcome.caughtUp; link++) {
      outcome = await syncTenant(tenant, { store, client, surveys: null, clock }, { maxPages: 3 });
      offset += 6 * 60 * 1000;
    }
    expect(outcome.caughtUp).toBe(true);
    const stored = await store.loadHistory(tenant.id);
    expect(stored.tickets.filter((t) => t.publicReplies !== 2).map((t) => t.id)).toEqual([]);
  });

  it('starts every stream over with full, and keeps the recent boundary of the new run', async () => {
    const client = new FakeClient(history, false);
    await syncTenant(tenant, { store, client, surveys: null, clock: systemClock });
    client.calls.length = 0;
    await syncTenant(tenant, { store, client, surveys: null, clock: systemClock }, { full: true });
    expect(client.calls.find((c) => c.startsWith('tickets@'))).toBe('tickets@12');
    expect(client.calls).toContain('tickets@0');
    expect(RECENT_DAYS).toBe(60);
  });
});
