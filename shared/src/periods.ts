import type { TimeWindow } from './time-window.js';
import {
  addLocalDays,
  startOfLocalDay,
  startOfLocalMonth,
  startOfLocalWeek,
  utcFromWall,
  localDateParts,
} from './zoned-time.js';

export type BucketSize = 'day' | 'week' | 'month';

/** The sidebar's three periods: today, the last 7 and the last 30 local days (today included). */
export interface DashboardWindows {
  readonly today: TimeWindow;
  readonly last7Days: TimeWindow;
  readonly last30Days: TimeWindow;
}

/** Today, 7 days and 30 days as whole local days in `timeZone`, ending at the end of today. */
export function dashboardWindows(now: number, timeZone: string): DashboardWindows {
  const today = startOfLocalDay(timeZone, now);
  const tomorrow = addLocalDays(timeZone, today, 1);
  return {
    today: { from: today, to: tomorrow },
    last7Days: { from: addLocalDays(timeZone, today, -6), to: tomorrow },
    last30Days: { from: addLocalDays(timeZone, today, -29), to: tomorrow },
  };
}

/**
 * Contiguous local day, week (from Monday) or month buckets covering `[from, to)`. The first
 * and last buckets are cut at `from` and `to`; a bucket over a DST change is 23 or 25 hours
 * longer or shorter, as on a wall clock.
 */
export function bucketWindows(window: TimeWindow, timeZone: string, size: BucketSize): TimeWindow[] {
  const buckets: TimeWindow[] = [];
  let start = window.from;
  while (start < window.to) {
    const next = Math.min(nextBoundary(start, timeZone, size), window.to);
    buckets.push({ from: start, to: next });
    start = next;
  }
  return buckets;
}

function nextBoundary(time: number, timeZone: string, size: BucketSize): number {
  if (size === 'day') return addLocalDays(timeZone, startOfLocalDay(timeZone, time), 1);
  if (size === 'week') return addLocalDays(timeZone, startOfLocalWeek(timeZone, time), 7);
  const { year, month } = localDateParts(timeZone, startOfLocalMonth(timeZone, time));
  return month === 12 ? utcFromWall(timeZone, year + 1, 1, 1, 0) : utcFromWall(timeZone, year, month + 1, 1, 0);
}
