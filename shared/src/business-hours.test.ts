import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBusinessClock, weeklyInterval, type WeeklyInterval } from './business-hours.js';
import type { BusinessSchedule } from './model.js';
import { localDateParts, utcFromWall } from './zoned-time.js';

const at = (iso: string): number => Date.parse(iso);
const WEEK_MS = 7 * 86_400_000;
const QUARTER_HOUR_MS = 15 * 60_000;
const WEEKDAYS = [0, 1, 2, 3, 4];
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

function daily(days: number[], start: string, end: string): WeeklyInterval[] {
  return days.map((day) => weeklyInterval(day, start, end));
}

function clock(timeZone: string, intervals: WeeklyInterval[], holidays: string[] = []) {
  return createBusinessClock({ timeZone, intervals, holidays });
}

describe('weeklyInterval', () => {
  it('counts minutes from Monday 00:00', () => {
    expect(weeklyInterval(0, '09:00', '17:00')).toEqual({ start: 540, end: 1020 });
    expect(weeklyInterval(2, '00:00', '24:00')).toEqual({ start: 2880, end: 4320 });
  });

  it('runs an end at or before the start past midnight', () => {
    expect(weeklyInterval(4, '22:00', '06:00')).toEqual({ start: 7080, end: 7560 });
    expect(weeklyInterval(6, '22:00', '06:00')).toEqual({ start: 9960, end: 10440 });
    expect(weeklyInterval(1, '08:00', '08:00')).toEqual({ start: 1920, end: 3360 });
  });

  it('rejects a day outside Monday..Sunday', () => {
    expect(() => weeklyInterval(7, '09:00', '17:00')).toThrow(/Invalid day 7: expected 0 \(Monday\) to 6 \(Sunday\)/);
  });

  it('rejects malformed or out-of-range times', () => {
    expect(() => weeklyInterval(0, '9:00', '17:00')).toThrow(/Invalid start time "9:00": expected "HH:MM"/);
    expect(() => weeklyInterval(0, '24:00', '06:00')).toThrow(/"00:00" to "23:59"/);
    expect(() => weeklyInterval(0, '09:00', '17:60')).toThrow(RangeError);
    expect(() => weeklyInterval(0, '09:00', '24:01')).toThrow(/Invalid end time "24:01".*"24:00"/);
  });
});

