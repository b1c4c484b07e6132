/**
 * Business minutes under a weekly schedule with holidays (KPIS.md, "Business hours").
 *
 * The open set is each weekly interval placed on every local date at its wall-clock times in the
 * schedule's zone, minus the whole local day of every holiday. Minutes are real elapsed minutes, so
 * DST moves intervals as a wall clock does and business minutes never exceed calendar minutes.
 */

import type { BusinessSchedule } from './model.js';
import { isValidTimeZone, localDateParts, utcFromWall } from './zoned-time.js';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
const WEEK_MINUTES = 10_080;
/** A week-long interval starting late on its date reaches 8 dates ahead; one more covers DST. */
const LOOKBACK_DAYS = 9;
/** Date's range minus a margin, so local dates near the ends stay representable. */
const MAX_TIME = 8.64e15 - 30 * 86_400_000;

/** One open interval of a week, in wall-clock minutes from Monday 00:00. */
export type WeeklyInterval = BusinessSchedule['intervals'][number];

/** Counts business minutes under one schedule. */
export interface BusinessClock {
  /** Business minutes of `[a, b)` (epoch milliseconds); 0 when `b <= a`; not rounded. */
  minutesBetween(a: number, b: number): number;
}

interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
}

/** Open minutes of one weekday relative to that date's local midnight; `end` may pass 1440. */
interface DailyInterval {
  readonly start: number;
  readonly end: number;
}

interface Plan {
  readonly timeZone: string;
  readonly byWeekday: readonly (readonly DailyInterval[])[];
  readonly holidaysByYear: ReadonlyMap<number, readonly CivilDate[]>;
}

/** The open intervals of one local year as sorted, disjoint UTC `[start, end)` pairs. */
interface YearChunk {
  readonly year: number;
  readonly from: number;
  readonly to: number;
  readonly spans: readonly (readonly [number, number])[];
}

function civilDate(year: number, month: number, day: number): CivilDate {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: (date.getUTCDay() + 6) % 7,
  };
}

function parseClockTime(value: string, role: 'start' | 'end'): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  const latest = role === 'end' ? DAY_MINUTES : DAY_MINUTES - 1;
  if (!match || Number(match[2]) > 59 || !(minutes <= latest)) {
    const range = role === 'end' ? '"00:00" to "24:00"' : '"00:00" to "23:59"';
    throw new RangeError(`Invalid ${role} time "${value}": expected "HH:MM" from ${range}, e.g. "09:30"`);
  }
  return minutes;
}

/**
 * The weekly interval open on `day` (0 = Monday) from `start` to `end` ('HH:MM'); an `end` at or
 * before `start` runs past midnight into the next day, e.g. Friday '22:00'-'06:00'.
 */
export function weeklyInterval(day: number, start: string, end: string): WeeklyInterval {
  if (!Number.isInteger(day) || day < 0 || day > 6) {
    throw new RangeError(`Invalid day ${day}: expected 0 (Monday) to 6 (Sunday)`);
  }
  const from = parseClockTime(start, 'start');
  const to = parseClockTime(end, 'end');
  return {
    start: day * DAY_MINUTES + from,
    end: day * DAY_MINUTES + (to > from ? to : to + DAY_MINUTES),
  };
}

function checkInterval(interval: WeeklyInterval, index: number): void {
  const { start, end } = interval;
  const where = `schedule.intervals[${index}] { start: ${start}, end: ${end} }`;
  if (!(Number.isFinite(start) && start >= 0 && start < WEEK_MINUTES)) {
    throw new RangeError(
      `${where} starts outside the week: expected minutes from Monday 00:00 in [0, 10080), e.g. 540 for Monday 09:00`,
    );
  }
  if (!(Number.isFinite(end) && end > start)) {
    throw new RangeError(
      `${where} does not end after it starts: an interval across midnight ends past it, e.g. { start: 7080, end: 7560 } for Friday 22:00-Saturday 06:00`,
    );
  }
  if (end - start > WEEK_MINUTES) {
    throw new RangeError(`${where} lasts ${end - start} minutes: at most 10080 (one week) is allowed`);
  }
}

function parseHoliday(value: string, index: number): CivilDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? civilDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined;
  if (!match || !date || date.month !== Number(match[2]) || date.day !== Number(match[3])) {
    throw new RangeError(
      `schedule.holidays[${index}] "${value}" is not a calendar date: expected YYYY-MM-DD, e.g. "2026-12-25"`,
    );
  }
  return date;
}

