/**
 * The `frontline` CLI as a child process, timed from spawn to exit, run from the compiled build
 * (connector/dist) or from the TypeScript sources through tsx (`FRONTLINE_FROM_SOURCES=1`).
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/frontline.js', import.meta.url));

/** How the bin runs the CLI. */
export type CliMode = 'compiled' | 'tsx';

export const CLI_MODES: readonly CliMode[] = ['compiled', 'tsx'];

export function cliEnv(mode: CliMode, env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...env, FRONTLINE_FROM_SOURCES: mode === 'tsx' ? '1' : undefined };
}

/** Wall time of one run, spawn to exit, in ms; throws with its stderr when it fails. */
export function timeCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const err: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve(ms);
      else reject(new Error(`frontline ${args.join(' ')} exited with ${code}: ${Buffer.concat(err).toString('utf8')}`));
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** Resident memory of a process in MB, from /proc (Linux); null elsewhere. */
export async function residentMb(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kb = status?.match(/^VmRSS:\s+(\d+) kB$/m)?.[1];
  return kb === undefined ? null : Math.round(Number(kb) / 102.4) / 10;
}

/** CPU time (user and system) a process has used so far in seconds, from /proc (Linux); null elsewhere. */
export async function cpuSeconds(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  // Fields after the command name (which may hold spaces, hence the last ')'): utime, stime are 14 and 15.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields === undefined) return null;
  // In clock ticks: 100 a second (USER_HZ) on Linux.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
