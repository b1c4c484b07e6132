import type { BenchResult } from './bench-result.js';

/** One block per benchmark: its verdict and ratio, then each figure on its own line. */
export function printBenchResult(result: BenchResult): void {
  const verdict = result.pass ? 'ok  ' : 'MISS';
  console.log(`${verdict} ${result.name}: ${result.ratio.toFixed(2)}x the bound (${result.bound})`);
  for (const [name, value] of Object.entries(result.figures)) console.log(`       ${name} = ${value}`);
}
