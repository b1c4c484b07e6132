import { computeKpis, type KpiOptions, type KpiReport } from './compute-kpis.js';
import { AGENT_KPI_KEYS, KPI_KEYS, type KpiKey } from './kpi-keys.js';
import type { KpiTickets, KpiTicketSet, KpiValue } from './kpi-value.js';
import type { History } from './model.js';
import { computeTargetStatus, type KpiTarget, type TargetStatus } from './targets.js';
import { computeTeamMedian } from './team-median.js';
import { previousWindow, type TimeWindow } from './time-window.js';
import { computeTrend } from './trend.js';

/** A KPI as the sidebar shows it: the value, how it moved, how it stands against its target and the team. */
export interface KpiScore extends KpiValue {
  readonly previous: KpiValue;
  /** Relative change against the previous window; `null` without a baseline. */
  readonly change: number | null;
  readonly status: TargetStatus;
  /** Median of the agents' values; `null` when no agent has one. */
  readonly teamMedian: number | null;
  /** The tickets behind the value, when drill-down was asked for. */
  readonly tickets?: KpiTickets;
}

export type KpiScores = Readonly<Partial<Record<KpiKey, KpiScore>>>;

export interface Scorecard {
  readonly window: TimeWindow;
  readonly previousWindow: TimeWindow;
  readonly team: KpiScores;
  readonly agents: ReadonlyMap<string, KpiScores>;
}

export interface ScorecardOptions extends KpiOptions {
  readonly targets?: readonly KpiTarget[];
}

/** Scores every KPI in `window` against the previous window of equal length, in one pass. */
export function computeScorecard(history: History, window: TimeWindow, options: ScorecardOptions): Scorecard {
  const [current, before] = computeKpis(history, [window, previousWindow(window)], options);
  return scorecardOf(current!, before!, options.targets ?? []);
}

/** The numbers of one window and of the window before it, as a store may aggregate them. */
export type WindowKpis = Pick<KpiReport, 'window' | 'team' | 'agents'> &
  Partial<Pick<KpiReport, 'teamTickets' | 'agentTickets'>>;

/** Scores a window's numbers against the window before: trend, target status and team median. */
export function scorecardOf(current: WindowKpis, before: WindowKpis, targetList: readonly KpiTarget[]): Scorecard {
  const targets = new Map(targetList.map((t) => [t.kpi, t]));
  const teamMedians = new Map<KpiKey, number | null>(
    AGENT_KPI_KEYS.map((k) => [k, computeTeamMedian(current.agents.values(), k)]),
  );
  const score = <K extends KpiKey>(
    keys: readonly K[],
    now: Readonly<Record<K, KpiValue>>,
    then: Readonly<Record<K, KpiValue>> | undefined,
    tickets: KpiTicketSet | undefined,
  ): KpiScores => {
    const out: Partial<Record<KpiKey, KpiScore>> = {};
    for (const key of keys) {
      const value = now[key];
      const prior = then?.[key] ?? { value: null, sample: 0 };
      const list = tickets?.[key];
      out[key] = {
        ...value,
        previous: prior,
        change: computeTrend(value, prior),
        status: computeTargetStatus(value, targets.get(key)),
        teamMedian: teamMedians.get(key) ?? null,
        ...(list ? { tickets: list } : {}),
      };
    }
    return out;
  };
  const agents = new Map<string, KpiScores>();
  for (const [id, set] of current.agents) {
    agents.set(id, score(AGENT_KPI_KEYS, set, before.agents.get(id), current.agentTickets?.get(id)));
  }
  return {
    window: current.window,
    previousWindow: before.window,
    team: score(KPI_KEYS, current.team, before.team, current.teamTickets),
    agents,
  };
}
