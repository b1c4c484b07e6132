import { describe, expect, it } from 'vitest';
import { assertKpiTarget, computeTargetStatus } from './targets.js';

const v = (value: number | null) => ({ value, sample: value === null ? 0 : 1 });

describe('computeTargetStatus', () => {
  const csat = { kpi: 'csat' as const, green: 0.9, amber: 0.8 };
  const frt = { kpi: 'first_reply_time_median' as const, green: 60, amber: 120 };

  it('reads a higher-is-better KPI against its thresholds', () => {
    expect(computeTargetStatus(v(0.95), csat)).toBe('green');
    expect(computeTargetStatus(v(0.9), csat)).toBe('green');
    expect(computeTargetStatus(v(0.85), csat)).toBe('amber');
    expect(computeTargetStatus(v(0.5), csat)).toBe('red');
  });

  it('reads a lower-is-better KPI the other way round', () => {
    expect(computeTargetStatus(v(30), frt)).toBe('green');
    expect(computeTargetStatus(v(90), frt)).toBe('amber');
    expect(computeTargetStatus(v(121), frt)).toBe('red');
  });

  it('honours a direction set on the target', () => {
    const fewerSolved = { kpi: 'solved' as const, green: 10, amber: 20, direction: 'lower_is_better' as const };
    expect(computeTargetStatus(v(5), fewerSolved)).toBe('green');
  });

  it('says none without a target or without a value', () => {
    expect(computeTargetStatus(v(0.5), undefined)).toBe('none');
    expect(computeTargetStatus(v(null), csat)).toBe('none');
  });
});

describe('assertKpiTarget', () => {
  it('refuses thresholds in the wrong order, naming the rule', () => {
    expect(() => assertKpiTarget({ kpi: 'csat', green: 0.7, amber: 0.8 })).toThrow(
      /csat needs finite thresholds with green >= amber/,
    );
    expect(() => assertKpiTarget({ kpi: 'backlog', green: 30, amber: 10 })).toThrow(/green <= amber/);
    expect(() => assertKpiTarget({ kpi: 'csat', green: Number.NaN, amber: 0.8 })).toThrow(RangeError);
  });

  it('accepts well-ordered thresholds', () => {
    expect(() => assertKpiTarget({ kpi: 'csat', green: 0.9, amber: 0.8 })).not.toThrow();
  });
});
