import type { SyncStore } from '../store/sync-store.js';
import type { ChangeFeed } from './change-feed.js';

/** The store's writes to a tenant's history; each is announced once it has committed. */
const HISTORY_WRITES: ReadonlySet<PropertyKey> = new Set([
  'savePage',
  'saveReplyCounts',
  'saveSchedule',
  'saveRatingsIncludeUnanswered',
]);

/**
 * The store, announcing on `feed` every committed write to a tenant's history, whoever makes it
 * (a sync link, a webhook refresh, the CLI). A failed announcement is not a failed write: the
 * API also polls the tenant's revision, so it only arrives later.
 */
export function announcingWrites(store: SyncStore, feed: ChangeFeed, onError: (error: unknown) => void): SyncStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (!HISTORY_WRITES.has(property)) return value.bind(target);
      return async (tenantId: string, ...rest: unknown[]) => {
        const result: unknown = await value.call(target, tenantId, ...rest);
        await feed.publish(tenantId).catch(onError);
        return result;
      };
    },
  });
}
