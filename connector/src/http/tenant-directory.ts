import type { SyncStore, Tenant } from '../store/sync-store.js';

/** How long a tenant read from the store is reused: an admin's change shows within this. */
const TTL_MS = 10_000;

/**
 * Tenants by id and by name for the API's requests, read from the store at most every 10 s
 * (every request needs its caller's tenant; it rarely changes).
 */
export class TenantDirectory {
  readonly #store: SyncStore;
  readonly #now: () => number;
  #byId = new Map<string, Tenant>();
  #byName = new Map<string, Tenant>();
  #readAt = -Infinity;
  #reading: Promise<void> | null = null;

  constructor(store: SyncStore, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
  }

  async byId(id: string): Promise<Tenant | null> {
    await this.#fresh();
    return this.#byId.get(id) ?? null;
  }

  async all(): Promise<Tenant[]> {
    await this.#fresh();
    return [...this.#byId.values()];
  }

  async byName(name: string): Promise<Tenant | null> {
    await this.#fresh();
    return this.#byName.get(name) ?? null;
  }

  /** Forgets what was read, so an admin's change applies at once in this process. */
  invalidate(): void {
    this.#readAt = -Infinity;
  }

  async #fresh(): Promise<void> {
    if (this.#now() - this.#readAt < TTL_MS) return;
    this.#reading ??= this.#store.listTenants().then(
      (tenants) => {
        this.#byId = new Map(tenants.map((t) => [t.id, t]));
        this.#byName = new Map(tenants.map((t) => [t.name, t]));
        this.#readAt = this.#now();
        this.#reading = null;
      },
      (error: unknown) => {
        this.#reading = null;
        throw error;
      },
    );
    await this.#reading;
  }
}
