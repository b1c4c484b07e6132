import { PGlite, type Transaction } from '@electric-sql/pglite';
import { lockFolder, type FolderLock } from './folder-lock.js';
import type { SqlClient, SqlSession } from './sql-client.js';

/** A {@link SqlClient} over PGlite, the embedded PostgreSQL (one connection, queries in turn). */
export class PgliteSqlClient implements SqlClient {
  constructor(
    private readonly db: PGlite,
    private readonly lock: FolderLock | null = null,
  ) {}

  /**
   * The database in `folder` (created on first use), for this process alone: two processes on
   * one folder corrupt it, so `<folder>.lock` keeps a second one out until this one closes.
   */
  static async openFolder(folder: string): Promise<PgliteSqlClient> {
    const lock = await lockFolder(`${folder}.lock`, folder);
    try {
      return new PgliteSqlClient(await PGlite.create(folder), lock);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  query<Row extends object>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return queryRows<Row>(this.db, sql, params);
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) =>
      fn({
        query: <Row extends object>(sql: string, params: readonly unknown[] = []) => queryRows<Row>(tx, sql, params),
        exec: async (sql) => {
          await tx.exec(sql);
        },
      }),
    );
  }

  async close(): Promise<void> {
    try {
      if (!this.db.closed) await this.db.close();
    } finally {
      await this.lock?.release();
    }
  }
}

async function queryRows<Row extends object>(
  db: PGlite | Transaction,
  sql: string,
  params: readonly unknown[],
): Promise<Row[]> {
  return (await db.query<Row>(sql, [...params])).rows;
}
