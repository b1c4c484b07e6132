import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockFolder } from './folder-lock.js';
import { StoreInUseError } from './store-in-use-error.js';

describe('lockFolder', () => {
  let dir: string;
  let lockPath: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'frontline-folder-lock-'));
    lockPath = join(dir, 'pglite.lock');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const holder = (pid: number, host = hostname()) =>
    writeFile(lockPath, JSON.stringify({ pid, host, since: '2026-12-01T08:00:00.000Z' }));

  it('holds the folder until released, writing who holds it', async () => {
    const lock = await lockFolder(lockPath, join(dir, 'pglite'));
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await expect(lockFolder(lockPath, join(dir, 'pglite'))).rejects.toThrow(StoreInUseError);
    await lock.release();
    const again = await lockFolder(lockPath, join(dir, 'pglite'));
    await again.release();
  });

  it('takes over the lock of a process that is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    await holder(Number(gone.stdout.trim()));
    const lock = await lockFolder(lockPath, join(dir, 'pglite'));
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it("takes over a predecessor's lock that names this very pid (a container's pid 1 after a restart)", async () => {
    await holder(process.pid);
    const lock = await lockFolder(lockPath, join(dir, 'pglite'));
    await lock.release();
  });

  it('refuses a live process, naming it and what to do', async () => {
    await holder(process.ppid);
    await expect(lockFolder(lockPath, '/data/pglite')).rejects.toThrow(
      `the embedded store in /data/pglite is in use by process ${process.ppid} on ${hostname()} (since 2026-12-01T08:00:00.000Z): stop that process first, or set DATABASE_URL so that several processes share PostgreSQL (if no Frontline process is running, delete ${lockPath})`,
    );
  });

  it('never takes a lock held on another host, or one it cannot read', async () => {
    await holder(12345, 'another-host');
    await expect(lockFolder(lockPath, '/data/pglite')).rejects.toThrow('in use by process 12345 on another-host');
    await writeFile(lockPath, 'not json');
    await expect(lockFolder(lockPath, '/data/pglite')).rejects.toThrow('in use by another process');
  });
});
