import { PGlite } from '@electric-sql/pglite';
import type { SecretKey } from '../secrets/index.js';
import { PgliteSqlClient } from './pglite-sql-client.js';
import { SqlSyncStore } from './sql-sync-store.js';

/** The embedded store: PGlite (PostgreSQL in WASM) keeping its files in a folder. */
export class PgliteSyncStore extends SqlSyncStore {
  /** Opens (creating on first use) the database in `databaseDir`; one process at a time. */
  static async open(databaseDir: string, secretKey: SecretKey): Promise<PgliteSyncStore> {
    return new PgliteSyncStore(new PgliteSqlClient(await PGlite.create(databaseDir)), secretKey);
  }
}
