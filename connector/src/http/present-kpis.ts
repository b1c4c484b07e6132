import {
  AGENT_KPI_KEYS,
  computeKpis,
  KPI_KEYS,
  type History,
  type KpiKey,
  type KpiScore,
  type KpiScores,
  type Scorecard,
} from '@frontline/kpi';
import type { Static } from 'typebox';
import { PERIODS, type PeriodName, type TenantView } from '../live/tenant-view.js';
import type { TicketLabel } from '../store/sync-store.js';
import { drillDownRows, type DrillDownSortKey, type SortOrder } from './drill-down-rows.js';
import { missingReason } from './missing-reason.js';
import { nextActionOf } from './next-action.js';
import type { Dashboard, DrillDown, KpiScore as KpiScoreSchema, TeamView } from './schemas/kpi-schemas.js';

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

// Every request between two views asks for the same few dashboards: each is built and
// serialized once per view (the cache goes with the view).
const dashboardTexts = new WeakMap<TenantView, Map<string, string>>();

/** {@link dashboardJson} as JSON text, built once per view and agent. */
export function dashboardText(view: TenantView, agentId: string): string {
  let texts = dashboardTexts.get(view);
  if (texts === undefined) dashboardTexts.set(view, (texts = new Map()));
  let text = texts.get(agentId);
  if (text === undefined) texts.set(agentId, (text = JSON.stringify(dashboardJson(view, agentId))));
  return text;
}

/** One agent's numbers for every period; an agent with no tickets gets empty values, not an error. */
export function dashboardJson(view: TenantView, agentId: string): Static<typeof Dashboard> {
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
    next: nextActionOf(view, agentId),
    revision: view.revision,
    computedAt: iso(view.computedAt),
    timeZone: view.timeZone,
    trend,
    periods,
  };
}

/** Every agent of the team with their numbers, sorted by a KPI (empty values last). */
export function teamJson(
  view: TenantView,
  period: PeriodName,
  sort: KpiKey | 'name',
  order: 'asc' | 'desc',
): Static<typeof TeamView> {
  const card = view.periods[period];
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

/** The tickets behind one KPI value of an agent (or the team, for `null`), computed on request. */
export async function drillDownJson(
  history: History,
  view: TenantView,
  request: {
    period: PeriodName;
    kpi: KpiKey;
    agentId: string | null;
    escalationTags: readonly string[];
    sort: DrillDownSortKey;
    order: SortOrder;
  },
  labelsOf: (ticketIds: readonly string[]) => Promise<ReadonlyMap<string, TicketLabel>>,
): Promise<Static<typeof DrillDown>> {
  const { window } = view.periods[request.period];
  const [report] = computeKpis(history, [window], {
    now: view.computedAt,
    escalationTags: request.escalationTags,
    agentIds: request.agentId === null ? [] : [request.agentId],
    drillDown: true,
  });
  const agentSet = request.agentId === null ? undefined : report!.agents.get(request.agentId);
  const value =
    request.agentId === null
      ? report!.team[request.kpi]
      : (agentSet as Readonly<Record<KpiKey, { value: number | null }>> | undefined)?.[request.kpi];
  const tickets =
    request.agentId === null
      ? report!.teamTickets[request.kpi]
      : report!.agentTickets.get(request.agentId)?.[request.kpi];
  const sample = [...(tickets?.sample ?? [])];
  const labels = await labelsOf([...new Set(sample)]);
  return {
    kpi: request.kpi,
    period: request.period,
    agentId: request.agentId,
    from: iso(window.from),
    to: iso(window.to),
    value: value?.value ?? null,
    sample,
    matching: [...(tickets?.matching ?? [])],
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
