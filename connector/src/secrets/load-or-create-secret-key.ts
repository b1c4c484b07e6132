import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSecretKey } from './parse-secret-key.js';
import { SecretKey } from './secret-key.js';

/** The key file's name inside the data folder. */
export const SECRET_KEY_FILE = 'secret-key';

/**
 * The embedded default's key: read from `<dataDir>/secret-key`, or generated and written there
 * (mode 0600) on first use when FRONTLINE_SECRET_KEY is unset. Safe when two processes start at
 * once: the file appears complete or not at all, and the loser of the race reads the winner's.
 */
export async function loadOrCreateSecretKey(dataDir: string): Promise<SecretKey> {
  const path = join(dataDir, SECRET_KEY_FILE);
  const existing = await readKeyFile(path);
  if (existing !== null) return existing;

  await mkdir(dataDir, { recursive: true });
  const key = SecretKey.generate();
  // Written whole under a private name, then linked into place: link() fails if the name exists,
  // so no process ever reads a half-written key or overwrites another's.
  const temporary = join(dataDir, `.${SECRET_KEY_FILE}.${process.pid}.${randomBytes(6).toString('hex')}`);
  await writeFile(temporary, `${key.toBase64()}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
    return key;
  } catch (error) {
    if (!isCode(error, 'EEXIST')) throw error;
    const winner = await readKeyFile(path);
    if (winner === null) throw error;
    return winner;
  } finally {
    await rm(temporary, { force: true });
  }
}

async function readKeyFile(path: string): Promise<SecretKey | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return null;
    throw error;
  }
  return parseSecretKey(text, `the key file ${path}`);
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
