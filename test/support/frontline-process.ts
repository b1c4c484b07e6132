import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../connector/bin/frontline.js', import.meta.url));

/** A `frontline` process started by a test, in a process group of its own. */
export interface FrontlineProcess {
  readonly child: ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves once stderr has a line containing `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code once the process ended, or rejects after `timeoutMs`. */
  exited(timeoutMs?: number): Promise<number | null>;
  /** True while any process of its group is alive: what it left running. */
  groupAlive(): boolean;
  /** SIGKILL to the whole group. */
  kill(): Promise<void>;
}

/** Starts `frontline ...args` as the operator would, with `env` as its whole environment. */
export function startFrontline(args: readonly string[], env: NodeJS.ProcessEnv): FrontlineProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env['PATH'], ...env },
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let text = '';
  const waiters = new Set<() => void>();
  child.stderr!.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const check of waiters) check();
  });
  const ended = once(child, 'exit').then(([code]) => code as number | null);
  const alive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  return {
    child,
    stderr: () => text,
    waitFor(wanted, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no "${wanted}" on stderr within ${timeoutMs} ms; it said:\n${text}`));
        }, timeoutMs);
        const check = () => {
          if (!text.includes(wanted)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    exited(timeoutMs = 30_000) {
      let timer: NodeJS.Timeout | undefined;
      return Promise.race([
        ended,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`frontline ${args.join(' ')} still running after ${timeoutMs} ms:\n${text}`)),
            timeoutMs,
          );
        }),
      ]).finally(() => clearTimeout(timer));
    },
    groupAlive: alive,
    async kill() {
      if (alive()) process.kill(-child.pid!, 'SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await ended;
    },
  };
}

/** Runs `frontline ...args` to its end: its exit code, stderr, and how long it took. */
export async function runFrontline(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
): Promise<{
  readonly code: number | null;
  readonly stderr: string;
  readonly ms: number;
  readonly leftRunning: boolean;
}> {
  const started = Date.now();
  const run = startFrontline(args, env);
  try {
    const code = await run.exited(timeoutMs);
    return { code, stderr: run.stderr(), ms: Date.now() - started, leftRunning: run.groupAlive() };
  } finally {
    await run.kill();
  }
}
