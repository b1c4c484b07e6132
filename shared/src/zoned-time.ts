/**
 * Wall-clock time <-> UTC in IANA time zones, built on `Intl.DateTimeFormat` alone.
 *
 * All instants are epoch milliseconds. Weekdays run 0 (Monday) to 6 (Sunday). Offsets are learned
 * from Intl once per zone and UTC day and cached, so converting many instants stays cheap.
 */

const SECOND_MS = 1000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A local calendar date and time of day in one time zone. */
export interface LocalDateParts {
  readonly year: number;
  /** 1 (January) to 12 (December). */
  readonly month: number;
  readonly day: number;
  /** 0 (Monday) to 6 (Sunday). */
  readonly weekday: number;
  /** Minutes since local midnight, with a fraction when the instant is not on a whole minute. */
  readonly minuteOfDay: number;
}

/** The zone offset during one UTC day: `before` until `transitionAt`, `after` from then on. */
interface DayOffsets {
  readonly before: number;
  readonly transitionAt: number;
  readonly after: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, DayOffsets>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`Unknown time zone "${timeZone}": expected an IANA name such as "Europe/Berlin" or "UTC"`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Epoch milliseconds of a wall-clock reading taken as if it were UTC; days and times may overflow. */
function wallMs(year: number, month: number, day: number, msOfDay: number): number {
  // setUTCFullYear, unlike Date.UTC, does not move years 0-99 into the 1900s.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() + msOfDay;
}

function intlOffsetMs(timeZone: string, utcMs: number): number {
  const instant = Math.floor(utcMs / SECOND_MS) * SECOND_MS;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    const value = Number(part.value);
    if (part.type === 'year') year = value;
    else if (part.type === 'month') month = value;
    else if (part.type === 'day') day = value;
    else if (part.type === 'hour') hour = value;
    else if (part.type === 'minute') minute = value;
    else if (part.type === 'second') second = value;
  }
  return wallMs(year, month, day, ((hour * 60 + minute) * 60 + second) * SECOND_MS) - instant;
}

function scanDay(timeZone: string, dayStart: number): DayOffsets {
  const last = dayStart + DAY_MS - SECOND_MS;
  const before = intlOffsetMs(timeZone, dayStart);
  const after = intlOffsetMs(timeZone, last);
  if (before === after) return { before, transitionAt: Infinity, after };
  // tzdb changes offsets at whole seconds and never twice in one day, so bisecting seconds finds the change.
  let lo = dayStart;
  let hi = last;
  while (hi - lo > SECOND_MS) {
    const mid = lo + Math.floor((hi - lo) / (2 * SECOND_MS)) * SECOND_MS;
    if (intlOffsetMs(timeZone, mid) === before) lo = mid;
    else hi = mid;
  }
  return { before, transitionAt: hi, after };
}

function offsetMs(timeZone: string, utcMs: number): number {
  let cache = offsetCaches.get(timeZone);
  if (cache === undefined) {
    formatterFor(timeZone);
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const dayIndex = Math.floor(utcMs / DAY_MS);
  let offsets = cache.get(dayIndex);
  if (offsets === undefined) {
    offsets = scanDay(timeZone, dayIndex * DAY_MS);
    cache.set(dayIndex, offsets);
  }
  return utcMs < offsets.transitionAt ? offsets.before : offsets.after;
}

/** Whether `name` is a time zone this runtime's Intl knows, e.g. `Europe/Berlin` or `UTC`. */
export function isValidTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset at `utcMs` in minutes, local minus UTC (+60 for Berlin in winter). */
export function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  return offsetMs(timeZone, utcMs) / MINUTE_MS;
}

/** The local date, weekday and minute of day that a wall clock in `timeZone` shows at `utcMs`. */
export function localDateParts(timeZone: string, utcMs: number): LocalDateParts {
  const local = utcMs + offsetMs(timeZone, utcMs);
  const date = new Date(local);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: (date.getUTCDay() + 6) % 7,
    minuteOfDay: (local - Math.floor(local / DAY_MS) * DAY_MS) / MINUTE_MS,
  };
}

/**
 * The instant at which a wall clock in `timeZone` shows the given date and minute of day (0-1440;
 * days and minutes past the end roll over as with `Date.UTC`).
 */
export function utcFromWall(timeZone: string, year: number, month: number, day: number, minuteOfDay: number): number {
  const wall = wallMs(year, month, day, minuteOfDay * MINUTE_MS);
  if (!Number.isFinite(wall)) {
    throw new RangeError(
      `Invalid wall time ${year}-${month}-${day} minute ${minuteOfDay}: expected finite numbers, e.g. 2026, 3, 29, 540`,
    );
  }
  // Gaps use the offset from before the transition (02:30 -> 03:30) and folds take the first occurrence, as Temporal's "compatible" disambiguation does.
  const earlierOffset = offsetMs(timeZone, wall - DAY_MS);
  const laterOffset = offsetMs(timeZone, wall + DAY_MS);
  const first = wall - earlierOffset;
  if (earlierOffset === laterOffset || offsetMs(timeZone, first) === earlierOffset) return first;
  const second = wall - laterOffset;
  return offsetMs(timeZone, second) === laterOffset ? second : first;
}

/** The first instant of the local date that contains `utcMs`. */
export function startOfLocalDay(timeZone: string, utcMs: number): number {
  const { year, month, day } = localDateParts(timeZone, utcMs);
  return utcFromWall(timeZone, year, month, day, 0);
}

/** The instant `n` local dates later (or earlier) at the same wall-clock time of day. */
export function addLocalDays(timeZone: string, utcMs: number, n: number): number {
  const { year, month, day, minuteOfDay } = localDateParts(timeZone, utcMs);
  return utcFromWall(timeZone, year, month, day + n, minuteOfDay);
}

/** The first instant of the local week (weeks start on Monday) that contains `utcMs`. */
export function startOfLocalWeek(timeZone: string, utcMs: number): number {
  const { year, month, day, weekday } = localDateParts(timeZone, utcMs);
  return utcFromWall(timeZone, year, month, day - weekday, 0);
}

/** The first instant of the local calendar month that contains `utcMs`. */
export function startOfLocalMonth(timeZone: string, utcMs: number): number {
  const { year, month } = localDateParts(timeZone, utcMs);
  return utcFromWall(timeZone, year, month, 1, 0);
}
