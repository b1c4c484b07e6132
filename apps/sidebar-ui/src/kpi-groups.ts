// Which KPIs the sidebar leads with and how it groups them: what customers feel, how the work runs.
import { AGENT_KPI_KEYS, DEFAULT_HEADLINE, type AgentKpiKey } from '@frontline/kpi';

/** What customers feel; everything else is how the work runs. */
export const CUSTOMER_KPIS: ReadonlySet<AgentKpiKey> = new Set([
  'csat',
  'csat_response_rate',
  'repeat_contact_rate',
  'nps',
  'ces',
]);

/** Not shown to agents: a mean of skewed durations reads as a scandal (one 40-hour wait) and is no guide. */
export const HIDDEN_FROM_AGENTS: ReadonlySet<AgentKpiKey> = new Set(['first_reply_time_mean']);

export interface KpiGroup {
  readonly name: 'customers' | 'work';
  readonly kpis: readonly AgentKpiKey[];
}

/** The headline in the tenant's order, without what agents are not shown. */
export function headlineOf(headline: readonly AgentKpiKey[] | undefined): readonly AgentKpiKey[] {
  // An older connector sends no headline: the connector's own default then.
  const chosen = headline !== undefined && headline.length > 0 ? headline : DEFAULT_HEADLINE;
  return chosen.filter((k) => !HIDDEN_FROM_AGENTS.has(k));
}

/** The agent KPIs that are not in the headline (behind "All numbers"). */
export function restOf(headline: readonly AgentKpiKey[]): readonly AgentKpiKey[] {
  return AGENT_KPI_KEYS.filter((k) => !headline.includes(k) && !HIDDEN_FROM_AGENTS.has(k));
}

/** Customers first, then work; each in the order given; empty groups left out. */
export function groupKpis(kpis: readonly AgentKpiKey[]): readonly KpiGroup[] {
  const groups: KpiGroup[] = [
    { name: 'customers', kpis: kpis.filter((k) => CUSTOMER_KPIS.has(k)) },
    { name: 'work', kpis: kpis.filter((k) => !CUSTOMER_KPIS.has(k)) },
  ];
  return groups.filter((g) => g.kpis.length > 0);
}
