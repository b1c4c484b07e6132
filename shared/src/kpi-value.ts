import type { AgentKpiKey, KpiKey } from './kpi-keys.js';

/**
 * One KPI for one population and window. `value` is `null` when the sample is empty, never 0
 * for "no data". Rates are fractions in [0, 1]; durations are minutes.
 */
export interface KpiValue {
  readonly value: number | null;
  readonly sample: number;
}

/**
 * The tickets behind a KPI value, gathered in the same pass that computed it: `sample` is the
 * population the value is computed over (for CSAT, the rated tickets), `matching` the tickets
 * that count towards a rate's numerator (for one-touch, the one-touch tickets). Durations and
 * counts have no numerator and leave `matching` empty.
 */
export interface KpiTickets {
  readonly sample: readonly string[];
  readonly matching: readonly string[];
}

export type KpiSet = Readonly<Record<KpiKey, KpiValue>>;

/** An agent's KPIs: every KPI but the team-only ones. */
export type AgentKpiSet = Readonly<Record<AgentKpiKey, KpiValue>>;

export type KpiTicketSet = Readonly<Partial<Record<KpiKey, KpiTickets>>>;
