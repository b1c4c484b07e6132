import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../clock.js';
import { LogLines } from '../http/api-test-harness.js';
import { InProcessQueue } from '../jobs/in-process-queue.js';
import { createMemoryTenantLock } from '../jobs/tenant-lock.js';
import { createLogger } from '../logger.js';
import type { SyncStore } from '../store/sync-store.js';
import { VendorAuthError } from '../vendors/vendor-auth-error.js';
import type { VendorClient } from '../vendors/vendor-client.js';
import { createJobHandler } from './handle-sync-job.js';
import { openTestTenant } from './open-test-tenant.js';

/** A helpdesk that has lost every ticket and refuses the token for everything else. */
const revokedClient: VendorClient = {
  vendor: 'freshdesk',
  checkAccess: async () => {
    throw new VendorAuthError('acme', 401);
  },
  ratingsIncludeUnanswered: async () => false,
  needsReplyCounts: false,
  ticketsChangedSince: async () => {
    throw new VendorAuthError('acme', 401);
  },
  ratingsSince: async () => {
    throw new VendorAuthError('acme', 401);
  },
  agents: async () => {
    throw new VendorAuthError('acme', 401);
  },
  businessSchedule: async () => null,
  replies: async () => ({ count: 0, firstAt: null }),
  ticket: async () => null,
};

describe('the log lines of a job', () => {
  let store: SyncStore;
  let close: () => Promise<void>;
  const log = new LogLines();

  beforeEach(async () => {
    ({ store, close } = await openTestTenant({ shared: true }));
    log.lines.length = 0;
  });
  afterEach(() => close());

  const handler = () =>
    createJobHandler({
      store,
      queue: new InProcessQueue(systemClock),
      lock: createMemoryTenantLock(),
      clock: systemClock,
      log: createLogger({ level: 'info', destination: log.stream }),
      clientFor: () => revokedClient,
      surveysFor: () => null,
    });

  const entries = () => log.lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('name the tenant, the kind of job and its id (the BullMQ job id)', async () => {
    await handler()({ kind: 'refresh-ticket', tenant: 'acme', ticketId: '42' });
    await handler()({ kind: 'sync', tenant: 'acme', link: 3 });
    await handler()({ kind: 'sync', tenant: 'nobody' });
    expect(entries()).toEqual([
      expect.objectContaining({
        msg: 'refreshed ticket no longer exists',
        tenant: 'acme',
        job: 'refresh-ticket',
        jobId: 'refresh:acme:42',
        ticket: '42',
      }),
      expect.objectContaining({
        msg: expect.stringMatching(/^token revoked or wrong for acme/),
        tenant: 'acme',
        job: 'sync',
        jobId: 'sync:acme:3',
      }),
      expect.objectContaining({
        msg: 'job for an unknown tenant dropped',
        tenant: 'nobody',
        job: 'sync',
        jobId: 'sync:nobody:0',
      }),
    ]);
  });
});
