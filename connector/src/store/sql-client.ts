/**
 * What the store's SQL needs from a connection: PostgreSQL statements with `$1` parameters.
 * Both drivers return `int8` as a number (the store's int8 values are epoch milliseconds and
 * counts, well inside 2^53), `text[]` as string arrays and `jsonb` parsed.
 */
export interface SqlSession {
  /** Runs one statement and returns its rows (typed by the caller: the SQL decides the shape). */
  query<Row extends object>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A database the store can use: sessions now, or a transaction on one connection. */
export interface SqlClient extends SqlSession {
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
