import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll } from 'vitest';
import { PgliteSqlClient } from './pglite-sql-client.js';
import { PgliteSyncStore } from './pglite-sync-store.js';
import { describeCoachingStore } from './coaching-store.contract.js';
import { describeSyncStore, type StoreHarness } from './sync-store.contract.js';

let dir: string;
let db: PGlite;

// One database in a temporary folder for the file (initdb takes seconds), a fresh schema per
// test: PGlite is a single session, so setting its search_path moves every store to the schema.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'frontline-pglite-'));
  db = await PGlite.create(dir);
}, 60_000);

afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

/** Stores of one test share the file's PGlite; closing one must not close it for the others. */
class SharedPgliteClient extends PgliteSqlClient {
  override async close(): Promise<void> {}
}

let count = 0;

async function freshSchema(): Promise<StoreHarness> {
  const schema = `test_${++count}`;
  await db.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  return {
    open: async (key) => new PgliteSyncStore(new SharedPgliteClient(db), key),
    raw: async <Row extends object>(sql: string, params: readonly unknown[] = []) =>
      (await db.query<Row>(sql, [...params])).rows,
    dispose: async () => {
      await db.exec(`SET search_path TO public; DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

// One harness, both contracts of the store: history and sync, and coaching.
describeSyncStore('PGlite', freshSchema);
describeCoachingStore('PGlite', freshSchema);
