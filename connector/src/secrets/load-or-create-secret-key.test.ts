import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecretKey, SECRET_KEY_FILE } from './load-or-create-secret-key.js';
import { SecretKeyError } from './secret-key-error.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'frontline-secrets-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadOrCreateSecretKey', () => {
  it('creates a key file readable by its owner only', async () => {
    const dataDir = join(dir, 'nested', 'data');
    await loadOrCreateSecretKey(dataDir);
    const info = await stat(join(dataDir, SECRET_KEY_FILE));
    expect(info.mode & 0o777).toBe(0o600);
  });

  it('returns the same key on the next start', async () => {
    const first = await loadOrCreateSecretKey(dir);
    const second = await loadOrCreateSecretKey(dir);
    expect(second.toBase64()).toBe(first.toBase64());
  });

  it('gives every process starting at once the same key', async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateSecretKey(dir)));
    expect(new Set(keys.map((key) => key.toBase64())).size).toBe(1);
    expect(await readdir(dir)).toEqual([SECRET_KEY_FILE]);
  });

  it('refuses a damaged key file, naming the file', async () => {
    await writeFile(join(dir, SECRET_KEY_FILE), 'not a key\n');
    await expect(loadOrCreateSecretKey(dir)).rejects.toThrow(SecretKeyError);
    await expect(loadOrCreateSecretKey(dir)).rejects.toThrow(join(dir, SECRET_KEY_FILE));
  });
});
