import type { AgentKpiKey } from './kpi-keys.js';
import type { AgentKpiSet } from './kpi-value.js';
import { median } from './statistics.js';

/** The median of the agents' values for a KPI, among agents with a value; `null` when none has one. */
export function computeTeamMedian(agents: Iterable<AgentKpiSet>, kpi: AgentKpiKey): number | null {
  const values: number[] = [];
  for (const set of agents) {
    const value = set[kpi].value;
    if (value !== null) values.push(value);
  }
  return median(values);
}
