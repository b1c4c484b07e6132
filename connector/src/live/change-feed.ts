import { EventEmitter } from 'node:events';

/**
 * Tells processes that a tenant's stored history changed, so an API process can bring its live
 * copy up to date. A notice carries only the tenant: what changed is read from the store (by
 * revision), so a lost or repeated notice costs a late or an empty read, never a wrong number.
 */
export interface ChangeFeed {
  publish(tenantId: string): Promise<void>;
  /** Calls `listener` for every notice until the returned function is called. */
  subscribe(listener: (tenantId: string) => void): () => void;
  close(): Promise<void>;
}

/** The feed of one process: the embedded default, where the worker runs beside the API. */
export function createMemoryChangeFeed(): ChangeFeed {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(tenantId) {
      emitter.emit('change', tenantId);
    },
    subscribe(listener) {
      emitter.on('change', listener);
      return () => emitter.off('change', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
