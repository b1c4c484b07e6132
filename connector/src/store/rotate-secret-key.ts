import { join } from 'node:path';
import type { SecretKey } from '../secrets/index.js';
import { PGLITE_FOLDER } from './pglite-folder.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { PgSqlClient } from './pg-sql-client.js';
import { PgliteSqlClient } from './pglite-sql-client.js';
import type { SqlClient } from './sql-client.js';
import {
  decryptAccessSecret,
  decryptCredentials,
  decryptZigpoll,
  encryptAccessSecret,
  encryptCredentials,
  encryptZigpoll,
} from './stored-credentials.js';

interface SecretRow {
  readonly id: string;
  readonly name: string;
  readonly credentials: string;
  readonly zigpoll_credentials: string | null;
  readonly webhook_secrets: string | null;
  readonly app_secret: string | null;
}

/**
 * Re-encrypts every stored secret (each tenant's vendor and Zigpoll credentials, webhook secrets
 * and app secret) from key `from` to key `to`, in one transaction: either every value is under
 * the new key or, when any value does not decrypt with `from` (a `SecretDecryptionError`),
 * nothing changed. Returns the number of tenants.
 */
export async function reencryptSecrets(client: SqlClient, from: SecretKey, to: SecretKey): Promise<number> {
  return client.transaction(async (tx) => {
    const rows = await tx.query<SecretRow>(
      `SELECT id::text AS id, name, credentials, zigpoll_credentials, webhook_secrets, app_secret
       FROM tenants ORDER BY name FOR UPDATE`,
    );
    for (const row of rows) {
      const credentials = decryptCredentials(from, row.id, row.name, row.credentials);
      const zigpoll = decryptZigpoll(from, row.id, row.name, row.zigpoll_credentials);
      const webhookSecrets = decryptAccessSecret(from, row.id, row.name, 'webhook_secrets', row.webhook_secrets);
      const appSecret = decryptAccessSecret(from, row.id, row.name, 'app_secret', row.app_secret);
      await tx.query(
        `UPDATE tenants SET credentials = $2, zigpoll_credentials = $3, webhook_secrets = $4, app_secret = $5
         WHERE id = $1`,
        [
          row.id,
          encryptCredentials(to, row.id, credentials),
          encryptZigpoll(to, row.id, zigpoll),
          encryptAccessSecret(to, row.id, 'webhook_secrets', webhookSecrets),
          encryptAccessSecret(to, row.id, 'app_secret', appSecret),
        ],
      );
    }
    return rows.length;
  });
}

/**
 * {@link reencryptSecrets} on the store the options select (PostgreSQL for `databaseUrl`, else
 * the embedded PGlite in `dataDir`), migrated first. The embedded store must not be open in
 * another process.
 */
export async function rotateStoredSecrets(
  options: { readonly databaseUrl?: string | undefined; readonly dataDir: string },
  from: SecretKey,
  to: SecretKey,
): Promise<number> {
  const client: SqlClient =
    options.databaseUrl === undefined
      ? await PgliteSqlClient.openFolder(join(options.dataDir, PGLITE_FOLDER))
      : new PgSqlClient(options.databaseUrl, { maxConnections: 1 });
  try {
    await migrate(client, MIGRATIONS);
    return await reencryptSecrets(client, from, to);
  } finally {
    await client.close();
  }
}
