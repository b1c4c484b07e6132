/**
 * Runs each benchmark of this package in its own process (so one's heap does not weigh on the
 * next) and prints its figures and its ratio against its bound. Exits non-zero if one misses.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './bench-result.js';
import { printBenchResult } from './print-bench-result.js';

// Node flags per benchmark: the engine bound is for one core, so V8 gets no helper threads.
const BENCHES: { file: string; flags: string[] }[] = [
  { file: 'kpi-engine.bench.ts', flags: ['--expose-gc', '--single-threaded', '--max-old-space-size=4096'] },
  { file: 'business-hours.bench.ts', flags: ['--single-threaded'] },
];

let failed = 0;
for (const { file, flags } of BENCHES) {
  const path = fileURLToPath(new URL(file, import.meta.url));
  const output = execFileSync(process.execPath, [...flags, '--import', 'tsx', path], { encoding: 'utf8' });
  const result = JSON.parse(output.trim().split('\n').at(-1)!) as BenchResult;
  printBenchResult(result);
  if (!result.pass) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
