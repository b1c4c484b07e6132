/** Every KPI of KPIS.md, in the order they are listed there. */
export const KPI_KEYS = [
  'solved',
  'first_reply_time_median',
  'first_reply_time_mean',
  'first_reply_time_business_median',
  'full_resolution_time_median',
  'full_resolution_time_business_median',
  'one_touch_rate',
  'reopen_rate',
  'replies_per_ticket',
  'csat',
  'csat_response_rate',
  'repeat_contact_rate',
  'escalation_rate',
  'backlog',
  'nps',
  'ces',
  'contact_ratio',
] as const;

export type KpiKey = (typeof KPI_KEYS)[number];

/** KPIs that exist only for the team as a whole. */
export const TEAM_ONLY_KPI_KEYS = ['contact_ratio'] as const satisfies readonly KpiKey[];

export type TeamOnlyKpiKey = (typeof TEAM_ONLY_KPI_KEYS)[number];

export type AgentKpiKey = Exclude<KpiKey, TeamOnlyKpiKey>;

/** The KPIs computed per agent: all but the team-only ones. */
export const AGENT_KPI_KEYS: readonly AgentKpiKey[] = KPI_KEYS.filter(
  (key): key is AgentKpiKey => !(TEAM_ONLY_KPI_KEYS as readonly KpiKey[]).includes(key),
);

/**
 * The KPIs a sidebar leads with until a tenant's admin chooses others: what customers feel first,
 * then how the work runs. One list for the connector's setting and the sidebar's fallback.
 */
export const DEFAULT_HEADLINE: readonly AgentKpiKey[] = [
  'csat',
  'repeat_contact_rate',
  'first_reply_time_median',
  'full_resolution_time_median',
  'one_touch_rate',
  'backlog',
];

export type KpiUnit = 'count' | 'rate' | 'minutes' | 'score' | 'ratio';

/** Which way is better, so targets and trends can be read as good or bad news. */
export type KpiDirection = 'higher_is_better' | 'lower_is_better';

export interface KpiDefinition {
  readonly unit: KpiUnit;
  readonly direction: KpiDirection;
}

export const KPI_DEFINITIONS: Readonly<Record<KpiKey, KpiDefinition>> = {
  solved: { unit: 'count', direction: 'higher_is_better' },
  first_reply_time_median: { unit: 'minutes', direction: 'lower_is_better' },
  first_reply_time_mean: { unit: 'minutes', direction: 'lower_is_better' },
  first_reply_time_business_median: { unit: 'minutes', direction: 'lower_is_better' },
  full_resolution_time_median: { unit: 'minutes', direction: 'lower_is_better' },
  full_resolution_time_business_median: { unit: 'minutes', direction: 'lower_is_better' },
  one_touch_rate: { unit: 'rate', direction: 'higher_is_better' },
  reopen_rate: { unit: 'rate', direction: 'lower_is_better' },
  replies_per_ticket: { unit: 'ratio', direction: 'lower_is_better' },
  csat: { unit: 'rate', direction: 'higher_is_better' },
  csat_response_rate: { unit: 'rate', direction: 'higher_is_better' },
  repeat_contact_rate: { unit: 'rate', direction: 'lower_is_better' },
  escalation_rate: { unit: 'rate', direction: 'lower_is_better' },
  backlog: { unit: 'count', direction: 'lower_is_better' },
  nps: { unit: 'score', direction: 'higher_is_better' },
  ces: { unit: 'score', direction: 'higher_is_better' },
  contact_ratio: { unit: 'ratio', direction: 'lower_is_better' },
};

/** Narrows a string to a KPI key. */
export function isKpiKey(value: string): value is KpiKey {
  return (KPI_KEYS as readonly string[]).includes(value);
}
