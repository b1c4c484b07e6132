import { describe, expect, it } from 'vitest';
import { computeKpis } from './compute-kpis.js';
import { bucketWindows, dashboardWindows } from './periods.js';
import { aHistory, aTicket, at } from './testing/index.js';

const HOUR = 60 * 60 * 1000;

describe('dashboardWindows', () => {
  it('cuts today, 7 and 30 days as whole local days ending tonight', () => {
    // 23:30 UTC on 10 March is already 11 March in Berlin.
    const windows = dashboardWindows(at('2026-03-10T23:30:00Z'), 'Europe/Berlin');
    expect(windows.today).toEqual({ from: at('2026-03-10T23:00:00Z'), to: at('2026-03-11T23:00:00Z') });
    expect(windows.last7Days.from).toBe(at('2026-03-04T23:00:00Z'));
    expect(windows.last30Days.from).toBe(at('2026-02-09T23:00:00Z'));
  });

  it('gives a 23-hour today on the spring-forward day', () => {
    const { today } = dashboardWindows(at('2026-03-29T12:00:00Z'), 'Europe/Berlin');
    expect(today.to - today.from).toBe(23 * HOUR);
  });
});

describe('bucketWindows', () => {
  it('cuts weeks from Monday in the local zone, one of 167 hours across the DST change', () => {
    const month = { from: at('2026-03-15T23:00:00Z'), to: at('2026-04-05T22:00:00Z') };
    const weeks = bucketWindows(month, 'Europe/Berlin', 'week');
    expect(weeks.map((w) => (w.to - w.from) / HOUR)).toEqual([168, 167, 168]);
    expect(weeks[1]).toEqual({ from: at('2026-03-22T23:00:00Z'), to: at('2026-03-29T22:00:00Z') });
  });

  it('counts a ticket in the local week it was solved in, around the DST change', () => {
    const weeks = bucketWindows(
      { from: at('2026-03-22T23:00:00Z'), to: at('2026-04-05T22:00:00Z') },
      'Europe/Berlin',
      'week',
    );
    const sundayNight = aTicket({ createdAt: at('2026-03-20T00:00:00Z'), solvedAt: at('2026-03-29T21:30:00Z') });
    const mondayMorning = aTicket({ createdAt: at('2026-03-20T00:00:00Z'), solvedAt: at('2026-03-29T22:30:00Z') });
    const reports = computeKpis(aHistory({ tickets: [sundayNight, mondayMorning] }), weeks, {
      now: at('2026-05-01T00:00:00Z'),
    });
    expect(reports.map((r) => r.team.solved.value)).toEqual([1, 1]);
  });

  it('cuts months and days, trimming the ends to the window', () => {
    const window = { from: at('2026-01-15T12:00:00Z'), to: at('2026-03-02T00:00:00Z') };
    expect(bucketWindows(window, 'UTC', 'month')).toEqual([
      { from: window.from, to: at('2026-02-01T00:00:00Z') },
      { from: at('2026-02-01T00:00:00Z'), to: at('2026-03-01T00:00:00Z') },
      { from: at('2026-03-01T00:00:00Z'), to: window.to },
    ]);
    expect(
      bucketWindows({ from: at('2026-10-24T22:00:00Z'), to: at('2026-10-26T23:00:00Z') }, 'Europe/Berlin', 'day').map(
        (d) => (d.to - d.from) / HOUR,
      ),
    ).toEqual([25, 24]);
  });
});
