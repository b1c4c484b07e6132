import { EventEmitter } from 'node:events';

/**
 * What changed: the tenant's stored history (its revision moved), or its KPI settings (targets,
 * headline), which no revision counts, so every API process recomputes its view on hearing it.
 */
export type ChangeKind = 'history' | 'settings';

/**
 * Tells processes that a tenant's stored history or settings changed, so an API process can bring
 * its live copy up to date. A notice carries only the tenant and the kind: what changed is read
 * from the store, so a lost or repeated notice costs a late or an empty read, never a wrong number.
 */
export interface ChangeFeed {
  /** `kind` defaults to `history`. */
  publish(tenantId: string, kind?: ChangeKind): Promise<void>;
  /** Calls `listener` for every notice until the returned function is called. */
  subscribe(listener: (tenantId: string, kind: ChangeKind) => void): () => void;
  close(): Promise<void>;
}

/** The feed of one process: the embedded default, where the worker runs beside the API. */
export function createMemoryChangeFeed(): ChangeFeed {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(tenantId, kind = 'history') {
      emitter.emit('change', tenantId, kind);
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
