import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, readEnv, type Env } from '../env.js';
import { loadOrCreateSecretKey, SECRET_KEY_FILE, SecretDecryptionError, SecretKey } from '../secrets/index.js';
import { PGLITE_FOLDER, PgliteSyncStore, PostgresSyncStore, type NewTenant, type SyncStore } from '../store/index.js';
import { rotateSecretKey } from './secrets-command.js';
import { UsageError } from './usage-error.js';

const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

const acme: NewTenant = {
  name: 'acme',
  vendor: 'zendesk',
  baseUrl: 'https://acme.zendesk.com',
  credentials: { kind: 'zendesk-token', email: 'admin@acme.example', token: 'zd-token-31415926' },
  zigpoll: { apiKey: 'zigpoll-key-2718', accountId: 'acct-7' },
};
const globex: NewTenant = {
  name: 'globex',
  vendor: 'freshdesk',
  baseUrl: 'https://globex.freshdesk.com',
  credentials: { kind: 'freshdesk-key', apiKey: 'fd-key-1618' },
  zigpoll: null,
};

/** A database for one test: the environment `frontline` would run with, and stores on it. */
interface Database {
  /** The key the database's secrets are under now (FRONTLINE_SECRET_KEY or the key file). */
  readonly key: SecretKey;
  readonly env: Env;
  open(key: SecretKey): Promise<SyncStore>;
  dispose(): Promise<void>;
}

/** The embedded store with its generated key file, as `npm start` leaves it. */
async function embedded(): Promise<Database> {
  const dir = await mkdtemp(join(tmpdir(), 'frontline-rotate-'));
  const key = await loadOrCreateSecretKey(dir);
  return {
    key,
    env: readEnv({ FRONTLINE_DATA_DIR: dir }),
    open: async (k) => PgliteSyncStore.open(join(dir, PGLITE_FOLDER), k),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** PostgreSQL in a fresh schema, the key in FRONTLINE_SECRET_KEY. */
async function postgres(): Promise<Database> {
  const schema = `frontline_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(DATABASE_URL);
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const key = SecretKey.generate();
  return {
    key,
    env: readEnv({ DATABASE_URL: url.toString(), FRONTLINE_SECRET_KEY: key.toBase64() }),
    open: async (k) => PostgresSyncStore.connect(url.toString(), k, { maxConnections: 2 }),
    dispose: async () => {
      try {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** Runs `fn` on a store opened with `key` (the embedded store allows one open at a time). */
async function withStore<T>(db: Database, key: SecretKey, fn: (store: SyncStore) => Promise<T>): Promise<T> {
  const store = await db.open(key);
  try {
    await store.migrate();
    return await fn(store);
  } finally {
    await store.close();
  }
}

describe.each([
  ['the embedded store (PGlite, key file)', embedded],
  ['PostgreSQL (FRONTLINE_SECRET_KEY)', postgres],
])('frontline secrets rotate on %s', (_name, openDatabase) => {
  let db: Database;

  beforeEach(async () => {
    db = await openDatabase();
  });
  afterEach(() => db.dispose());

  it('re-encrypts every stored secret with the new key, which alone reads them afterwards', async () => {
    await withStore(db, db.key, async (store) => {
      await store.addTenant(acme);
      await store.addTenant(globex);
      await store.updateAccess('acme', { webhookSecrets: ['whsec-1', 'whsec-2'] });
      await store.updateAccess('globex', { appSecret: 'app-secret-42' });
    });
    const newKey = SecretKey.generate();

    const rotation = await rotateSecretKey(db.env, newKey.toBase64());

    expect(rotation.tenants).toBe(2);
    await withStore(db, newKey, async (store) => {
      const a = await store.getTenant('acme');
      expect(a?.credentials).toEqual(acme.credentials);
      expect(a?.zigpoll).toEqual(acme.zigpoll);
      expect(a?.access.webhookSecrets).toEqual(['whsec-1', 'whsec-2']);
      const g = await store.getTenant('globex');
      expect(g?.credentials).toEqual(globex.credentials);
      expect(g?.access.appSecret).toBe('app-secret-42');
    });
    await withStore(db, db.key, async (store) => {
      await expect(store.getTenant('acme')).rejects.toBeInstanceOf(SecretDecryptionError);
    });
    if (db.env.secretKey === null) {
      const file = join(db.env.dataDir, SECRET_KEY_FILE);
      expect(rotation.keyFile).toBe(file);
      expect((await readFile(file, 'utf8')).trim()).toBe(newKey.toBase64());
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    } else {
      expect(rotation.keyFile).toBeNull();
    }
  });

  it('changes nothing when one secret does not decrypt with the key in use', async () => {
    await withStore(db, db.key, (store) => store.addTenant(acme));
    // globex's credentials were stored under another key: the rotation must not half-happen.
    const stray = SecretKey.generate();
    await withStore(db, stray, (store) => store.addTenant(globex));
    const newKey = SecretKey.generate();

    const failure = rotateSecretKey(db.env, newKey.toBase64());

    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/cannot decrypt the credentials of tenant "globex".*nothing was changed/);
    await withStore(db, db.key, async (store) => {
      expect((await store.getTenant('acme'))?.credentials).toEqual(acme.credentials);
    });
    if (db.env.secretKey === null) {
      expect((await readFile(join(db.env.dataDir, SECRET_KEY_FILE), 'utf8')).trim()).toBe(db.key.toBase64());
    }
  });

  it('refuses a malformed new key or the key in use, without repeating it', async () => {
    await expect(rotateSecretKey(db.env, 'not-a-key')).rejects.toThrow(UsageError);
    await expect(rotateSecretKey(db.env, 'not-a-key')).rejects.not.toThrow(/not-a-key/);
    await expect(rotateSecretKey(db.env, db.key.toBase64())).rejects.toThrow(/--new-key is the key in use/);
  });
});
