import { describe, expect, it } from 'vitest';
import { etaMs, formatDuration, formatProgress } from './sync-progress.js';

const progress = {
  step: 'recent' as const,
  pages: 12,
  tickets: 12_000,
  ratings: 0,
  replyCounts: 0,
  reachedTime: 1_000 + 250,
  stepFrom: 1_000,
  stepTo: 2_000,
};

describe('sync progress', () => {
  it('draws a bar with pages, tickets, rate-limit waits and ETA on a terminal', () => {
    const line = formatProgress(progress, { rateLimitWaitMs: 54_000, elapsedMs: 60_000 }, 180_000, true);
    expect(line).toBe(
      'recent  #####............... 25%  pages 12  tickets 12000  ratings 0  rate-limit waits 54s  ETA 3m00s',
    );
  });

  it('leaves the bar out of plain log lines', () => {
    expect(formatProgress(progress, { rateLimitWaitMs: 0, elapsedMs: 0 }, null, false)).not.toContain('#');
  });

  it('estimates the rest of a step at the pace so far', () => {
    expect(etaMs(progress, 60_000)).toBe(180_000);
    expect(etaMs({ ...progress, reachedTime: null }, 60_000)).toBeNull();
  });

  it('formats durations for people', () => {
    expect(formatDuration(4_400)).toBe('4s');
    expect(formatDuration(61_000)).toBe('1m01s');
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000)).toBe('3h05m');
  });
});
