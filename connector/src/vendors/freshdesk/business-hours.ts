/**
 * Freshdesk's default business hours -> the model's weekly schedule (KPIS.md, "Business hours").
 */
import { weeklyInterval, type BusinessSchedule } from '@frontline/kpi';
import { parsePayload } from '../parse-payload.js';
import { PayloadError } from '../payload-error.js';
import { FRESHDESK_WEEKDAYS, freshdeskBusinessHoursListSchema, type FreshdeskBusinessHours } from './schema.js';
import { ianaTimeZone } from './time-zones.js';

/** Recurring holidays ("Dec 25") are written out for these years, which covers any real export. */
export const RECURRING_HOLIDAY_YEARS = { first: 2000, last: 2100 } as const;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "8:00 am", "5:30 PM", "12:00 am" (midnight) or "08:00", "17:00", with optional seconds. */
const CLOCK_TIME = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?$/i;

/** `HH:MM` (24-hour) for a Freshdesk clock time, or `null` when it is not one. */
export function parseFreshdeskClockTime(text: string): string | null {
  const match = CLOCK_TIME.exec(text.trim());
  if (match === null) return null;
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  const meridiem = match[3]?.toLowerCase().replaceAll('.', '');
  if (minutes > 59) return null;
  if (meridiem === undefined) {
    if (hours > 24 || (hours === 24 && minutes > 0)) return null;
  } else {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The `YYYY-MM-DD` dates of one holiday: a dated one ("2026-12-25") as is, a recurring one
 * ("Dec 25", "December 25", "25 Dec") on every year of {@link RECURRING_HOLIDAY_YEARS} that has
 * that date. `null` when the text is neither.
 */
export function expandFreshdeskHoliday(text: string): string[] | null {
  const trimmed = text.trim();
  const dated = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (dated !== null) {
    const [, y, m, d] = dated.map(Number) as [number, number, number, number];
    return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) ? [trimmed] : null;
  }
  const monthFirst = /^([a-z]+)\.?\s+(\d{1,2})$/i.exec(trimmed);
  const dayFirst = /^(\d{1,2})\s+([a-z]+)\.?$/i.exec(trimmed);
  const monthName = monthFirst?.[1] ?? dayFirst?.[2];
  const dayText = monthFirst?.[2] ?? dayFirst?.[1];
  if (monthName === undefined || dayText === undefined || monthName.length < 3) return null;
  const month = MONTHS.findIndex((m) => monthName.toLowerCase().startsWith(m)) + 1;
  const day = Number(dayText);
  if (month === 0 || day < 1 || day > daysInMonth(2000, month)) return null;
  const dates: string[] = [];
  for (let year = RECURRING_HOLIDAY_YEARS.first; year <= RECURRING_HOLIDAY_YEARS.last; year++) {
    // 29 February exists in leap years only.
    if (day <= daysInMonth(year, month)) dates.push(`${year}-${pad(month)}-${pad(day)}`);
  }
  return dates;
}

function clockTime(path: string, text: string): string {
  const parsed = parseFreshdeskClockTime(text);
  if (parsed === null) {
    throw new PayloadError(path, `expected a clock time such as "8:00 am" or "17:00", got ${JSON.stringify(text)}`);
  }
  return parsed;
}

function scheduleFrom(entry: FreshdeskBusinessHours, index: number): BusinessSchedule {
  const timeZone = ianaTimeZone(entry.time_zone);
  if (timeZone === null) {
    throw new PayloadError(
      `[${index}].time_zone`,
      `unknown time zone ${JSON.stringify(entry.time_zone)}: expected a Freshdesk (Rails) zone name such as "Eastern Time (US & Canada)" or an IANA name such as "America/New_York"`,
    );
  }
  const intervals = FRESHDESK_WEEKDAYS.flatMap((weekday, day) => {
    // A day missing from the list is closed.
    const hours = entry.business_hours[weekday];
    if (hours === null || hours === undefined) return [];
    const where = `[${index}].business_hours.${weekday}`;
    return [
      weeklyInterval(
        day,
        clockTime(`${where}.start_time`, hours.start_time),
        clockTime(`${where}.end_time`, hours.end_time),
      ),
    ];
  });
  // UNSURE: where Freshdesk lists holidays and in which shape; see the holiday schema.
  const holidays: string[] = [];
  const field = entry.holidays ? 'holidays' : 'holiday_list';
  (entry.holidays ?? entry.holiday_list ?? []).forEach((holiday, i) => {
    const dates = expandFreshdeskHoliday(holiday.date);
    if (dates === null) {
      throw new PayloadError(
        `[${index}].${field}[${i}].date`,
        `expected a date such as "2026-12-25" or a yearly one such as "Dec 25", got ${JSON.stringify(holiday.date)}`,
      );
    }
    holidays.push(...dates);
  });
  return { timeZone, intervals, holidays };
}

/**
 * The account's default business hours (the entry of `GET /api/v2/business_hours` with
 * `is_default: true`) as a schedule; `null` for an empty list. Rails zone names are mapped to
 * IANA. Throws a `PayloadError` for an unknown zone, a bad clock time or holiday, or a list
 * with no default entry.
 */
export function normalizeFreshdeskBusinessHours(list: unknown): BusinessSchedule | null {
  const parsed = parsePayload(freshdeskBusinessHoursListSchema, list);
  if (parsed.length === 0) return null;
  const index = parsed.findIndex((entry) => entry.is_default === true);
  const entry = parsed[index];
  if (entry === undefined) {
    throw new PayloadError('', 'no entry has "is_default": true, so the default business hours are unknown');
  }
  return scheduleFrom(entry, index);
}
