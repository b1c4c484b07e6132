/**
 * The local days of a schedule's zone over a span of time, precomputed once, so generating a
 * million tickets can ask "is the office open now?" and "when does it open next?" without calling
 * Intl per ticket.
 */
import { localDateParts, utcFromWall } from '@frontline/kpi';
import { holidayDates, type SimSchedule } from './schedule.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Local days from the one containing `fromMs` through the one containing `toMs`. */
export class LocalDays {
  /** UTC instant of each local midnight, plus one past the last day. */
  readonly starts: Float64Array;
  /** 0 = Monday. */
  readonly weekdays: Uint8Array;
  readonly open: Uint8Array;
  readonly count: number;
  private readonly schedule: SimSchedule;

  constructor(schedule: SimSchedule, fromMs: number, toMs: number) {
    this.schedule = schedule;
    const zone = schedule.timeZone;
    const first = localDateParts(zone, fromMs);
    const last = localDateParts(zone, toMs);
    const holidays = new Set(holidayDates(schedule, first.year, last.year));
    const openDays = new Set(schedule.weekdays);
    const count =
      Math.round(
        (Date.UTC(last.year, last.month - 1, last.day) - Date.UTC(first.year, first.month - 1, first.day)) / DAY_MS,
      ) + 1;
    this.count = count;
    this.starts = new Float64Array(count + 1);
    this.weekdays = new Uint8Array(count);
    this.open = new Uint8Array(count);
    for (let i = 0; i <= count; i++) {
      const date = new Date(Date.UTC(first.year, first.month - 1, first.day + i));
      this.starts[i] = utcFromWall(zone, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), 0);
      if (i === count) break;
      const weekday = (date.getUTCDay() + 6) % 7;
      const iso = date.toISOString().slice(0, 10);
      this.weekdays[i] = weekday;
      this.open[i] = openDays.has(weekday) && !holidays.has(iso) ? 1 : 0;
    }
  }

  /** Index of the local day containing `t`, clamped to the span. */
  dayIndex(t: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Opening and closing instants of day `i` (DST days keep wall-clock hours). */
  private hours(i: number): [number, number] {
    const start = this.starts[i] ?? 0;
    return [start + this.schedule.openMinute * MINUTE_MS, start + this.schedule.closeMinute * MINUTE_MS];
  }

  /** Whether the office is open at `t`. */
  isOpen(t: number): boolean {
    const i = this.dayIndex(t);
    if (this.open[i] !== 1) return false;
    const [opens, closes] = this.hours(i);
    return t >= opens && t < closes;
  }

  /** `t` if the office is open then, else the next opening (or `t` past the span's end). */
  nextOpen(t: number): number {
    for (let i = this.dayIndex(t); i < this.count; i++) {
      if (this.open[i] !== 1) continue;
      const [opens, closes] = this.hours(i);
      if (t < closes) return Math.max(t, opens);
    }
    return t;
  }

  /** The instant `minutes` of open time after `t` (calendar time past the span's end). */
  addBusinessMinutes(t: number, minutes: number): number {
    let remaining = minutes * MINUTE_MS;
    let at = this.nextOpen(t);
    for (let i = this.dayIndex(at); i < this.count; i++) {
      if (this.open[i] !== 1) continue;
      const [opens, closes] = this.hours(i);
      const from = Math.max(at, opens);
      if (from >= closes) continue;
      if (from + remaining <= closes) return from + remaining;
      remaining -= closes - from;
      at = closes;
    }
    return at + remaining;
  }
}
