import type { Clock } from '../clock.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import type { SyncStore } from '../store/sync-store.js';

/** How often every active tenant gets an incremental sync. */
export const SYNC_INTERVAL_MS = 60_000;

/**
 * Queues an incremental sync for every active tenant now and then every interval. Several
 * processes may run one: a tenant's first link has one key, so duplicates collapse in the queue,
 * and the tenant lock keeps two workers from syncing the same tenant.
 */
export function startSyncScheduler(deps: {
  store: SyncStore;
  queue: JobQueue;
  clock: Clock;
  log: Logger;
  intervalMs?: number;
}): { stop(): void } {
  const controller = new AbortController();
  const tick = async () => {
    for (const tenant of await deps.store.listTenants()) {
      if (tenant.status === 'active') await deps.queue.add({ kind: 'sync', tenant: tenant.name });
    }
  };
  void (async () => {
    while (!controller.signal.aborted) {
      await tick().catch((error: unknown) => deps.log.warn({ err: error }, 'could not queue the periodic syncs'));
      await deps.clock.sleep(deps.intervalMs ?? SYNC_INTERVAL_MS, controller.signal).catch(() => {});
    }
  })();
  return { stop: () => controller.abort() };
}
