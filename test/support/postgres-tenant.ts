import { createSyncStore, type NewTenant, type SyncStore, type Tenant } from '@frontline/connector/store';
import { randomBytes } from 'node:crypto';
import { createFreshSchema } from './fresh-schema.js';

export interface PostgresTenant {
  readonly store: SyncStore;
  readonly tenant: Tenant;
  /** Connection string of the schema, for counting rows behind the store's back. */
  readonly schemaUrl: string;
  /** Closes the store and drops the schema. */
  close(): Promise<void>;
}

/** A migrated PostgreSQL store in a fresh schema of the test database, with one tenant named acme. */
export async function openPostgresTenant(tenant: Omit<NewTenant, 'name' | 'zigpoll'>): Promise<PostgresTenant> {
  const schema = await createFreshSchema();
  const store = await createSyncStore({
    databaseUrl: schema.url,
    dataDir: '.',
    secretKey: randomBytes(32).toString('base64'),
  });
  try {
    await store.migrate();
    return {
      store,
      tenant: await store.addTenant({ name: 'acme', zigpoll: null, ...tenant }),
      schemaUrl: schema.url,
      async close() {
        await store.close();
        await schema.drop();
      },
    };
  } catch (error) {
    await store.close();
    await schema.drop();
    throw error;
  }
}
