import { describe, expect, it } from 'vitest';
import { computeTrend } from './trend.js';

const v = (value: number | null) => ({ value, sample: value === null ? 0 : 1 });

describe('computeTrend', () => {
  it('gives the relative change against the previous window', () => {
    // Frappe F4: average first response 45 now against 30 before is +50%.
    expect(computeTrend(v(45), v(30))).toBe(0.5);
    expect(computeTrend(v(20), v(40))).toBe(-0.5);
  });

  it('gives null when there is no baseline, rather than a change of 0', () => {
    expect(computeTrend(v(10), v(0))).toBeNull();
    expect(computeTrend(v(10), v(null))).toBeNull();
    expect(computeTrend(v(null), v(10))).toBeNull();
  });

  it('gives 0 for an unchanged value', () => {
    expect(computeTrend(v(3), v(3))).toBe(0);
  });
});
