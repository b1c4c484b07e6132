import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlClient, SqlSession } from './sql-client.js';

/** A {@link SqlClient} over PGlite, the embedded PostgreSQL (one connection, queries in turn). */
export class PgliteSqlClient implements SqlClient {
  constructor(private readonly db: PGlite) {}

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
    if (!this.db.closed) await this.db.close();
  }
}

async function queryRows<Row extends object>(
  db: PGlite | Transaction,
  sql: string,
  params: readonly unknown[],
): Promise<Row[]> {
  return (await db.query<Row>(sql, [...params])).rows;
}
