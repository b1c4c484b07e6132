// The dashboard as the UI reads it: the API response, with the daily trend optional until every
// connector serves it (render it when present, nothing when absent).
import type { DashboardResponse, PeriodName } from '@frontline/connector/api';
import type { AgentKpiKey } from '@frontline/kpi';

/** Daily values of the last 30 local days, oldest first; null on days without a value. */
export type DailyTrend = Partial<Record<AgentKpiKey, readonly (number | null)[]>>;

export type DashboardData = Omit<DashboardResponse, 'trend'> & { readonly trend?: DailyTrend };

export type KpiScore = DashboardResponse['periods'][PeriodName]['kpis'][AgentKpiKey];

/** The periods in the order the UI shows them (as the API names them). */
export const PERIODS: readonly PeriodName[] = ['today', 'last7Days', 'last30Days'];
