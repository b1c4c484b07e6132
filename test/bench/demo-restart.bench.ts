/**
 * `npm start` after 24 simulated hours of demo traffic: a data folder whose demo helpdesks ran
 * live for the last day (its journal says so; the first start replays that day and syncs it, as
 * the store would have kept up with it live), then a restart, timed from the command to both
 * sidebars' numbers. The same after a minute of traffic, for comparison; and the tickets the
 * store holds after the day, which the demo's window keeps bounded. Bound: restart 10 s.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEnv } from '@frontline/connector/env';
import { openRuntime } from '@frontline/connector/main';
import { writeJournal } from '@frontline/demo/journal';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../browser/chromium.js';
import type { BenchResult } from './bench-result.js';
import { timeToNumbers } from './demo-numbers.js';

const BOUND_S = 10;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Tickets in the store of `dataDir` (all tenants), and those not removed. */
async function storedTickets(dataDir: string): Promise<{ rows: number; shown: number }> {
  const runtime = await openRuntime(readEnv({ FRONTLINE_DATA_DIR: dataDir, LOG_LEVEL: 'error' }));
  try {
    let rows = 0;
    let shown = 0;
    for (const tenant of await runtime.store.listTenants()) {
      const { tickets } = await runtime.store.loadHistory(tenant.id);
      rows += tickets.length;
      shown += tickets.filter((t) => !t.removed).length;
    }
    return { rows, shown };
  } finally {
    await runtime.close();
  }
}

/** First start and restart of a data folder whose helpdesks ran live for `liveMs` up to now. */
async function afterTraffic(browser: Browser, liveMs: number) {
  const dataDir = await mkdtemp(join(tmpdir(), 'frontline-restart-bench-'));
  try {
    const anchor = Date.now() - liveMs - 2 * MINUTE_MS;
    await writeJournal(dataDir, {
      version: 2,
      seed: 4242,
      anchor,
      runs: [{ from: anchor + MINUTE_MS, to: anchor + MINUTE_MS + liveMs }],
    });
    const first = await timeToNumbers(browser, dataDir);
    const restart = await timeToNumbers(browser, dataDir);
    return { first, restart, store: await storedTickets(dataDir) };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function benchDemoRestart(): Promise<BenchResult> {
  const browser = await launchChromium();
  try {
    const minute = await afterTraffic(browser, MINUTE_MS);
    const day = await afterTraffic(browser, DAY_MS);
    return {
      name: 'npm start after 24 simulated hours of demo traffic: restart to both sidebars’ numbers',
      figures: {
        'restart after a day s': Number(day.restart.toFixed(1)),
        'restart after a minute s': Number(minute.restart.toFixed(1)),
        'first start after a day s': Number(day.first.toFixed(1)),
        'stored tickets after a day': day.store.shown,
        'stored tickets after a minute': minute.store.shown,
        'stored rows after a day (removed included)': day.store.rows,
      },
      bound: `<= ${BOUND_S} s`,
      ratio: Number((BOUND_S / day.restart).toFixed(2)),
      pass: day.restart <= BOUND_S,
    };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await benchDemoRestart())}\n`);
}
