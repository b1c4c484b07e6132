import { utcFromWall, type TimeWindow } from '@frontline/kpi';
import { ApiError } from './api-error.js';

/** The longest window a request may ask for: a year, leap day included. */
const MAX_WINDOW_MS = 366 * 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An ISO time must say its offset: a bare local time would be read in the server's zone.
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The window `[from, to)` of a request. Each end is a date (`2026-03-01`: that local midnight in
 * the account's time zone, as its days are cut) or an ISO time with its offset. Refused with a
 * 400 that says what to send when malformed, inverted or longer than a year.
 */
export function windowOfQuery(query: { readonly from: string; readonly to: string }, timeZone: string): TimeWindow {
  const from = timeOf('from', query.from, timeZone);
  const to = timeOf('to', query.to, timeZone);
  if (to <= from) throw new ApiError('bad_request', `to (${query.to}) must be after from (${query.from})`);
  if (to - from > MAX_WINDOW_MS) {
    throw new ApiError('bad_request', `a window is at most a year (366 days); ${query.from} to ${query.to} is longer`);
  }
  return { from, to };
}

function timeOf(name: string, text: string, timeZone: string): number {
  const date = DATE.exec(text);
  if (date !== null) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const time = utcFromWall(timeZone, year, month, day, 0);
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCMonth() === month - 1 && check.getUTCDate() === day && Number.isFinite(time)) return time;
  } else if (TIME.test(text)) {
    const time = Date.parse(text);
    if (Number.isFinite(time)) return time;
  }
  throw new ApiError(
    'bad_request',
    `${name} must be a date (YYYY-MM-DD, a day in the account's time zone, ${timeZone}) or an ISO time with its offset (2026-03-01T08:00:00Z), got ${JSON.stringify(text)}`,
  );
}