function planSchedule(schedule: BusinessSchedule): Plan {
  if (!isValidTimeZone(schedule.timeZone)) {
    throw new RangeError(
      `schedule.timeZone "${schedule.timeZone}" is not a known time zone: expected an IANA name such as "Europe/Berlin" or "UTC"`,
    );
  }
  const byWeekday: DailyInterval[][] = [[], [], [], [], [], [], []];
  schedule.intervals.forEach((interval, index) => {
    checkInterval(interval, index);
    const weekday = Math.floor(interval.start / DAY_MINUTES);
    const midnight = weekday * DAY_MINUTES;
    byWeekday[weekday]?.push({ start: interval.start - midnight, end: interval.end - midnight });
  });
  const holidaysByYear = new Map<number, CivilDate[]>();
  const seen = new Set<string>();
  schedule.holidays.forEach((value, index) => {
    const date = parseHoliday(value, index);
    if (seen.has(value)) return;
    seen.add(value);
    const ofYear = holidaysByYear.get(date.year);
    if (ofYear === undefined) holidaysByYear.set(date.year, [date]);
    else ofYear.push(date);
  });
  return { timeZone: schedule.timeZone, byWeekday, holidaysByYear };
}

function mergeSpans(spans: [number, number][]): [number, number][] {
  spans.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

function subtractSpans(open: [number, number][], closed: [number, number][]): [number, number][] {
  const result: [number, number][] = [];
  for (const [start, end] of open) {
    let cursor = start;
    for (const [closedStart, closedEnd] of closed) {
      if (closedEnd <= cursor || closedStart >= end) continue;
      if (closedStart > cursor) result.push([cursor, closedStart]);
      cursor = Math.max(cursor, closedEnd);
    }
    if (cursor < end) result.push([cursor, end]);
  }
  return result;
}

function buildYear(plan: Plan, year: number): YearChunk {
  const { timeZone } = plan;
  const from = utcFromWall(timeZone, year, 1, 1, 0);
  const to = utcFromWall(timeZone, year + 1, 1, 1, 0);
  const spans: [number, number][] = [];
  for (let offset = -LOOKBACK_DAYS; ; offset++) {
    const date = civilDate(year, 1, 1 + offset);
    if (date.year > year) break;
    for (const interval of plan.byWeekday[date.weekday] ?? []) {
      const start = Math.max(from, utcFromWall(timeZone, date.year, date.month, date.day, interval.start));
      const end = Math.min(to, utcFromWall(timeZone, date.year, date.month, date.day, interval.end));
      if (end > start) spans.push([start, end]);
    }
  }
  const holidays = (plan.holidaysByYear.get(year) ?? []).map(({ month, day }): [number, number] => [
    utcFromWall(timeZone, year, month, day, 0),
    utcFromWall(timeZone, year, month, day, DAY_MINUTES),
  ]);
  holidays.sort((x, y) => x[0] - y[0]);
  return { year, from, to, spans: subtractSpans(mergeSpans(spans), holidays) };
}

/**
 * A clock that counts business minutes under `schedule`; throws a `RangeError` naming the problem
 * for an unknown zone, an interval outside the week or longer than a week, or a malformed holiday.
 */
export function createBusinessClock(schedule: BusinessSchedule): BusinessClock {
  const plan = planSchedule(schedule);
  const chunks: YearChunk[] = [];
  let coveredFrom = Infinity;
  let coveredTo = -Infinity;
  // Flat copies of every chunk's spans with a prefix sum, so a query is two binary searches.
  let starts = new Float64Array(0);
  let ends = new Float64Array(0);
  let openBefore = new Float64Array(0);
  let count = 0;

  function cover(a: number, b: number): void {
    let first = chunks[0] ?? buildYear(plan, localDateParts(plan.timeZone, a).year);
    if (chunks.length === 0) chunks.push(first);
    while (a < first.from) {
      first = buildYear(plan, first.year - 1);
      chunks.unshift(first);
    }
    let last = chunks[chunks.length - 1] ?? first;
    while (b > last.to) {
      last = buildYear(plan, last.year + 1);
      chunks.push(last);
    }
    const spans = chunks.flatMap((chunk) => chunk.spans);
    count = spans.length;
    starts = new Float64Array(count);
    ends = new Float64Array(count);
    openBefore = new Float64Array(count);
    let total = 0;
    spans.forEach(([start, end], index) => {
      starts[index] = start;
      ends[index] = end;
      openBefore[index] = total;
      total += end - start;
    });
    coveredFrom = first.from;
    coveredTo = last.to;
  }

  /** Open milliseconds from the start of the covered range up to `t`. */
  function openUntil(t: number): number {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      // Reads are in bounds; `?? 0` only satisfies noUncheckedIndexedAccess.
      if ((starts[mid] ?? 0) <= t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const start = starts[lo - 1] ?? 0;
    const end = ends[lo - 1] ?? 0;
    return (openBefore[lo - 1] ?? 0) + (t < end ? t : end) - start;
  }

  return {
    minutesBetween(a: number, b: number): number {
      if (!(a >= -MAX_TIME && b <= MAX_TIME)) {
        throw new RangeError(
          `minutesBetween expects finite epoch milliseconds within the Date range, got a = ${a}, b = ${b}`,
        );
      }
      if (b <= a) return 0;
      if (a < coveredFrom || b > coveredTo) cover(a, b);
      return (openUntil(b) - openUntil(a)) / MINUTE_MS;
    },
  };
}
