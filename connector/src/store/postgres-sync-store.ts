import type { SecretKey } from '../secrets/index.js';
import { PgSqlClient } from './pg-sql-client.js';
import { SqlSyncStore } from './sql-sync-store.js';

/** The production store: PostgreSQL through a `pg` pool (`DATABASE_URL`). */
export class PostgresSyncStore extends SqlSyncStore {
  /**
   * A store on the database of `connectionString` (a `postgres://` URL; `?options=-c search_path=...`
   * selects a schema). Connects lazily: the first query opens the first connection.
   */
  static connect(
    connectionString: string,
    secretKey: SecretKey,
    options: { maxConnections?: number } = {},
  ): PostgresSyncStore {
    return new PostgresSyncStore(new PgSqlClient(connectionString, options), secretKey);
  }
}
