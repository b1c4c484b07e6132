import { isValidTimeZone } from '@frontline/kpi';
import { describe, expect, it } from 'vitest';
import { RAILS_TIME_ZONE_NAMES, ianaTimeZone } from './time-zones.js';

describe('ianaTimeZone', () => {
  it.each([
    ['Eastern Time (US & Canada)', 'America/New_York'],
    ['Pacific Time (US & Canada)', 'America/Los_Angeles'],
    ['London', 'Europe/London'],
    ['Edinburgh', 'Europe/London'],
    ['Chennai', 'Asia/Kolkata'],
    ['Kyiv', 'Europe/Kiev'],
    ['Kyev', 'Europe/Kiev'],
    ["Nuku'alofa", 'Pacific/Tongatapu'],
    ['UTC', 'Etc/UTC'],
  ])('maps the Rails name %s to %s', (rails, iana) => {
    expect(ianaTimeZone(rails)).toBe(iana);
  });

  it('keeps an IANA name', () => {
    expect(ianaTimeZone('America/New_York')).toBe('America/New_York');
    expect(ianaTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
  });

  it('returns null for a name that is neither', () => {
    expect(ianaTimeZone('Atlantis')).toBeNull();
    expect(ianaTimeZone('Mars/Olympus_Mons')).toBeNull();
    expect(ianaTimeZone('eastern time (us & canada)')).toBeNull();
  });

  it('knows the whole Rails list, and every target is a zone this runtime knows', () => {
    expect(RAILS_TIME_ZONE_NAMES.length).toBeGreaterThanOrEqual(150);
    const unknown = RAILS_TIME_ZONE_NAMES.filter((name) => !isValidTimeZone(ianaTimeZone(name) ?? ''));
    expect(unknown).toEqual([]);
  });
});
