// Which period the sidebar opens on: the agent's last choice if it has data, else the shortest
// period with data from there on (an early morning's empty Today opens on 7 days instead).
import type { PeriodName } from '@frontline/connector/api';
import type { AgentKpiKey } from '@frontline/kpi';
import { PERIODS, type DashboardData } from './dashboard.js';
import type { SidebarHost } from './host.js';

/** Whether a period holds any work (backlog is a snapshot that exists without any, so it does not count). */
export function hasData(dashboard: DashboardData, period: PeriodName): boolean {
  const kpis = dashboard.periods[period].kpis;
  return (Object.keys(kpis) as AgentKpiKey[]).some((k) => k !== 'backlog' && kpis[k].sample > 0);
}

export function openingPeriod(dashboard: DashboardData, remembered: PeriodName | null): PeriodName {
  const from = remembered === null ? 0 : PERIODS.indexOf(remembered);
  const candidates = PERIODS.slice(Math.max(0, from));
  return candidates.find((p) => hasData(dashboard, p)) ?? remembered ?? 'today';
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

function storeOf(host: SidebarHost): Store | null {
  if (host.storage !== undefined) return host.storage;
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // A sandboxed frame may refuse storage: the choice is then kept for this page only.
    return null;
  }
}

const keyOf = (agentId: string) => `frontline.period.${agentId}`;

export function rememberedPeriod(host: SidebarHost, agentId: string): PeriodName | null {
  try {
    const value = storeOf(host)?.getItem(keyOf(agentId)) ?? null;
    return (PERIODS as readonly string[]).includes(value ?? '') ? (value as PeriodName) : null;
  } catch {
    return null;
  }
}

export function rememberPeriod(host: SidebarHost, agentId: string, period: PeriodName): void {
  try {
    storeOf(host)?.setItem(keyOf(agentId), period);
  } catch {
    // Storage full or refused: the choice holds until the frame reloads, which is all we can do.
  }
}
