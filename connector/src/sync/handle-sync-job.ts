import type { Clock } from '../clock.js';
import type { JobHandler, JobQueue } from '../jobs/job-queue.js';
import { jobKey, type SyncJob } from '../jobs/sync-job.js';
import type { TenantLock } from '../jobs/tenant-lock.js';
import type { Logger } from '../logger.js';
import type { SyncStore, Tenant } from '../store/sync-store.js';
import { VendorAuthError } from '../vendors/vendor-auth-error.js';
import { VendorUnsupportedError } from '../vendors/vendor-unsupported-error.js';
import type { VendorClient } from '../vendors/vendor-client.js';
import type { SurveySource } from './survey-source.js';
import { syncTenant } from './sync-tenant.js';

export interface JobDeps {
  readonly store: SyncStore;
  readonly queue: JobQueue;
  readonly lock: TenantLock;
  readonly clock: Clock;
  readonly log: Logger;
  clientFor(tenant: Tenant, options?: { readonly signal?: AbortSignal }): VendorClient;
  surveysFor(tenant: Tenant): SurveySource | null;
  /** Pages per link of a sync chain: short links let webhook refreshes in between. */
  readonly linkPages?: number;
}

const DEFAULT_LINK_PAGES = 10;

/**
 * Runs one job. A sync link takes the tenant's lock (another worker holding it is already
 * syncing the tenant, so the link has nothing to do), syncs a few pages, releases the lock and
 * queues the next link until the tenant is caught up. A refreshed ticket is saved like any page,
 * with its ratings and reply count.
 * A revoked token stops the tenant with a message that says what to do; other failures throw,
 * and the queue retries them with backoff.
 * Every line a job logs names its tenant, its kind and its id (`jobId`, the BullMQ job id).
 */
export function createJobHandler(deps: JobDeps): JobHandler {
  return async (job: SyncJob, signal?: AbortSignal) => {
    const log = deps.log.child({ tenant: job.tenant, job: job.kind, jobId: jobKey(job) });
    const tenant = await deps.store.getTenant(job.tenant);
    if (tenant === null) {
      log.warn('job for an unknown tenant dropped');
      return;
    }
    if (tenant.status === 'stopped') return;
    const jobDeps = { ...deps, log };
    try {
      if (job.kind === 'refresh-ticket') await refreshTicket(tenant, job.ticketId, jobDeps, signal);
      else await syncLink(tenant, job, jobDeps, signal);
    } catch (error) {
      if (error instanceof VendorAuthError || error instanceof VendorUnsupportedError) {
        await deps.store.setTenantStatus(tenant.id, 'stopped', error.message);
        log.error(error.message);
        return;
      }
      throw error;
    }
  };
}

async function syncLink(
  tenant: Tenant,
  job: Extract<SyncJob, { kind: 'sync' }>,
  deps: JobDeps,
  signal?: AbortSignal,
): Promise<void> {
  const held = await deps.lock.tryAcquire(tenant.id);
  if (held === null) return;
  let caughtUp: boolean;
  try {
    const outcome = await syncTenant(
      tenant,
      {
        store: deps.store,
        client: deps.clientFor(tenant, { signal }),
        surveys: deps.surveysFor(tenant),
        clock: deps.clock,
        log: deps.log,
      },
      { full: job.full ?? false, maxPages: deps.linkPages ?? DEFAULT_LINK_PAGES, signal },
    );
    caughtUp = outcome.caughtUp;
    deps.log.info({ link: job.link ?? 0, pages: outcome.pages, step: outcome.lastStep }, 'sync link done');
  } finally {
    // Released before the next link is queued, so that link can take it on any worker.
    await held.release();
  }
  if (!caughtUp) await deps.queue.add({ kind: 'sync', tenant: tenant.name, link: (job.link ?? 0) + 1 });
}

/**
 * Saves a ticket a webhook named, with its ratings, at once: that is how a rating just given
 * reaches the sidebar in seconds. The reply count, where the vendor needs a call of its own for
 * it, follows; until then the stored count stands. A ticket that is gone, or comes back deleted
 * or spam, leaves every KPI.
 */
async function refreshTicket(tenant: Tenant, ticketId: string, deps: JobDeps, signal?: AbortSignal): Promise<void> {
  const client = deps.clientFor(tenant, { signal });
  const refreshed = await client.ticket(ticketId);
  if (refreshed === null) {
    deps.log.info({ ticket: ticketId }, 'refreshed ticket no longer exists');
    const removed = [{ id: ticketId, updatedAt: deps.clock.now() }];
    await deps.store.savePage(
      tenant.id,
      'refresh',
      { removedTickets: removed },
      { cursor: ticketId, done: true, reachedTime: null },
    );
    return;
  }
  const { synced, ratings, agents, requesters } = refreshed;
  await deps.store.savePage(
    tenant.id,
    'refresh',
    { tickets: [synced], ratings, agents, requesters },
    { cursor: ticketId, done: true, reachedTime: synced.updatedAt },
  );
  if (synced.repliesKnown || synced.ticket.removed) return;
  const replies = await client.replies(ticketId);
  await deps.store.saveReplyCounts(tenant.id, [{ ticketId, ...replies }]);
}
