/**
 * `npm start` (or its entry) in a process group of its own, for the end-to-end test and the
 * start benchmark: the URL it prints, its exit, and whether anything it started outlives it.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Runs `command` (npm start, or its entry) on `port` and `dataDir`, and waits for the URL it prints. */
export async function startDemo(
  command: readonly string[],
  dataDir: string,
  port: number,
  env: NodeJS.ProcessEnv = {},
): Promise<Started> {
  const [file, ...args] = command;
  const child = spawn(file!, args, {
    env: { ...process.env, PORT: String(port), FRONTLINE_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, so the test can tell whether anything it started outlives it.
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL after 60 s; stderr:\n${stderr}`)), 60_000);
    child.stdout!.on('data', () => {
      const match = /https?:\/\/\S+/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    void exited.then(({ code }) => reject(new Error(`exited with ${code} before printing a URL; stderr:\n${stderr}`)));
  });
  return { child, url, exited, stderr: () => stderr };
}

/** Whether any process of the group `pgid` is still alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
