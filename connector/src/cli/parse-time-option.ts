import { utcFromWall } from '@frontline/kpi';
import { UsageError } from './usage-error.js';

/** A date, optionally a time of day, optionally a zone designator. */
const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:\d{2})?)?$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Epoch milliseconds of a time option. A full ISO time with `Z` or an offset is that instant; a
 * bare date (`2026-01-01`) is midnight and a time without a zone (`2026-01-01T09:00`) is that
 * wall-clock time, both in `timeZone`. Throws a {@link UsageError} naming the option otherwise.
 */
export function parseTimeOption(option: string, value: string, timeZone: string): number {
  const match = TIME.exec(value.trim());
  const fail = (): never => {
    throw new UsageError(
      `${option} ${JSON.stringify(value)} is not a time: expected an ISO 8601 time such as 2026-01-01T00:00:00Z, or a date such as 2026-01-01 (midnight in --tz)`,
    );
  };
  if (match === null) return fail();
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const invalid =
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59 ||
    (zone !== undefined && zone.length > 1 && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4, 6)) > 59));
  if (invalid) return fail();
  if (zone !== undefined) return Date.parse(value.trim());
  // Seconds are added after the zone conversion: zones change offset on whole minutes.
  const minute = utcFromWall(timeZone, year, month, day, Number(h) * 60 + Number(mi));
  return minute + Number(s) * 1000 + Number(ms.padEnd(3, '0'));
}
