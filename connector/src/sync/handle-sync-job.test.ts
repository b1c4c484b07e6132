import { aTicket } from '@frontline/kpi/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { InProcessQueue } from '../jobs/in-process-queue.js';
import { createMemoryTenantLock } from '../jobs/tenant-lock.js';
import { silentLogger } from '../logger.js';
import type { SyncStore, Tenant } from '../store/sync-store.js';
import { VendorAuthError } from '../vendors/vendor-auth-error.js';
import type { SyncedTicket, VendorClient } from '../vendors/vendor-client.js';
import { createJobHandler } from './handle-sync-job.js';
import { openTestTenant } from './open-test-tenant.js';

/** A helpdesk that refuses the credentials, or serves one ticket for refreshes. */
function clientThat(behaviour: 'revoked' | 'serves'): VendorClient {
  const refuse = async (): Promise<never> => {
    throw new VendorAuthError('acme', 401);
  };
  const ticket: SyncedTicket = {
    ticket: aTicket({ id: '42', requesterId: 'r1', assigneeId: 'a1', createdAt: 1_000 }),
    updatedAt: 2_000,
    repliesKnown: true,
  };
  return {
    vendor: 'freshdesk',
    ratingsIncludeUnanswered: false,
    needsReplyCounts: false,
    ticketsChangedSince: refuse,
    ratingsSince: refuse,
    agents: behaviour === 'revoked' ? refuse : async () => [],
    businessSchedule: async () => null,
    publicReplies: async () => 0,
    ticket: behaviour === 'revoked' ? refuse : async () => ticket,
  };
}

describe('createJobHandler', () => {
  let store: SyncStore;
  let tenant: Tenant;
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ store, tenant, close } = await openTestTenant());
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
    expect(stopped?.statusReason).toMatch(/token revoked or wrong for acme .*frontline tenant add/);
  });

  it('saves a refreshed ticket', async () => {
    await handler(clientThat('serves'))({ kind: 'refresh-ticket', tenant: 'acme', ticketId: '42' });
    expect((await store.loadHistory(tenant.id)).tickets.map((t) => t.id)).toEqual(['42']);
  });

  it('drops a job for a tenant that does not exist', async () => {
    await expect(handler(clientThat('serves'))({ kind: 'sync', tenant: 'nobody' })).resolves.toBeUndefined();
  });
});
