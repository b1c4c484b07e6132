import type { Migration } from './migrations/index.js';
import type { SqlClient, SqlSession } from './sql-client.js';

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its own transaction.
 * Every transaction first takes a transaction-scoped advisory lock, so processes migrating at
 * once take turns and each migration runs exactly once. The lock key is derived from the current
 * schema, so separate schemas in one database migrate independently.
 */
export async function migrate(client: SqlClient, migrations: readonly Migration[]): Promise<void> {
  assertOrdered(migrations);
  // The bookkeeping table is created under the lock too: two concurrent CREATE TABLE IF NOT
  // EXISTS can both miss the table and one fails on the catalog's unique index.
  await client.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version int4 PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
  });
  for (const migration of migrations) {
    await client.transaction(async (tx) => {
      await lock(tx);
      const applied = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (applied.length > 0) return;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    });
  }
}

async function lock(tx: SqlSession): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('frontline.schema_migrations.' || current_schema()))");
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) {
      throw new Error(`migration ${migration.name} has version ${migration.version}, expected ${i + 1}`);
    }
  });
}
