import type { SecretKey } from '../secrets/index.js';
import { PgliteSqlClient } from './pglite-sql-client.js';
import { SqlSyncStore } from './sql-sync-store.js';

/** The embedded store: PGlite (PostgreSQL in WASM) keeping its files in a folder. */
export class PgliteSyncStore extends SqlSyncStore {
  /**
   * Opens (creating on first use) the database in `databaseDir`; one process at a time: another
   * process's open fails with `StoreInUseError` until this one closes.
   */
  static async open(databaseDir: string, secretKey: SecretKey): Promise<PgliteSyncStore> {
    return new PgliteSyncStore(await PgliteSqlClient.openFolder(databaseDir), secretKey);
  }
}
