import { describe, expect, it } from 'vitest';
import { formatChange, formatKpiValue, isImprovement, NO_VALUE, trendVerdict } from './format.js';
import { createTranslator } from './i18n/translate.js';

const en = createTranslator('en-US');
const de = createTranslator('de-DE');

describe('formatting by unit', () => {
  it('rates as percent, minutes as h/min, counts, scores and ratios', () => {
    expect(formatKpiValue('csat', 0.875, en)).toBe('88%');
    expect(formatKpiValue('first_reply_time_median', 42.4, en)).toBe('42 min');
    expect(formatKpiValue('full_resolution_time_median', 1505, en)).toBe('25 h 5 min');
    expect(formatKpiValue('solved', 1234, en)).toBe('1,234');
    expect(formatKpiValue('nps', -12.5, en)).toBe('-12.5');
    expect(formatKpiValue('replies_per_ticket', 1.456, en)).toBe('1.46');
    expect(formatKpiValue('csat', null, en)).toBe(NO_VALUE);
  });

  it('follows the locale', () => {
    expect(formatKpiValue('replies_per_ticket', 1.5, de)).toBe('1,5');
    expect(formatKpiValue('first_reply_time_median', 95, de)).toBe('1 Std. 35 Min.');
  });

  it('signs changes and judges them by the KPI direction', () => {
    expect(formatChange(0.12, en)).toBe('+12%');
    expect(formatChange(-0.5, en)).toBe('-50%');
    expect(isImprovement('csat', 0.1)).toBe(true);
    expect(isImprovement('reopen_rate', 0.1)).toBe(false);
  });
});

describe('trendVerdict', () => {
  it("says better or worse by the KPI's direction, and about the same below 5 %", () => {
    expect(trendVerdict('csat', 0.12)).toBe('better');
    expect(trendVerdict('csat', -0.2)).toBe('worse');
    // Slower first replies are worse though the number went up; a shrinking backlog is better.
    expect(trendVerdict('first_reply_time_median', 0.25)).toBe('worse');
    expect(trendVerdict('backlog', -0.1)).toBe('better');
    expect(trendVerdict('csat', 0.04)).toBe('same');
    expect(trendVerdict('csat', -0.049)).toBe('same');
    // +1,300 % on a tiny sample is still just "better".
    expect(trendVerdict('one_touch_rate', 13)).toBe('better');
    expect(trendVerdict('csat', null)).toBeNull();
  });
});
