import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretDecryptionError, SecretKey, SecretKeyError, SECRET_KEY_FILE } from '../secrets/index.js';
import { createSyncStore, PGLITE_FOLDER } from './create-sync-store.js';
import { PgliteSyncStore } from './pglite-sync-store.js';
import { PostgresSyncStore } from './postgres-sync-store.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'frontline-data-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const tenant = {
  name: 'acme',
  vendor: 'zendesk',
  baseUrl: 'https://acme.zendesk.com',
  credentials: { kind: 'zendesk-oauth', accessToken: 'oauth-secret' },
  zigpoll: null,
} as const;

describe('createSyncStore', () => {
  it('embeds PGlite in the data folder with a generated key, and finds both again', async () => {
    const store = await createSyncStore({ dataDir });
    expect(store).toBeInstanceOf(PgliteSyncStore);
    await store.migrate();
    await store.addTenant(tenant);
    await store.close();
    expect((await readdir(dataDir)).sort()).toEqual([PGLITE_FOLDER, SECRET_KEY_FILE]);

    const reopened = await createSyncStore({ dataDir, databaseUrl: '' });
    try {
      await reopened.migrate();
      expect((await reopened.getTenant('acme'))?.credentials).toEqual(tenant.credentials);
    } finally {
      await reopened.close();
    }

    const wrongKey = await createSyncStore({ dataDir, secretKey: SecretKey.generate().toBase64() });
    try {
      await expect(wrongKey.getTenant('acme')).rejects.toThrow(SecretDecryptionError);
    } finally {
      await wrongKey.close();
    }
  }, 60_000);

  it('uses PostgreSQL for a database URL, with the key given', async () => {
    const store = await createSyncStore({
      dataDir,
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
      secretKey: SecretKey.generate(),
    });
    expect(store).toBeInstanceOf(PostgresSyncStore);
    await store.close();
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('requires FRONTLINE_SECRET_KEY with a database URL', async () => {
    const attempt = createSyncStore({ dataDir, databaseUrl: 'postgres://postgres@127.0.0.1:5432/test' });
    await expect(attempt).rejects.toThrow(SecretKeyError);
    await expect(createSyncStore({ dataDir, databaseUrl: 'postgres://postgres@127.0.0.1:5432/test' })).rejects.toThrow(
      /FRONTLINE_SECRET_KEY is not set.*openssl rand -base64 32/,
    );
  });

  it('refuses a malformed FRONTLINE_SECRET_KEY', async () => {
    await expect(createSyncStore({ dataDir, secretKey: 'short' })).rejects.toThrow(/FRONTLINE_SECRET_KEY/);
  });
});
