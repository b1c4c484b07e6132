import { AGENT_KPI_KEYS, KPI_KEYS, type KpiKey, type KpiReport, type KpiValue } from '@frontline/kpi';

/** The JSON `frontline kpi` prints (KPIS.md, "`frontline kpi`: output"). */
export interface KpiReportJson {
  readonly from: string;
  readonly to: string;
  readonly timezone: string;
  readonly now: string;
  readonly team: Readonly<Record<string, KpiValue>>;
  readonly agents: Readonly<Record<string, Readonly<Record<string, KpiValue>>>>;
}

function pick<K extends KpiKey>(set: Readonly<Record<K, KpiValue>>, keys: readonly K[]): Record<string, KpiValue> {
  const out: Record<string, KpiValue> = {};
  for (const key of keys) out[key] = { value: set[key].value, sample: set[key].sample };
  return out;
}

/** Numeric ids in numeric order, then the rest by name, so output is stable across runs. */
function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * The report as printed: every KPI for the team, every KPI but the team-only ones per agent,
 * agents keyed by the vendor's id, times as ISO strings.
 */
export function kpiReportJson(report: KpiReport, meta: { timezone: string; now: number }): KpiReportJson {
  const agents: Record<string, Record<string, KpiValue>> = {};
  for (const id of [...report.agents.keys()].sort(compareIds)) {
    const set = report.agents.get(id);
    if (set !== undefined) agents[id] = pick(set, AGENT_KPI_KEYS);
  }
  return {
    from: new Date(report.window.from).toISOString(),
    to: new Date(report.window.to).toISOString(),
    timezone: meta.timezone,
    now: new Date(meta.now).toISOString(),
    team: pick(report.team, KPI_KEYS),
    agents,
  };
}
