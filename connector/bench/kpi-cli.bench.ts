/**
 * End-to-end time of `frontline kpi` on a 100,000-ticket Zendesk export: a child process, as a
 * user runs it, from start to the JSON on stdout. Bound: 5 seconds.
 * Run alone: `npx tsx connector/bench/kpi-cli.bench.ts` (prints one JSON line).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './bench-result.js';
import { generateZendeskExport, type ZendeskExportSize } from './generate-zendesk-export.js';

const BIN = fileURLToPath(new URL('../bin/frontline.js', import.meta.url));
const BOUND_MS = 5000;
const RUNS = 3;

const SIZE: ZendeskExportSize = {
  pages: 100,
  ticketsPerPage: 1000,
  ratingPages: 250,
  ratingsPerPage: 100,
  agents: 40,
  requesters: 40_000,
  from: Date.parse('2025-01-01T00:00:00Z'),
  to: Date.parse('2026-01-01T00:00:00Z'),
  seed: 20_260_101,
};

interface CliRun {
  readonly ms: number;
  readonly stdout: string;
}

function runCli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, stdout: Buffer.concat(out).toString('utf8') });
      else reject(new Error(`frontline kpi exited with ${code}: ${Buffer.concat(err).toString('utf8')}`));
    });
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** Generates the export, runs the CLI {@link RUNS} times and reports the median wall time against 5 s. */
export async function benchKpiCli(): Promise<BenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'frontline-bench-kpi-'));
  try {
    const generated = await generateZendeskExport(dir, SIZE);
    const args = [
      'kpi',
      '--vendor',
      'zendesk',
      '--input',
      dir,
      '--from',
      '2025-01-01',
      '--to',
      '2026-01-01',
      '--now',
      '2026-03-01T00:00:00Z',
    ];
    const runs: CliRun[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await runCli(args));
    const report = JSON.parse(runs[0]?.stdout ?? '{}') as { team?: { solved?: { value?: number } }; agents?: object };
    const ms = median(runs.map((r) => r.ms));
    return {
      name: 'connector: frontline kpi, 100k-ticket Zendesk export, end to end',
      figures: {
        tickets: generated.tickets,
        ratings: generated.ratings,
        files: generated.files,
        export_mb: Math.round(generated.bytes / 1e5) / 10,
        median_seconds: Math.round(ms) / 1000,
        runs_seconds: runs.map((r) => (r.ms / 1000).toFixed(2)).join(' '),
        team_solved: report.team?.solved?.value ?? 'missing',
        agents: Object.keys(report.agents ?? {}).length,
      },
      bound: '< 5 s end to end',
      ratio: Math.round((BOUND_MS / ms) * 100) / 100,
      pass: ms <= BOUND_MS,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchKpiCli()));
}
