import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** The shared test database; each test works in a schema of its own inside it. */
export const TEST_DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface FreshSchema {
  /** Connection string whose sessions use the new schema. */
  readonly url: string;
  drop(): Promise<void>;
}

/** A new, empty schema on `databaseUrl`, reached through `search_path` in the URL. */
export async function createFreshSchema(databaseUrl = TEST_DATABASE_URL): Promise<FreshSchema> {
  const schema = `t_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}
