/**
 * From `npm start` to the preview serving numbers, on a warm install: the real `npm start`
 * (which packs the apps first; turbo finds them built) in a process of its own, the printed URL
 * opened in Chromium at once, the clock stopped when both sidebars show their KPIs. Measured on
 * an empty data folder (first start: the demo tenants sync from nothing) and again on the data it
 * left (a restart). Bound: 15 s for each.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../browser/chromium.js';
import type { BenchResult } from './bench-result.js';
import { timeToNumbers } from './demo-numbers.js';

const BOUND_S = 15;

export async function benchStartToPreview(): Promise<BenchResult> {
  const browser = await launchChromium();
  const dataDir = await mkdtemp(join(tmpdir(), 'frontline-start-bench-'));
  try {
    const first = await timeToNumbers(browser, dataDir);
    const restart = await timeToNumbers(browser, dataDir);
    const worst = Math.max(first, restart);
    return {
      name: 'npm start: from the command to the preview showing both sidebars’ numbers (warm install)',
      figures: { 'first start s': Number(first.toFixed(1)), 'restart s': Number(restart.toFixed(1)) },
      bound: `<= ${BOUND_S} s`,
      ratio: Number((BOUND_S / worst).toFixed(2)),
      pass: worst <= BOUND_S,
    };
  } finally {
    await browser.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await benchStartToPreview())}\n`);
}
