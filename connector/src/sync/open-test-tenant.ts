import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { SecretKey } from '../secrets/index.js';
import { PgliteSqlClient } from '../store/pglite-sql-client.js';
import { PgliteSyncStore } from '../store/index.js';
import type { SyncStore, Tenant } from '../store/sync-store.js';

export interface TestTenant {
  readonly store: SyncStore;
  readonly tenant: Tenant;
  close(): Promise<void>;
}

/**
 * For tests: an embedded store in a temporary folder with one Freshdesk tenant, and its cleanup.
 * With `shared`, the store is a fresh schema in one in-memory PGlite per test file instead
 * (PGlite's initdb takes seconds; a schema takes milliseconds), and closing drops the schema.
 */
export async function openTestTenant(options: { readonly shared?: boolean } = {}): Promise<TestTenant> {
  return options.shared ? openInSharedDatabase() : openInOwnDatabase();
}

async function openInOwnDatabase(): Promise<TestTenant> {
  const dir = await mkdtemp(join(tmpdir(), 'frontline-test-store-'));
  const store = await PgliteSyncStore.open(dir, SecretKey.fromBytes(randomBytes(32)));
  await store.migrate();
  const tenant = await addAcme(store);
  return {
    store,
    tenant,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Stores on the shared database must not close it for the next test. */
class SharedPgliteClient extends PgliteSqlClient {
  override async close(): Promise<void> {}
}

let sharedDatabase: Promise<PGlite> | null = null;
let schemas = 0;

async function openInSharedDatabase(): Promise<TestTenant> {
  sharedDatabase ??= PGlite.create();
  const db = await sharedDatabase;
  const schema = `test_${++schemas}`;
  // PGlite is one session: the search path moves every store on it to this test's schema.
  await db.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  const store = new PgliteSyncStore(new SharedPgliteClient(db), SecretKey.fromBytes(randomBytes(32)));
  await store.migrate();
  const tenant = await addAcme(store);
  return {
    store,
    tenant,
    async close() {
      await db.exec(`SET search_path TO public; DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

function addAcme(store: SyncStore): Promise<Tenant> {
  return store.addTenant({
    name: 'acme',
    vendor: 'freshdesk',
    baseUrl: 'https://acme.freshdesk.com',
    credentials: { kind: 'freshdesk-key', apiKey: 'k' },
    zigpoll: null,
  });
}
