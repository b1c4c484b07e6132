import pg from 'pg';
import type { SqlClient, SqlSession } from './sql-client.js';

const INT8_OID = 20;

// Per pool, not pg's global registry: other code in the process keeps pg's defaults.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** A {@link SqlClient} over a `pg` pool: PostgreSQL reached through a connection string. */
export class PgSqlClient implements SqlClient {
  private readonly pool: pg.Pool;

  constructor(connectionString: string, options: { readonly maxConnections?: number } = {}) {
    this.pool = new pg.Pool({ connectionString, types, max: options.maxConnections ?? 10 });
    // An idle connection dropped by the server must not crash the process; the pool replaces it.
    this.pool.on('error', () => {});
    // The store's statements are short and many: JIT compiling one (tens of milliseconds, for
    // plans the planner only estimates as costly, such as a page's JSON rows) costs more than it
    // saves. The first statement of each new connection, queued before any other.
    this.pool.on('connect', (client) => {
      client.query('SET jit = off').catch((error: unknown) => this.pool.emit('error', error, client));
    });
  }

  async query<Row extends object>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.pool.query<Row>(sql, params as unknown[]);
    return result.rows;
  }

  async exec(sql: string): Promise<void> {
    // Without parameters pg uses the simple protocol, which runs several statements.
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const session: SqlSession = {
      query: async <Row extends object>(sql: string, params: readonly unknown[] = []) =>
        (await client.query<Row>(sql, params as unknown[])).rows,
      exec: async (sql) => {
        await client.query(sql);
      },
    };
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(session);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // A connection that cannot roll back is not returned to the pool.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
