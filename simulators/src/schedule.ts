/**
 * The business hours of a simulated account, in one vendor-neutral form, and its translations:
 * the KPI engine's `BusinessSchedule` (what Zendesk uses to compute business minutes itself) and
 * Freshdesk's `GET /api/v2/business_hours` entry.
 */
import { weeklyInterval, type BusinessSchedule } from '@frontline/kpi';

/** A holiday every year on a month and day (Freshdesk writes these as "Jan 01"). */
export interface RecurringHoliday {
  readonly name: string;
  readonly month: number;
  readonly day: number;
}

/** A one-off holiday on a local date, `YYYY-MM-DD`. */
export interface DatedHoliday {
  readonly name: string;
  readonly date: string;
}

/** Weekday hours in one zone, plus holidays. */
export interface SimSchedule {
  readonly name: string;
  /** IANA zone. */
  readonly timeZone: string;
  /** The same zone as Freshdesk names it (Rails names, e.g. "Berlin"). */
  readonly freshdeskTimeZone: string;
  /** Open weekdays, 0 = Monday. */
  readonly weekdays: readonly number[];
  /** Opening and closing wall-clock minute of an open day. */
  readonly openMinute: number;
  readonly closeMinute: number;
  readonly recurringHolidays: readonly RecurringHoliday[];
  readonly datedHolidays: readonly DatedHoliday[];
}

/** Berlin office hours: Monday to Friday 09:00-17:00, German holidays plus one company day. */
export function berlinSchedule(companyDay: string): SimSchedule {
  return {
    name: 'Berlin office',
    timeZone: 'Europe/Berlin',
    freshdeskTimeZone: 'Berlin',
    weekdays: [0, 1, 2, 3, 4],
    openMinute: 9 * 60,
    closeMinute: 17 * 60,
    recurringHolidays: [
      { name: "New Year's Day", month: 1, day: 1 },
      { name: 'Labour Day', month: 5, day: 1 },
      { name: 'German Unity Day', month: 10, day: 3 },
      { name: 'Christmas Day', month: 12, day: 25 },
      { name: 'Boxing Day', month: 12, day: 26 },
    ],
    datedHolidays: [{ name: 'Company day', date: companyDay }],
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');
const clock = (minute: number): string => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

/** The local dates of every holiday in the years `fromYear`..`toYear`. */
export function holidayDates(schedule: SimSchedule, fromYear: number, toYear: number): string[] {
  const dates = new Set<string>();
  for (let year = fromYear; year <= toYear; year++) {
    for (const holiday of schedule.recurringHolidays) dates.add(`${year}-${pad(holiday.month)}-${pad(holiday.day)}`);
  }
  for (const holiday of schedule.datedHolidays) dates.add(holiday.date);
  return [...dates].sort();
}

/** The KPI engine's schedule, with recurring holidays written out for `fromYear`..`toYear`. */
export function toBusinessSchedule(schedule: SimSchedule, fromYear: number, toYear: number): BusinessSchedule {
  return {
    timeZone: schedule.timeZone,
    intervals: schedule.weekdays.map((day) =>
      weeklyInterval(day, clock(schedule.openMinute), clock(schedule.closeMinute)),
    ),
    holidays: holidayDates(schedule, fromYear, toYear),
  };
}

const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "9:00 am", "5:00 pm": Freshdesk's 12-hour clock. */
function freshdeskClock(minute: number): string {
  const hours = Math.floor(minute / 60) % 24;
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  return `${twelve}:${pad(minute % 60)} ${hours < 12 ? 'am' : 'pm'}`;
}

/** One entry of `GET /api/v2/business_hours` (the shape of the export fixture). */
export interface FreshdeskBusinessHoursJson {
  id: number;
  name: string;
  description: string;
  is_default: boolean;
  time_zone: string;
  business_hours: Partial<Record<(typeof WEEKDAY_NAMES)[number], { start_time: string; end_time: string }>>;
  holiday_list: { name: string; date: string }[];
  created_at: string;
  updated_at: string;
}

/** The schedule as a Freshdesk business hours entry. */
export function toFreshdeskBusinessHours(
  schedule: SimSchedule,
  id: number,
  isDefault: boolean,
  createdAt: string,
): FreshdeskBusinessHoursJson {
  const hours: FreshdeskBusinessHoursJson['business_hours'] = {};
  for (const day of schedule.weekdays) {
    const name = WEEKDAY_NAMES[day];
    if (name !== undefined) {
      hours[name] = { start_time: freshdeskClock(schedule.openMinute), end_time: freshdeskClock(schedule.closeMinute) };
    }
  }
  return {
    id,
    name: schedule.name,
    description: `${schedule.name} hours`,
    is_default: isDefault,
    time_zone: schedule.freshdeskTimeZone,
    business_hours: hours,
    holiday_list: [
      ...schedule.recurringHolidays.map((h) => ({
        name: h.name,
        date: `${MONTH_NAMES[h.month - 1] ?? 'Jan'} ${pad(h.day)}`,
      })),
      ...schedule.datedHolidays.map((h) => ({ name: h.name, date: h.date })),
    ],
    created_at: createdAt,
    updated_at: createdAt,
  };
}