describe('createBusinessClock', () => {
  const chatwoot = clock('UTC', daily(WEEKDAYS, '09:00', '17:00'));

  it('counts five working days across two weekends (Chatwoot C1)', () => {
    expect(chatwoot.minutesBetween(at('2022-03-20T00:00Z'), at('2022-03-26T23:59Z'))).toBe(2400);
  });

  it('counts from Monday opening after a Sunday start (Chatwoot C2)', () => {
    expect(chatwoot.minutesBetween(at('2022-03-20T12:00Z'), at('2022-03-21T14:00Z'))).toBe(300);
  });

  it('counts Berlin working minutes of a UTC ticket (Zammad Z1)', () => {
    const zammad = clock('Europe/Berlin', daily(WEEKDAYS, '08:00', '18:00'));
    const created = at('2013-03-21T09:30Z');
    expect(zammad.minutesBetween(created, at('2013-03-21T10:00Z'))).toBe(30);
    expect(zammad.minutesBetween(created, at('2013-03-21T14:00Z'))).toBe(270);
    expect(zammad.minutesBetween(created, at('2013-03-21T11:30Z'))).toBe(120);
    expect(zammad.minutesBetween(created, at('2013-03-21T13:00Z'))).toBe(210);
  });

  describe('with Friday 2026-03-13 a holiday (Frappe F1)', () => {
    const frappe = clock('Asia/Kolkata', daily(WEEKDAYS, '10:00', '18:00'), ['2026-03-13']);

    it('counts a reply within Thursday hours', () => {
      expect(frappe.minutesBetween(at('2026-03-12T17:30+05:30'), at('2026-03-12T17:50+05:30'))).toBe(20);
    });

    it('skips the holiday and the weekend', () => {
      expect(frappe.minutesBetween(at('2026-03-12T17:30+05:30'), at('2026-03-16T13:00+05:30'))).toBe(210);
    });
  });

  describe('with an interval across midnight (Friday 22:00-Saturday 06:00)', () => {
    const intervals = [weeklyInterval(4, '22:00', '06:00')];
    const from = at('2026-01-16T20:00+01:00');
    const to = at('2026-01-17T12:00+01:00');

    it('counts both sides of midnight', () => {
      expect(clock('Europe/Berlin', intervals).minutesBetween(from, to)).toBe(480);
    });

    it('drops the part on a Saturday holiday', () => {
      expect(clock('Europe/Berlin', intervals, ['2026-01-17']).minutesBetween(from, to)).toBe(120);
    });

    it('drops the part on a Friday holiday', () => {
      expect(clock('Europe/Berlin', intervals, ['2026-01-16']).minutesBetween(from, to)).toBe(360);
    });
  });

  it('wraps a Sunday-night interval into Monday across a year end', () => {
    const sundayNight = clock('UTC', [weeklyInterval(6, '22:00', '06:00')]);
    expect(sundayNight.minutesBetween(at('2023-12-31T12:00Z'), at('2024-01-01T12:00Z'))).toBe(480);
    expect(sundayNight.minutesBetween(at('2024-01-01T00:00Z'), at('2024-01-01T12:00Z'))).toBe(360);
  });

  it('counts overlapping and adjacent intervals once', () => {
    const intervals = [
      weeklyInterval(0, '09:00', '12:00'),
      weeklyInterval(0, '11:00', '14:00'),
      weeklyInterval(0, '14:00', '17:00'),
    ];
    expect(clock('UTC', intervals).minutesBetween(at('2026-02-09T00:00Z'), at('2026-02-10T00:00Z'))).toBe(480);
  });

  describe('open 24/7 in Europe/Berlin', () => {
    const allDay = clock('Europe/Berlin', daily(EVERY_DAY, '00:00', '24:00'));

    it('counts a 24-hour day as 1440 minutes', () => {
      expect(allDay.minutesBetween(at('2026-02-10T00:00+01:00'), at('2026-02-11T00:00+01:00'))).toBe(1440);
    });

    it('counts the spring-forward day as 23 hours', () => {
      expect(allDay.minutesBetween(at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'))).toBe(1380);
    });

    it('counts the fall-back day as 25 hours', () => {
      expect(allDay.minutesBetween(at('2026-10-25T00:00+02:00'), at('2026-10-26T00:00+01:00'))).toBe(1500);
    });
  });

  it('keeps a 09:00-17:00 day at 480 minutes across a DST change', () => {
    const berlin = clock('Europe/Berlin', daily(EVERY_DAY, '09:00', '17:00'));
    expect(berlin.minutesBetween(at('2026-03-29T00:00+01:00'), at('2026-03-30T00:00+02:00'))).toBe(480);
    const newYork = clock('America/New_York', daily(EVERY_DAY, '09:00', '17:00'));
    expect(newYork.minutesBetween(at('2026-11-01T00:00-04:00'), at('2026-11-02T00:00-05:00'))).toBe(480);
  });

  it('returns 0 for an empty window and for an end before the start', () => {
    const t = at('2022-03-21T10:00Z');
    expect(chatwoot.minutesBetween(t, t)).toBe(0);
    expect(chatwoot.minutesBetween(t + 3_600_000, t)).toBe(0);
  });

  it('returns 0 for a schedule without intervals', () => {
    expect(clock('UTC', []).minutesBetween(at('2026-01-01T00:00Z'), at('2027-01-01T00:00Z'))).toBe(0);
  });

  it('counts fractions of a minute', () => {
    expect(chatwoot.minutesBetween(at('2022-03-21T08:59:30Z'), at('2022-03-21T09:00:45Z'))).toBe(0.75);
  });

  it('counts windows ten years apart, whichever year is asked first', () => {
    const newYork = clock('America/New_York', daily(WEEKDAYS, '09:00', '17:00'), ['2025-12-25']);
    const late = at('2035-03-05T12:00Z');
    expect(newYork.minutesBetween(late, late + WEEK_MS)).toBe(2400);
    const monday = at('2020-01-06T05:00Z');
    expect(newYork.minutesBetween(monday, monday + 520 * WEEK_MS)).toBe(520 * 2400 - 480);
  });

  it('throws a RangeError for a non-finite instant', () => {
    expect(() => chatwoot.minutesBetween(Number.NaN, 0)).toThrow(/finite epoch milliseconds/);
  });

  describe('validation', () => {
    const ok: BusinessSchedule = {
      timeZone: 'UTC',
      intervals: daily(WEEKDAYS, '09:00', '17:00'),
      holidays: [],
    };

    it('rejects an unknown time zone', () => {
      expect(() => createBusinessClock({ ...ok, timeZone: 'Mars/Olympus' })).toThrow(
        /schedule.timeZone "Mars\/Olympus" is not a known time zone.*"Europe\/Berlin"/,
      );
    });

    it('rejects an interval starting outside the week', () => {
      expect(() => createBusinessClock({ ...ok, intervals: [{ start: -60, end: 60 }] })).toThrow(
        /intervals\[0\] \{ start: -60, end: 60 \} starts outside the week.*\[0, 10080\)/,
      );
      expect(() => createBusinessClock({ ...ok, intervals: [{ start: 10080, end: 10140 }] })).toThrow(RangeError);
      expect(() => createBusinessClock({ ...ok, intervals: [{ start: Number.NaN, end: 60 }] })).toThrow(RangeError);
    });

    it('rejects an interval that does not end after its start', () => {
      expect(() => createBusinessClock({ ...ok, intervals: [{ start: 600, end: 540 }] })).toThrow(
        /does not end after it starts.*\{ start: 7080, end: 7560 \}/,
      );
    });

    it('rejects an interval longer than a week', () => {
      expect(() => createBusinessClock({ ...ok, intervals: [{ start: 0, end: 10081 }] })).toThrow(
        /lasts 10081 minutes: at most 10080/,
      );
    });

    it('rejects malformed or impossible holidays', () => {
      expect(() => createBusinessClock({ ...ok, holidays: ['2026-2-3'] })).toThrow(
        /holidays\[0\] "2026-2-3" is not a calendar date: expected YYYY-MM-DD, e.g. "2026-12-25"/,
      );
      expect(() => createBusinessClock({ ...ok, holidays: ['2026-01-01', '2026-02-30'] })).toThrow(/holidays\[1\]/);
      expect(() => createBusinessClock({ ...ok, holidays: ['2026-13-01'] })).toThrow(RangeError);
    });
  });
});

describe('createBusinessClock properties', () => {
  const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'];
  const FIRST = at('2025-01-01T00:00Z');
  const SPAN_QUARTERS = (at('2028-01-01T00:00Z') - FIRST) / QUARTER_HOUR_MS;
  // Windows start near DST changes and year ends often, where mistakes would hide.
  const ANCHORS = [
    '2025-03-30',
    '2025-10-26',
    '2026-03-08',
    '2026-11-01',
    '2026-04-05',
    '2026-10-04',
    '2026-01-01',
    '2027-01-01',
  ].map(at);

  const arbInterval = fc
    .tuple(
      fc.integer({ min: 0, max: 671 }),
      fc.oneof(
        { arbitrary: fc.integer({ min: 1, max: 96 }), weight: 4 },
        { arbitrary: fc.integer({ min: 1, max: 672 }), weight: 1 },
      ),
    )
    .map(([slot, quarters]) => ({ start: slot * 15, end: (slot + quarters) * 15 }));
  const arbDate = (from: number, days: number) =>
    fc.integer({ min: 0, max: days }).map((d) => new Date(from + d * 86_400_000).toISOString().slice(0, 10));
  const arbSchedule = fc.record({
    timeZone: fc.constantFrom(...ZONES),
    intervals: fc.array(arbInterval, { maxLength: 8 }),
    holidays: fc.array(arbDate(FIRST - 86_400_000, 3 * 366), { maxLength: 40 }),
  });
  const arbInstant = fc.oneof(
    fc.integer({ min: 0, max: SPAN_QUARTERS }).map((q) => FIRST + q * QUARTER_HOUR_MS),
    fc.tuple(fc.constantFrom(...ANCHORS), fc.integer({ min: -300, max: 300 })).map(([t, q]) => t + q * QUARTER_HOUR_MS),
  );

  it('stays within 0 and the calendar minutes', () => {
    fc.assert(
      fc.property(arbSchedule, arbInstant, fc.integer({ min: 0, max: 400 * 86_400_000 }), (schedule, a, length) => {
        const minutes = createBusinessClock(schedule).minutesBetween(a, a + length);
        return minutes >= 0 && minutes <= length / 60_000 + 1e-9;
      }),
      { numRuns: 200 },
    );
  });

  it('adds up over consecutive windows', () => {
    fc.assert(
      fc.property(
        arbSchedule,
        arbInstant,
        fc.array(fc.integer({ min: 0, max: 200 * 86_400_000 }), { minLength: 2, maxLength: 2 }),
        (schedule, a, [x = 0, y = 0]) => {
          const c = createBusinessClock(schedule);
          const b = a + Math.min(x, y);
          const end = a + Math.max(x, y);
          return Math.abs(c.minutesBetween(a, end) - c.minutesBetween(a, b) - c.minutesBetween(b, end)) < 1e-6;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('equals calendar minutes when open 24/7 in UTC', () => {
    const allDay = clock('UTC', daily(EVERY_DAY, '00:00', '24:00'));
    fc.assert(
      fc.property(
        fc.integer({ min: at('1990-01-01'), max: at('2040-01-01') }),
        fc.integer({ min: 0, max: 3 * 366 * 86_400_000 }),
        (a, length) => {
          return Math.abs(allDay.minutesBetween(a, a + length) - length / 60_000) < 1e-6;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('matches a quarter-hour by quarter-hour count', () => {
    // Every boundary in these zones and schedules falls on a quarter hour, so sampling each quarter's start is exact.
    const isOpen = (schedule: BusinessSchedule, t: number): boolean => {
      const { timeZone } = schedule;
      const { year, month, day } = localDateParts(timeZone, t);
      const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      if (schedule.holidays.includes(date)) return false;
      for (let back = 0; back <= 8; back++) {
        const weekday = (new Date(Date.UTC(year, month - 1, day - back)).getUTCDay() + 6) % 7;
        for (const { start, end } of schedule.intervals) {
          if (Math.floor(start / 1440) !== weekday) continue;
          const midnight = weekday * 1440;
          const from = utcFromWall(timeZone, year, month, day - back, start - midnight);
          const to = utcFromWall(timeZone, year, month, day - back, end - midnight);
          if (from <= t && t < to) return true;
        }
      }
      return false;
    };
    const arbCase = arbInstant.chain((a) =>
      fc.record({
        a: fc.constant(a),
        quarters: fc.integer({ min: 0, max: 4 * 96 }),
        schedule: fc.record({
          timeZone: fc.constantFrom(...ZONES),
          intervals: fc.array(arbInterval, { maxLength: 6 }),
          holidays: fc.array(arbDate(a - 2 * 86_400_000, 7), { maxLength: 3 }),
        }),
      }),
    );
    fc.assert(
      fc.property(arbCase, ({ a, quarters, schedule }) => {
        let open = 0;
        for (let q = 0; q < quarters; q++) if (isOpen(schedule, a + q * QUARTER_HOUR_MS)) open += 15;
        return createBusinessClock(schedule).minutesBetween(a, a + quarters * QUARTER_HOUR_MS) === open;
      }),
      { numRuns: 200 },
    );
  });
});
