import { aRating, aTicket } from '@frontline/kpi/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { InProcessQueue } from '../jobs/in-process-queue.js';
import { createMemoryTenantLock } from '../jobs/tenant-lock.js';
import { silentLogger } from '../logger.js';
import type { SyncStore, Tenant } from '../store/sync-store.js';
import { VendorAuthError } from '../vendors/vendor-auth-error.js';
import type { TicketRefresh, VendorClient } from '../vendors/vendor-client.js';
import { createJobHandler } from './handle-sync-job.js';
import { openTestTenant } from './open-test-tenant.js';

/** Ticket 42 as a refresh brings it: a bad rating on it, and its reply count unless `repliesKnown` is false. */
function refreshOf42(repliesKnown: boolean): TicketRefresh {
  return {
    synced: {
      ticket: aTicket({ id: '42', requesterId: 'r1', assigneeId: 'a1', createdAt: 1_000, publicReplies: 2 }),
      updatedAt: 2_000,
      repliesKnown,
    },
    ratings: [
      aRating({ id: 'csat-9', ticketId: '42', agentId: 'a1', at: 2_000, positive: false, comment: 'Too slow' }),
    ],
    agents: [{ id: 'a1', name: 'Ana', email: 'ana@acme.example' }],
    requesters: [{ id: 'r1', email: null }],
  };
}

/**
 * A helpdesk that refuses the credentials, serves ticket 42 for refreshes (`serves`: with its reply
 * count, as Zendesk; `serves-without-replies`: counted apart, 5 of them, as Freshdesk), or has lost it.
 */
function clientThat(
  behaviour: 'revoked' | 'serves' | 'serves-without-replies' | 'lost-it',
  calls: string[] = [],
): VendorClient {
  const refuse = async (): Promise<never> => {
    throw new VendorAuthError('acme', 401);
  };
  const countsApart = behaviour === 'serves-without-replies';
  return {
    vendor: 'freshdesk',
    checkAccess: behaviour === 'revoked' ? refuse : async () => ({ id: 'a1', name: 'Ana', email: null }),
    ratingsIncludeUnanswered: async () => false,
    needsReplyCounts: countsApart,
    ticketsChangedSince: refuse,
    ratingsSince: refuse,
    agents: behaviour === 'revoked' ? refuse : async () => [],
    businessSchedule: async () => null,
    // Five public replies, the first 30 minutes after ticket 42's creation (1_000).
    replies: async (ticketId) => {
      calls.push(`replies:${ticketId}`);
      return { count: 5, firstAt: 1_000 + 30 * 60_000 };
    },
    ticket:
      behaviour === 'revoked'
        ? refuse
        : async (ticketId) => {
            calls.push(`ticket:${ticketId}`);
            return behaviour === 'lost-it' ? null : refreshOf42(!countsApart);
          },
  };
}

describe('createJobHandler', () => {
  let store: SyncStore;
  let tenant: Tenant;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, tenant, close } = await openTestTenant({ shared: true }));
  });
  afterEach(() => close());

  const handler = (client: VendorClient) =>
    createJobHandler({
      store,
      queue: new InProcessQueue(systemClock),
      lock: createMemoryTenantLock(),
      clock: systemClock,
      log: silentLogger,
      clientFor: () => client,
      surveysFor: () => null,
    });

  it('stops a tenant whose token was revoked, saying what to do', async () => {
    await handler(clientThat('revoked'))({ kind: 'sync', tenant: 'acme' });
    const stopped = await store.getTenant('acme');
    expect(stopped?.status).toBe('stopped');
    expect(stopped?.statusReason).toMatch(/token revoked or wrong for acme .*`frontline tenant update acme \.\.\.`/);
  });

  const refresh42 = { kind: 'refresh-ticket', tenant: 'acme', ticketId: '42' } as const;

  it('saves a refreshed ticket with its ratings, agents and requesters', async () => {
    const calls: string[] = [];
    await handler(clientThat('serves', calls))(refresh42);
    const history = await store.loadHistory(tenant.id);
    expect(history.tickets.map((t) => [t.id, t.publicReplies])).toEqual([['42', 2]]);
    expect(history.ratings).toEqual([expect.objectContaining({ id: 'csat-9', ticketId: '42', positive: false })]);
    expect(history.ratings[0]?.comment).toBe('Too slow');
    expect(history.agents.map((a) => a.id)).toEqual(['a1']);
    expect(history.requesters.map((r) => r.id)).toEqual(['r1']);
    // The reply count came with the ticket: no call of its own.
    expect(calls).toEqual(['ticket:42']);
  });

  it('counts the replies of a refreshed ticket when the vendor does not send them with it', async () => {
    const calls: string[] = [];
    await handler(clientThat('serves-without-replies', calls))(refresh42);
    const history = await store.loadHistory(tenant.id);
    expect(history.tickets.map((t) => [t.id, t.publicReplies])).toEqual([['42', 5]]);
    expect(history.ratings.map((r) => r.id)).toEqual(['csat-9']);
    expect(calls).toEqual(['ticket:42', 'replies:42']);
    expect(await store.ticketsNeedingReplyCounts(tenant.id, 0, 10)).toEqual([]);
  });

  it('saves nothing for a ticket the helpdesk no longer has', async () => {
    const calls: string[] = [];
    await handler(clientThat('lost-it', calls))(refresh42);
    const history = await store.loadHistory(tenant.id);
    expect(history.tickets).toEqual([]);
    expect(history.ratings).toEqual([]);
    expect(calls).toEqual(['ticket:42']);
  });

  it('takes a stored ticket the helpdesk no longer has out of every KPI', async () => {
    await handler(clientThat('serves'))(refresh42);
    await handler(clientThat('lost-it'))(refresh42);
    const history = await store.loadHistory(tenant.id);
    expect(history.tickets.map((t) => [t.id, t.removed])).toEqual([['42', true]]);
  });

  it('fills in the first reply of a refreshed ticket from its replies when the ticket has none', async () => {
    await handler(clientThat('serves-without-replies'))(refresh42);
    const [ticket] = (await store.loadHistory(tenant.id)).tickets;
    // The double has ticket 42 created at 1_000 with no first reply; the first of its replies
    // came 30 minutes later.
    expect(ticket).toMatchObject({ publicReplies: 5, firstReplyAt: 1_000 + 30 * 60_000, firstReplyMinutes: 30 });
  });

  it('drops a job for a tenant that does not exist', async () => {
    await expect(handler(clientThat('serves'))({ kind: 'sync', tenant: 'nobody' })).resolves.toBeUndefined();
  });
});
