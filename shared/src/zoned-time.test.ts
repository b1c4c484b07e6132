import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  isValidTimeZone,
  localDateParts,
  startOfLocalDay,
  startOfLocalMonth,
  startOfLocalWeek,
  utcFromWall,
  zoneOffsetMinutes,
} from './zoned-time.js';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

describe('zoneOffsetMinutes', () => {
  it('follows the 2026 DST changes in Europe/Berlin', () => {
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-03-29T00:59:59Z'))).toBe(60);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-03-29T01:00:00Z'))).toBe(120);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-10-25T00:59:59Z'))).toBe(120);
    expect(zoneOffsetMinutes('Europe/Berlin', at('2026-10-25T01:00:00Z'))).toBe(60);
  });

  it('follows the 2026 DST changes in America/New_York', () => {
    expect(zoneOffsetMinutes('America/New_York', at('2026-03-08T06:59:59Z'))).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', at('2026-03-08T07:00:00Z'))).toBe(-240);
    expect(zoneOffsetMinutes('America/New_York', at('2026-11-01T05:59:59Z'))).toBe(-240);
    expect(zoneOffsetMinutes('America/New_York', at('2026-11-01T06:00:00Z'))).toBe(-300);
  });

  it('is 0 in UTC', () => {
    expect(zoneOffsetMinutes('UTC', at('2026-07-01T12:00Z'))).toBe(0);
  });

  it('throws a RangeError naming an unknown zone', () => {
    expect(() => zoneOffsetMinutes('Mars/Olympus', 0)).toThrow(RangeError);
    expect(() => zoneOffsetMinutes('Mars/Olympus', 0)).toThrow(/Unknown time zone "Mars\/Olympus".*Europe\/Berlin/);
  });
});

describe('localDateParts', () => {
  it('puts 2026-02-12T04:00Z on 2026-02-11 in New York (Chatwoot C13)', () => {
    expect(localDateParts('America/New_York', at('2026-02-12T04:00Z'))).toEqual({
      year: 2026,
      month: 2,
      day: 11,
      weekday: 2,
      minuteOfDay: 23 * 60,
    });
    expect(localDateParts('America/New_York', at('2026-02-11T22:00Z'))).toMatchObject({ day: 11 });
  });

  it('numbers weekdays from Monday 0 to Sunday 6', () => {
    expect(localDateParts('UTC', at('2026-02-09T00:00Z')).weekday).toBe(0);
    expect(localDateParts('UTC', at('2026-02-15T23:59Z')).weekday).toBe(6);
  });

  it('keeps the fraction of a minute', () => {
    expect(localDateParts('UTC', at('2026-02-09T00:01:30Z')).minuteOfDay).toBe(1.5);
  });
});

describe('utcFromWall', () => {
  it('converts an ordinary wall time with the offset in force', () => {
    expect(iso(utcFromWall('Europe/Berlin', 2026, 7, 1, 9 * 60))).toBe('2026-07-01T07:00:00.000Z');
    expect(iso(utcFromWall('America/New_York', 2026, 1, 15, 9 * 60))).toBe('2026-01-15T14:00:00.000Z');
  });

  it('maps a wall time in the spring-forward gap with the offset from before it', () => {
    expect(iso(utcFromWall('America/New_York', 2026, 3, 8, 150))).toBe('2026-03-08T07:30:00.000Z');
    expect(iso(utcFromWall('Europe/Berlin', 2026, 3, 29, 150))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('maps an ambiguous fall-back wall time to its first occurrence', () => {
    expect(iso(utcFromWall('America/New_York', 2026, 11, 1, 90))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(utcFromWall('Europe/Berlin', 2026, 10, 25, 150))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('accepts 1440 as the next midnight', () => {
    expect(iso(utcFromWall('Europe/Berlin', 2026, 3, 28, 1440))).toBe('2026-03-28T23:00:00.000Z');
  });

  it('throws a RangeError for a non-finite wall time', () => {
    expect(() => utcFromWall('UTC', 2026, Number.NaN, 1, 0)).toThrow(RangeError);
  });

  it('round-trips localDateParts', () => {
    const t = at('2026-10-25T03:17:45Z');
    const { year, month, day, minuteOfDay } = localDateParts('Europe/Berlin', t);
    expect(utcFromWall('Europe/Berlin', year, month, day, minuteOfDay)).toBe(t);
  });
});

describe('startOfLocalDay', () => {
  it('cuts a New York day at local midnight (Chatwoot C13)', () => {
    expect(iso(startOfLocalDay('America/New_York', at('2026-02-12T04:00Z')))).toBe('2026-02-11T05:00:00.000Z');
  });

  it('starts a day whose midnight is skipped at the end of the gap', () => {
    // Santiago springs from Saturday 24:00 to Sunday 01:00.
    expect(iso(startOfLocalDay('America/Santiago', at('2026-09-06T12:00Z')))).toBe('2026-09-06T04:00:00.000Z');
  });
});

describe('addLocalDays', () => {
  it('keeps the wall-clock time across a DST change', () => {
    expect(iso(addLocalDays('America/New_York', at('2026-03-07T17:00Z'), 1))).toBe('2026-03-08T16:00:00.000Z');
    expect(iso(addLocalDays('America/New_York', at('2026-03-08T16:00Z'), -1))).toBe('2026-03-07T17:00:00.000Z');
  });

  it('gives day buckets of 23 and 25 hours on DST days', () => {
    const spring = at('2026-03-28T23:00Z');
    const fall = at('2026-10-24T22:00Z');
    expect(addLocalDays('Europe/Berlin', spring, 1) - spring).toBe(23 * 3_600_000);
    expect(addLocalDays('Europe/Berlin', fall, 1) - fall).toBe(25 * 3_600_000);
  });

  it('crosses month and year ends', () => {
    expect(iso(addLocalDays('UTC', at('2026-12-31T08:00Z'), 1))).toBe('2027-01-01T08:00:00.000Z');
  });
});

describe('startOfLocalWeek', () => {
  it('starts weeks on Monday', () => {
    expect(iso(startOfLocalWeek('America/New_York', at('2026-02-11T15:00Z')))).toBe('2026-02-09T05:00:00.000Z');
    expect(iso(startOfLocalWeek('America/New_York', at('2026-02-16T04:59Z')))).toBe('2026-02-09T05:00:00.000Z');
    expect(iso(startOfLocalWeek('America/New_York', at('2026-02-16T05:00Z')))).toBe('2026-02-16T05:00:00.000Z');
  });

  it('starts a week in the offset in force on its Monday', () => {
    expect(iso(startOfLocalWeek('America/New_York', at('2026-03-08T18:00Z')))).toBe('2026-03-02T05:00:00.000Z');
    expect(iso(startOfLocalWeek('America/New_York', at('2026-03-10T18:00Z')))).toBe('2026-03-09T04:00:00.000Z');
  });
});

describe('startOfLocalMonth', () => {
  it('starts the month at local midnight of its first day', () => {
    expect(iso(startOfLocalMonth('America/New_York', at('2026-03-15T12:00Z')))).toBe('2026-03-01T05:00:00.000Z');
    expect(iso(startOfLocalMonth('Europe/Berlin', at('2026-04-10T12:00Z')))).toBe('2026-03-31T22:00:00.000Z');
  });

  it('uses the local month, not the UTC one', () => {
    expect(iso(startOfLocalMonth('America/New_York', at('2026-02-01T03:00Z')))).toBe('2026-01-01T05:00:00.000Z');
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and UTC', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
  });

  it('rejects unknown names', () => {
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
