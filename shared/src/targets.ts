import { KPI_DEFINITIONS, type KpiDirection, type KpiKey } from './kpi-keys.js';
import type { KpiValue } from './kpi-value.js';

/**
 * A tenant's target for one KPI. With `higher_is_better`, a value at or above `green` is green,
 * at or above `amber` is amber, below is red; `lower_is_better` mirrors that.
 */
export interface KpiTarget {
  readonly kpi: KpiKey;
  readonly green: number;
  readonly amber: number;
  /** Defaults to the KPI's natural direction. */
  readonly direction?: KpiDirection;
}

/** `none` when there is no target or no value to judge. */
export type TargetStatus = 'green' | 'amber' | 'red' | 'none';

/** Throws when the thresholds are in the wrong order for the direction: a configuration bug. */
export function assertKpiTarget(target: KpiTarget): void {
  const direction = target.direction ?? KPI_DEFINITIONS[target.kpi].direction;
  const ordered = direction === 'higher_is_better' ? target.green >= target.amber : target.green <= target.amber;
  if (!Number.isFinite(target.green) || !Number.isFinite(target.amber) || !ordered) {
    const hint = direction === 'higher_is_better' ? 'green >= amber' : 'green <= amber';
    throw new RangeError(
      `target for ${target.kpi} needs finite thresholds with ${hint} (${direction}), got green=${target.green} amber=${target.amber}`,
    );
  }
}

/** Green, amber or red for a value against its target. */
export function computeTargetStatus(value: KpiValue, target: KpiTarget | undefined): TargetStatus {
  if (target === undefined || value.value === null) return 'none';
  const direction = target.direction ?? KPI_DEFINITIONS[target.kpi].direction;
  const v = value.value;
  if (direction === 'higher_is_better') return v >= target.green ? 'green' : v >= target.amber ? 'amber' : 'red';
  return v <= target.green ? 'green' : v <= target.amber ? 'amber' : 'red';
}
