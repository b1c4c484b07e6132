import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hostname } from 'node:os';
import { StoreInUseError } from './store-in-use-error.js';

/** Who holds a lock: written into the lock file (never the command line: it may carry secrets). */
interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

export interface FolderLock {
  release(): Promise<void>;
}

/** Lock files this process holds: a file naming our own pid but not in here is a predecessor's. */
const held = new Set<string>();

/**
 * Takes `lockPath` for this process, or throws {@link StoreInUseError} naming the process that
 * holds it. The file appears whole or not at all (written aside, then hard-linked into place,
 * which fails when it exists). A lock whose process is gone, such as after a crash or SIGKILL, is
 * taken over; one held on another host is never taken, since its process cannot be checked.
 */
export async function lockFolder(lockPath: string, folder: string): Promise<FolderLock> {
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const aside = `${lockPath}.${randomUUID()}`;
  await mkdir(dirname(lockPath), { recursive: true });
  await writeFile(aside, `${JSON.stringify(me)}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(aside, lockPath);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      }
      const holder = await readHolder(lockPath);
      if (holder !== null && !isStale(holder, lockPath)) throw inUse(holder, lockPath, folder);
      await unlink(lockPath).catch(ignoreMissing);
    }
  } finally {
    await unlink(aside).catch(ignoreMissing);
  }
  held.add(lockPath);
  return {
    async release() {
      if (!held.delete(lockPath)) return;
      await unlink(lockPath).catch(ignoreMissing);
    },
  };
}

/** The holder written in the file; null when it vanished meanwhile or is not one of ours. */
async function readHolder(lockPath: string): Promise<Holder | null> {
  let text: string;
  try {
    text = await readFile(lockPath, 'utf8');
  } catch (error) {
    ignoreMissing(error);
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.since === 'string') {
      return value as Holder;
    }
  } catch {
    // Not JSON: treated as a holder nobody can check, below.
  }
  return { pid: 0, host: 'an unknown host', since: 'an unknown time' };
}

function isStale(holder: Holder, lockPath: string): boolean {
  if (holder.host !== hostname() || holder.pid <= 0) return false;
  // Our own pid, not taken by us: a predecessor with the same pid (a container's pid 1).
  if (holder.pid === process.pid) return !held.has(lockPath);
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function inUse(holder: Holder, lockPath: string, folder: string): StoreInUseError {
  const who = holder.pid > 0 ? `process ${holder.pid} on ${holder.host} (since ${holder.since})` : 'another process';
  return new StoreInUseError(
    `the embedded store in ${folder} is in use by ${who}: stop that process first, or set DATABASE_URL so that several processes share PostgreSQL (if no Frontline process is running, delete ${lockPath})`,
  );
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
