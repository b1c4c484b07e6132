import { join } from 'node:path';
import { loadOrCreateSecretKey, parseSecretKey, SecretKey, SecretKeyError } from '../secrets/index.js';
import { PgliteSyncStore } from './pglite-sync-store.js';
import { PostgresSyncStore } from './postgres-sync-store.js';
import type { SyncStore } from './sync-store.js';
import { PGLITE_FOLDER } from './pglite-folder.js';

/** Where the store lives and the key of its credentials, as the environment gives them. */
export interface SyncStoreOptions {
  /** `DATABASE_URL`: PostgreSQL when set, the embedded PGlite otherwise. */
  readonly databaseUrl?: string | undefined;
  /** `FRONTLINE_DATA_DIR`: the embedded database lives in its `pglite` folder. */
  readonly dataDir: string;
  /**
   * `FRONTLINE_SECRET_KEY` (base64 or hex text) or a key. Unset: generated into the data folder
   * when embedded; required with `databaseUrl`, since processes on other hosts share that
   * database and could not share a key file.
   */
  readonly secretKey?: string | SecretKey | undefined;
}

export { PGLITE_FOLDER };

/**
 * The store the options select: PostgreSQL for a `databaseUrl`, else PGlite in the data folder.
 * Does not migrate: call `migrate()` before use.
 */
export async function createSyncStore(options: SyncStoreOptions): Promise<SyncStore> {
  const databaseUrl = options.databaseUrl?.trim() || undefined;
  if (databaseUrl !== undefined) {
    if (options.secretKey === undefined || options.secretKey === '') {
      throw new SecretKeyError('FRONTLINE_SECRET_KEY', 'is not set, and DATABASE_URL needs it');
    }
    return PostgresSyncStore.connect(databaseUrl, await keyOf(options));
  }
  return PgliteSyncStore.open(join(options.dataDir, PGLITE_FOLDER), await keyOf(options));
}

/** The key the options give: parsed, or loaded (or created) in the data folder when embedded. */
export async function keyOf(options: SyncStoreOptions): Promise<SecretKey> {
  const { secretKey } = options;
  if (secretKey instanceof SecretKey) return secretKey;
  if (secretKey === undefined || secretKey === '') return loadOrCreateSecretKey(options.dataDir);
  return parseSecretKey(secretKey);
}
