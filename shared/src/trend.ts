import type { KpiValue } from './kpi-value.js';

/**
 * Relative change against the previous window: (current - previous) / previous. `null` when
 * either value is missing or the previous value is 0, so "no baseline" never reads as "no change".
 */
export function computeTrend(current: KpiValue, previous: KpiValue): number | null {
  if (current.value === null || previous.value === null || previous.value === 0) return null;
  return (current.value - previous.value) / previous.value;
}
