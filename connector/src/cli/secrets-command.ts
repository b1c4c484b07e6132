import { randomBytes } from 'node:crypto';
import { access, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ConfigError, type Env } from '../env.js';
import {
  loadOrCreateSecretKey,
  parseSecretKey,
  SECRET_KEY_FILE,
  SecretDecryptionError,
  SecretKeyError,
  type SecretKey,
} from '../secrets/index.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage-error.js';

interface RotateOptions {
  readonly newKey: string;
}

/** What a rotation did. */
export interface Rotation {
  readonly tenants: number;
  /** The embedded key file now holding the new key; null when the key comes from FRONTLINE_SECRET_KEY. */
  readonly keyFile: string | null;
}

/** The key in use: FRONTLINE_SECRET_KEY, or the embedded store's key file (which must exist). */
async function currentKey(env: Env): Promise<SecretKey> {
  // readEnv has already refused a malformed FRONTLINE_SECRET_KEY.
  if (env.secretKey !== null) return parseSecretKey(env.secretKey);
  const file = join(env.dataDir, SECRET_KEY_FILE);
  await access(file).catch(() => {
    throw new UsageError(`no key to rotate: FRONTLINE_SECRET_KEY is unset and ${file} does not exist`);
  });
  return loadOrCreateSecretKey(env.dataDir);
}

/** Replaces the key file whole (written under a private name, then renamed over), mode 0600. */
async function replaceKeyFile(dataDir: string, key: SecretKey): Promise<string> {
  const path = join(dataDir, SECRET_KEY_FILE);
  const temporary = join(dataDir, `.${SECRET_KEY_FILE}.${process.pid}.${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(temporary, `${key.toBase64()}\n`, { mode: 0o600, flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Error(
      `the secrets are now under the new key, but ${path} could not be replaced: write the new key into it ` +
        '(or set FRONTLINE_SECRET_KEY to it) before starting Frontline',
      { cause: error },
    );
  }
  return path;
}

/**
 * Re-encrypts every stored secret with `newKeyText` in one transaction (a wrong current key
 * changes nothing), then, for the embedded store without FRONTLINE_SECRET_KEY, puts the new key
 * into the data folder's key file.
 */
export async function rotateSecretKey(env: Env, newKeyText: string): Promise<Rotation> {
  let newKey: SecretKey;
  try {
    newKey = parseSecretKey(newKeyText, '--new-key');
  } catch (error) {
    if (error instanceof SecretKeyError) throw new UsageError(error.message);
    throw error;
  }
  const oldKey = await currentKey(env);
  if (oldKey.toBase64() === newKey.toBase64()) throw new UsageError('--new-key is the key in use: give a new one');
  // The database drivers load only for this command.
  const { rotateStoredSecrets } = await import('../store/rotate-secret-key.js');
  if (env.databaseUrl !== null) await (await import('../reach-services.js')).reachPostgres(env.databaseUrl);
  let tenants: number;
  try {
    tenants = await rotateStoredSecrets(
      { databaseUrl: env.databaseUrl ?? undefined, dataDir: env.dataDir },
      oldKey,
      newKey,
    );
  } catch (error) {
    if (error instanceof SecretDecryptionError) throw new ConfigError(`${error.message}; nothing was changed`);
    throw error;
  }
  const keyFile = env.secretKey === null ? await replaceKeyFile(env.dataDir, newKey) : null;
  return { tenants, keyFile };
}

/** Adds `frontline secrets rotate --new-key KEY`. */
export function registerSecretsCommand(program: Command, io: CliIo, readConfig: () => Env): void {
  program
    .command('secrets')
    .description('manage the key that encrypts stored credentials')
    .command('rotate')
    .description('re-encrypt every stored secret with a new key, in one transaction (stop serve and workers first)')
    .requiredOption('--new-key <key>', 'the new key: 32 bytes, base64 or hex (`openssl rand -base64 32`)')
    .action(async (options: RotateOptions) => {
      const env = readConfig();
      const { tenants, keyFile } = await rotateSecretKey(env, options.newKey);
      io.stdout(`re-encrypted the stored secrets of ${tenants} tenant${tenants === 1 ? '' : 's'} with the new key\n`);
      io.stdout(
        keyFile === null
          ? 'now set FRONTLINE_SECRET_KEY to the new key for every frontline serve and worker, and restart them\n'
          : `the new key is in ${keyFile}\n`,
      );
      io.stdout('session tokens signed with the old key no longer work: the sidebars sign in again\n');
    });
}
