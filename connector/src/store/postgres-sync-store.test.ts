import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgresSyncStore } from './postgres-sync-store.js';
import type { SyncStore } from './sync-store.js';
import { describeCoachingStore } from './coaching-store.contract.js';
import { describeSyncStore, type StoreHarness } from './sync-store.contract.js';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh schema per test in the test database, dropped afterwards; stores reach it by search_path. */
async function freshSchema(): Promise<StoreHarness> {
  const schema = `frontline_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(DATABASE_URL);
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`SET search_path TO ${schema}`);
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const stores: SyncStore[] = [];
  return {
    open: async (key) => {
      const store = PostgresSyncStore.connect(url.toString(), key, { maxConnections: 4 });
      stores.push(store);
      return store;
    },
    raw: async <Row extends object>(sql: string, params: readonly unknown[] = []) =>
      (await admin.query<Row>(sql, [...params])).rows,
    dispose: async () => {
      try {
        await Promise.all(stores.map((store) => store.close()));
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

// One harness, both contracts of the store: history and sync, and coaching.
describeSyncStore('PostgreSQL', freshSchema);
describeCoachingStore('PostgreSQL', freshSchema);
