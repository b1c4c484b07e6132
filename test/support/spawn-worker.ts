import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const WORKER = fileURLToPath(new URL('./worker-process.ts', import.meta.url));

/** One `sync link done` line of a worker's log: a link of a tenant's sync chain it ran. */
export interface SyncLinkDone {
  readonly tenant: string;
  readonly link: number;
  readonly pages: number;
  readonly step: string;
  /** Epoch ms, as the worker logged it. */
  readonly time: number;
}

/** A worker-process.ts child, with the sync links its own log says it ran. */
export interface SpawnedWorker {
  readonly child: ChildProcess;
  /** The process id, as in its log lines. */
  readonly pid: number;
  /** In the order logged; grows while the worker runs. */
  readonly links: SyncLinkDone[];
  /** Resolves once the worker takes jobs. */
  readonly ready: Promise<void>;
  /** SIGKILL, as a crash or an OOM kill would; resolves once the process is gone. */
  kill(): Promise<void>;
}

/**
 * Starts a worker (test/support/worker-process.ts) logging at info level, and reads its JSON log
 * from stderr. Other stderr lines pass through to this process's stderr.
 */
export function spawnWorker(env: NodeJS.ProcessEnv): SpawnedWorker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...env, FRONTLINE_WORKER_LOG_LEVEL: 'info' },
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const links: SyncLinkDone[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      process.stderr.write(`${line}\n`);
      return;
    }
    if (entry['msg'] === 'sync link done') {
      links.push({
        tenant: String(entry['tenant']),
        link: Number(entry['link']),
        pages: Number(entry['pages']),
        step: String(entry['step']),
        time: Number(entry['time']),
      });
    } else if (typeof entry['level'] === 'number' && entry['level'] >= 50) {
      process.stderr.write(`${line}\n`);
    }
  });
  const ready = new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line === 'worker ready') resolve();
    });
    child.once('exit', (code, signal) => reject(new Error(`worker exited (${signal ?? code}) before it was ready`)));
  });
  ready.catch(() => {});
  return {
    child,
    pid: child.pid!,
    links,
    ready,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
