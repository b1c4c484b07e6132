import { describe, expect, it } from 'vitest';
import { parseTimeOption } from './parse-time-option.js';
import { UsageError } from './usage-error.js';

const iso = (time: number): string => new Date(time).toISOString();

describe('parseTimeOption', () => {
  it('reads a full ISO time as that instant, whatever the zone', () => {
    expect(iso(parseTimeOption('--from', '2026-01-01T10:00:00Z', 'Asia/Tokyo'))).toBe('2026-01-01T10:00:00.000Z');
    expect(iso(parseTimeOption('--from', '2026-01-01T10:00:00+02:00', 'UTC'))).toBe('2026-01-01T08:00:00.000Z');
    expect(iso(parseTimeOption('--from', '2026-01-01T10:00:00.250Z', 'UTC'))).toBe('2026-01-01T10:00:00.250Z');
  });

  it('reads a bare date as local midnight', () => {
    expect(iso(parseTimeOption('--from', '2026-01-01', 'UTC'))).toBe('2026-01-01T00:00:00.000Z');
    expect(iso(parseTimeOption('--from', '2026-07-01', 'Europe/Berlin'))).toBe('2026-06-30T22:00:00.000Z');
    expect(iso(parseTimeOption('--from', '2026-01-01', 'America/New_York'))).toBe('2026-01-01T05:00:00.000Z');
  });

  it('reads a time without a zone as wall-clock time', () => {
    expect(iso(parseTimeOption('--from', '2026-01-01T09:30:15', 'Europe/Berlin'))).toBe('2026-01-01T08:30:15.000Z');
  });

  it.each(['yesterday', '2026-13-01', '2026-02-29', '2026-01-01T24:00Z', '2026-01-01 10:00', '1767225600000'])(
    'rejects %j naming the option',
    (value) => {
      expect(() => parseTimeOption('--to', value, 'UTC')).toThrow(UsageError);
      expect(() => parseTimeOption('--to', value, 'UTC')).toThrow(`--to ${JSON.stringify(value)} is not a time`);
    },
  );
});
