import { AGENT_KPI_KEYS, KPI_KEYS, type KpiKey, type KpiScore, type KpiScores, type Scorecard } from '@frontline/kpi';
import type { Static } from 'typebox';
import { PERIODS, type PeriodName, type TenantView } from '../live/tenant-view.js';
import type { KpiReads } from '../store/kpi-reads.js';
import type { TicketLabel } from '../store/sync-store.js';
import { drillDownRows, type DrillDownSortKey, type SortOrder } from './drill-down-rows.js';
import { missingReason } from './missing-reason.js';
import { nextActionOf } from './next-action.js';
import type {
  AgentWindowKpis,
  Dashboard,
  DrillDown,
  KpiScore as KpiScoreSchema,
  TeamView,
} from './schemas/kpi-schemas.js';

type ScoreJson = Static<typeof KpiScoreSchema>;

export const iso = (ms: number): string => new Date(ms).toISOString();

/** A score as the API sends it (the drill-down lists are asked for separately), with the team's value. */
function scoreJson(
  score: KpiScore | undefined,
  teamScore: KpiScore | undefined,
  reason: ScoreJson['reason'],
): ScoreJson {
  const teamMedian = teamScore?.teamMedian ?? null;
  const team = { value: teamScore?.value ?? null, sample: teamScore?.sample ?? 0 };
  if (score === undefined) {
    return {
      value: null,
      sample: 0,
      previous: { value: null, sample: 0 },
      change: null,
      status: 'none',
      teamMedian,
      team,
      reason,
    };
  }
  const { value, sample, previous, change, status } = score;
  return {
    value,
    sample,
    previous: { value: previous.value, sample: previous.sample },
    change,
    status,
    teamMedian,
    team,
    reason,
  };
}

function scoresJson<K extends KpiKey>(
  view: TenantView,
  card: Scorecard,
  scores: KpiScores | undefined,
  keys: readonly K[],
): Record<K, ScoreJson> {
  const out = {} as Record<K, ScoreJson>;
  for (const key of keys) {
    out[key] = scoreJson(scores?.[key], card.team[key], missingReason(key, scores, view.surveySource));
  }
  return out;
}

// Every request between two views asks for the same few dashboards, and every open sidebar of
// an agent hears the same one: each is built once per view (the cache goes with the view).
const dashboards = new WeakMap<TenantView, Map<string, Promise<Static<typeof Dashboard>>>>();

/** {@link dashboardJson}, built once per view and agent (a failure is tried again next time). */
export function dashboardOf(view: TenantView, agentId: string, reads: KpiReads): Promise<Static<typeof Dashboard>> {
  let byAgent = dashboards.get(view);
  if (byAgent === undefined) dashboards.set(view, (byAgent = new Map()));
  let built = byAgent.get(agentId);
  if (built === undefined) {
    built = dashboardJson(view, agentId, reads);
    byAgent.set(agentId, built);
    built.catch(() => byAgent.delete(agentId));
  }
  return built;
}

/** One agent's numbers for every period; an agent with no tickets gets empty values, not an error. */
export async function dashboardJson(
  view: TenantView,
  agentId: string,
  reads: KpiReads,
): Promise<Static<typeof Dashboard>> {
  const periods = {} as Static<typeof Dashboard>['periods'];
  for (const name of PERIODS) {
    const card = view.periods[name];
    periods[name] = {
      from: iso(card.window.from),
      to: iso(card.window.to),
      kpis: scoresJson(view, card, card.agents.get(agentId), AGENT_KPI_KEYS),
    };
  }
  const trend = {} as Static<typeof Dashboard>['trend'];
  for (const key of AGENT_KPI_KEYS) {
    trend[key] = view.days.map((day) => day.agents.get(agentId)?.[key].value ?? null);
  }
  return {
    agent: { id: agentId, name: view.agentNames.get(agentId) || null },
    headline: [...view.headline],
    next: await nextActionOf(view, agentId, reads),
    revision: view.revision,
    computedAt: iso(view.computedAt),
    timeZone: view.timeZone,
    trend,
    periods,
  };
}

/** An agent's numbers for a window of the caller's choosing (`card` scores it). */
export function agentWindowJson(view: TenantView, card: Scorecard, agentId: string): Static<typeof AgentWindowKpis> {
  return {
    agent: { id: agentId, name: view.agentNames.get(agentId) || null },
    from: iso(card.window.from),
    to: iso(card.window.to),
    previous: { from: iso(card.previousWindow.from), to: iso(card.previousWindow.to) },
    timeZone: view.timeZone,
    revision: view.revision,
    kpis: scoresJson(view, card, card.agents.get(agentId), AGENT_KPI_KEYS),
  };
}

/**
 * Every agent of the team with their numbers, sorted by a KPI (empty values last): for one of the
 * view's periods, or (`period` null) a window of the caller's choosing that `card` scores.
 */
export function teamJson(
  view: TenantView,
  period: PeriodName | null,
  sort: KpiKey | 'name',
  order: 'asc' | 'desc',
  card: Scorecard = view.periods[period ?? 'last7Days'],
): Static<typeof TeamView> {
  const ids = new Set([...view.agentNames.keys(), ...card.agents.keys()]);
  const rows = [...ids].map((id) => ({
    agent: { id, name: view.agentNames.get(id) || null },
    kpis: scoresJson(view, card, card.agents.get(id), AGENT_KPI_KEYS),
  }));
  const sign = order === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    if (sort === 'name') return sign * (a.agent.name ?? a.agent.id).localeCompare(b.agent.name ?? b.agent.id);
    // A team-only KPI has no per-agent value: every row is empty and keeps its order.
    const x = (a.kpis as Partial<Record<KpiKey, ScoreJson>>)[sort]?.value ?? null;
    const y = (b.kpis as Partial<Record<KpiKey, ScoreJson>>)[sort]?.value ?? null;
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (x - y) || a.agent.id.localeCompare(b.agent.id);
  });
  return {
    period,
    from: iso(card.window.from),
    to: iso(card.window.to),
    revision: view.revision,
    team: scoresJson(view, card, card.team, KPI_KEYS),
    agents: rows,
  };
}

/** The tickets behind one KPI value of an agent (or the team, for `null`), read from the store on request. */
export async function drillDownJson(
  reads: KpiReads,
  view: TenantView,
  request: {
    period: PeriodName;
    kpi: KpiKey;
    agentId: string | null;
    sort: DrillDownSortKey;
    order: SortOrder;
  },
  labelsOf: (ticketIds: readonly string[]) => Promise<ReadonlyMap<string, TicketLabel>>,
): Promise<Static<typeof DrillDown>> {
  const card = view.periods[request.period];
  const { window } = card;
  const scores = request.agentId === null ? card.team : card.agents.get(request.agentId);
  const tickets = await reads.kpiTickets(view.tenantId, {
    kpi: request.kpi,
    window,
    now: view.computedAt,
    agentId: request.agentId,
  });
  const ids = [...new Set(tickets.sample)];
  const [history, labels] = await Promise.all([reads.historySlice(view.tenantId, { ticketIds: ids }), labelsOf(ids)]);
  return {
    kpi: request.kpi,
    period: request.period,
    agentId: request.agentId,
    from: iso(window.from),
    to: iso(window.to),
    value: scores?.[request.kpi]?.value ?? null,
    sample: [...tickets.sample],
    matching: [...tickets.matching],
    tickets: drillDownRows(history, {
      kpi: request.kpi,
      window,
      tickets,
      labels,
      sort: request.sort,
      order: request.order,
    }),
  };
}
