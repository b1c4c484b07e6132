import { AGENT_KPI_KEYS, DEFAULT_HEADLINE, type AgentKpiKey } from '@frontline/kpi';

/** What a tenant's admin chooses for the whole account. */
export interface TenantSettings {
  /** The KPIs the sidebar leads with, in display order (1 to {@link MAX_HEADLINE} distinct agent KPIs). */
  readonly headline: readonly AgentKpiKey[];
}

export const MAX_HEADLINE = 8;

export { DEFAULT_HEADLINE };

export const DEFAULT_SETTINGS: TenantSettings = { headline: DEFAULT_HEADLINE };

/** Refuses a headline that is empty, too long, repeats a KPI or names one that is not per agent. */
export function assertHeadline(headline: readonly string[]): asserts headline is readonly AgentKpiKey[] {
  if (!Array.isArray(headline) || headline.length === 0 || headline.length > MAX_HEADLINE) {
    throw new RangeError(
      `the headline has 1 to ${MAX_HEADLINE} KPIs, got ${Array.isArray(headline) ? headline.length : 'none'}`,
    );
  }
  const unknown = headline.filter((k) => !(AGENT_KPI_KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new RangeError(`the headline names KPIs that are not measured per agent: ${unknown.join(', ')}`);
  }
  if (new Set(headline).size !== headline.length) {
    throw new RangeError('the headline names a KPI twice: list each once, in display order');
  }
}
