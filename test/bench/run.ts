/**
 * Runs the cross-package benchmarks one after the other, each in a process of its own (so one's
 * memory never counts against the next), and prints each one's figures and its ratio to its
 * bound. Exits 1 when one misses its bound or fails to run.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './bench-result.js';

/** Each file with the arguments it takes. */
const BENCHES: [string, ...string[]][] = [
  ['./backfill-throughput.bench.ts'],
  ['./recent-view.bench.ts', 'zendesk'],
  ['./recent-view.bench.ts', 'freshdesk'],
  ['./backfill-memory.bench.ts'],
  ['./dashboard-latency.bench.ts'],
  ['./store-served-api.bench.ts'],
  ['./throttle-cost.bench.ts'],
  ['./event-to-sidebar.bench.ts', 'zendesk'],
  ['./event-to-sidebar.bench.ts', 'freshdesk'],
  ['./sidebar-load.bench.ts'],
  ['./worker-scaling.bench.ts'],
  ['./start-to-preview.bench.ts'],
  ['./demo-restart.bench.ts'],
  ['./connect-to-numbers.bench.ts'],
];
const TEST_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Runs one benchmark file; its stdout's last line is its result as JSON. Its stderr passes through. */
function runBench(file: string, args: readonly string[]): Promise<BenchResult> {
  const path = fileURLToPath(new URL(file, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], {
      cwd: TEST_DIR,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => void (stdout += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${file} exited with ${signal ?? `code ${code}`}`));
      try {
        resolve(JSON.parse(last) as BenchResult);
      } catch {
        reject(new Error(`${file} printed no result line (last line: ${JSON.stringify(last.slice(0, 200))})`));
      }
    });
  });
}

let failed = 0;
for (const [file, ...args] of BENCHES) {
  let result: BenchResult;
  try {
    result = await runBench(file, args);
  } catch (error) {
    console.log(`MISS ${file}: ${error instanceof Error ? error.message : String(error)}`);
    failed++;
    continue;
  }
  console.log(
    `${result.pass ? 'ok  ' : 'MISS'} ${result.name}: ${result.ratio.toFixed(2)}x the bound (${result.bound})`,
  );
  for (const [name, value] of Object.entries(result.figures)) console.log(`       ${name} = ${value}`);
  if (!result.pass) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
