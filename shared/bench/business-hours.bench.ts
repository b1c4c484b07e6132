/**
 * Throughput of `BusinessClock.minutesBetween` on a New York schedule with holidays and a late
 * shift, over random windows of up to 30 days spread across 2025-2026.
 */

import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createBusinessClock, weeklyInterval } from '../src/business-hours.js';
import type { BusinessSchedule } from '../src/model.js';
import type { BenchResult } from './bench-result.js';

const BOUND_PER_SECOND = 1_000_000;
const CALLS = 2_000_000;
const WARM_UP_CALLS = 200_000;
const RUNS = 5;
const DAY_MS = 86_400_000;
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2027, 0, 1);

// US federal holidays with their observed dates, so the clock has ~12 closed days a year to cut out.
// prettier-ignore
const HOLIDAYS = [
  '2025-01-01', '2025-01-20', '2025-02-17', '2025-05-26', '2025-06-19', '2025-07-04',
  '2025-09-01', '2025-10-13', '2025-11-11', '2025-11-27', '2025-11-28', '2025-12-25',
  '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03',
  '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-11-27', '2026-12-25',
  '2027-01-01', '2027-01-18', '2027-02-15', '2027-05-31', '2027-06-18', '2027-07-05',
];

const SCHEDULE: BusinessSchedule = {
  timeZone: 'America/New_York',
  intervals: [
    ...[0, 1, 2, 3, 4].map((day) => weeklyInterval(day, '09:00', '17:00')),
    weeklyInterval(4, '22:00', '02:00'),
  ],
  holidays: HOLIDAYS,
};

/** mulberry32: a fixed seed makes every run time the same windows. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function randomWindows(count: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const windows = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    const a = Math.floor(FROM + random() * (TO - FROM));
    windows[2 * i] = a;
    windows[2 * i + 1] = a + Math.floor(random() * 30 * DAY_MS);
  }
  return windows;
}

function sumMinutes(clock: ReturnType<typeof createBusinessClock>, windows: Float64Array): number {
  let total = 0;
  for (let i = 0; i < windows.length; i += 2) {
    total += clock.minutesBetween(windows[i] ?? 0, windows[i + 1] ?? 0);
  }
  return total;
}

/** Times `minutesBetween` over 2,000,000 random windows and holds the median run to 1,000,000 calls/s. */
export async function benchBusinessHours(): Promise<BenchResult> {
  const clock = createBusinessClock(SCHEDULE);
  sumMinutes(clock, randomWindows(WARM_UP_CALLS, 7));
  const windows = randomWindows(CALLS, 42);
  const rates: number[] = [];
  let checksum = 0;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    checksum = sumMinutes(clock, windows);
    rates.push(CALLS / ((performance.now() - started) / 1000));
  }
  rates.sort((x, y) => x - y);
  const median = rates[Math.floor(RUNS / 2)] ?? 0;
  const ratio = median / BOUND_PER_SECOND;
  return {
    name: 'business-hours',
    figures: {
      calls: CALLS,
      runs: RUNS,
      intervalsPerSecond: Math.round(median),
      bestIntervalsPerSecond: Math.round(rates[RUNS - 1] ?? 0),
      meanBusinessMinutes: Number((checksum / CALLS).toFixed(3)),
    },
    bound: '>= 1,000,000 minutesBetween calls/s on one core',
    ratio: Number(ratio.toFixed(2)),
    pass: ratio >= 1,
  };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void benchBusinessHours().then((result) => console.log(JSON.stringify(result)));
}
