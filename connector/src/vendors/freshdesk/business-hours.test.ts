import { describe, expect, it } from 'vitest';
import { payloadErrorOf } from '../expect-payload-error.js';
import {
  RECURRING_HOLIDAY_YEARS,
  expandFreshdeskHoliday,
  normalizeFreshdeskBusinessHours,
  parseFreshdeskClockTime,
} from './business-hours.js';

const DAY = 1440;

function anEntry(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 1,
    name: 'Office',
    is_default: true,
    time_zone: 'Eastern Time (US & Canada)',
    business_hours: {
      monday: { start_time: '8:00 am', end_time: '5:00 pm' },
      friday: { start_time: '08:00', end_time: '17:00' },
    },
    ...fields,
  };
}

describe('parseFreshdeskClockTime', () => {
  it.each([
    ['8:00 am', '08:00'],
    ['5:30 pm', '17:30'],
    ['12:00 am', '00:00'],
    ['12:00 pm', '12:00'],
    ['11:59 PM', '23:59'],
    ['08:00', '08:00'],
    ['17:00', '17:00'],
    ['24:00', '24:00'],
    ['9:00:00 am', '09:00'],
  ])('reads %s as %s', (text, expected) => {
    expect(parseFreshdeskClockTime(text)).toBe(expected);
  });

  it.each(['13:00 pm', '0:30 am', '8 am', '25:00', '8:60', 'noon'])('rejects %s', (text) => {
    expect(parseFreshdeskClockTime(text)).toBeNull();
  });
});

describe('expandFreshdeskHoliday', () => {
  it('keeps a dated holiday', () => {
    expect(expandFreshdeskHoliday('2026-12-25')).toEqual(['2026-12-25']);
  });

  it('writes a yearly holiday out for every year of the range', () => {
    const dates = expandFreshdeskHoliday('Dec 25') ?? [];
    expect(dates).toHaveLength(RECURRING_HOLIDAY_YEARS.last - RECURRING_HOLIDAY_YEARS.first + 1);
    expect(dates[0]).toBe('2000-12-25');
    expect(dates).toContain('2026-12-25');
    expect(expandFreshdeskHoliday('December 25')).toEqual(dates);
    expect(expandFreshdeskHoliday('25 Dec')).toEqual(dates);
  });

  it('puts 29 February on leap years only', () => {
    const dates = expandFreshdeskHoliday('Feb 29') ?? [];
    expect(dates).toContain('2024-02-29');
    expect(dates.some((d) => d.startsWith('2025-'))).toBe(false);
    expect(dates).toHaveLength(25);
  });

  it.each(['2026-02-30', 'Feb 30', 'Smarch 3', 'tomorrow', ''])('rejects %j', (text) => {
    expect(expandFreshdeskHoliday(text)).toBeNull();
  });
});

describe('normalizeFreshdeskBusinessHours', () => {
  it('turns the default entry into a weekly schedule in the IANA zone', () => {
    const other = anEntry({ is_default: false, time_zone: 'Tokyo' });
    expect(normalizeFreshdeskBusinessHours([other, anEntry()])).toEqual({
      timeZone: 'America/New_York',
      intervals: [
        { start: 8 * 60, end: 17 * 60 },
        { start: 4 * DAY + 8 * 60, end: 4 * DAY + 17 * 60 },
      ],
      holidays: [],
    });
  });

  it('lets an interval run past midnight', () => {
    const entry = anEntry({ business_hours: { sunday: { start_time: '10:00 pm', end_time: '2:00 am' } } });
    expect(normalizeFreshdeskBusinessHours([entry])?.intervals).toEqual([
      { start: 6 * DAY + 22 * 60, end: 7 * DAY + 2 * 60 },
    ]);
  });

  it('reads holidays from either list name', () => {
    const dated = normalizeFreshdeskBusinessHours([anEntry({ holidays: [{ name: 'Launch', date: '2026-03-02' }] })]);
    expect(dated?.holidays).toEqual(['2026-03-02']);
    const yearly = normalizeFreshdeskBusinessHours([anEntry({ holiday_list: [{ name: 'Xmas', date: 'Dec 25' }] })]);
    expect(yearly?.holidays).toContain('2030-12-25');
  });

  it('has no schedule for an empty list', () => {
    expect(normalizeFreshdeskBusinessHours([])).toBeNull();
  });

  it('fails clearly on an unknown time zone', () => {
    expect(payloadErrorOf(() => normalizeFreshdeskBusinessHours([anEntry({ time_zone: 'Atlantis' })])).message).toBe(
      '[0].time_zone: unknown time zone "Atlantis": expected a Freshdesk (Rails) zone name such as "Eastern Time (US & Canada)" or an IANA name such as "America/New_York"',
    );
  });

  it('names a bad clock time and a bad holiday', () => {
    const badTime = anEntry({ business_hours: { monday: { start_time: 'nine', end_time: '5:00 pm' } } });
    expect(payloadErrorOf(() => normalizeFreshdeskBusinessHours([badTime])).message).toBe(
      '[0].business_hours.monday.start_time: expected a clock time such as "8:00 am" or "17:00", got "nine"',
    );
    const badHoliday = anEntry({ holiday_list: [{ name: 'x', date: 'someday' }] });
    expect(payloadErrorOf(() => normalizeFreshdeskBusinessHours([badHoliday])).path).toBe('[0].holiday_list[0].date');
  });

  it('fails when no entry is the default', () => {
    expect(payloadErrorOf(() => normalizeFreshdeskBusinessHours([anEntry({ is_default: false })])).message).toBe(
      'no entry has "is_default": true, so the default business hours are unknown',
    );
  });
});
