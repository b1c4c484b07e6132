import { KPI_DEFINITIONS, type AgentKpiKey, type KpiScore } from '@frontline/kpi';
import type { Static } from 'typebox';
import type { TenantView } from '../live/tenant-view.js';
import type { KpiReads } from '../store/kpi-reads.js';
import { drillDownRows } from './drill-down-rows.js';
import type { NextAction } from './schemas/kpi-schemas.js';

export type NextActionJson = Static<typeof NextAction>;

/** At most this many tickets behind a slipping target. */
const MAX_SLIPPING_TICKETS = 20;

// Each view's answers, per agent: the stream asks for every open sidebar at each new view.
const answers = new WeakMap<TenantView, Map<string, Promise<NextActionJson | null>>>();

/** {@link computeNextAction}, once per view and agent (a failed one is asked again next time). */
export function nextActionOf(view: TenantView, agentId: string, reads: KpiReads): Promise<NextActionJson | null> {
  let byAgent = answers.get(view);
  if (byAgent === undefined) answers.set(view, (byAgent = new Map()));
  let next = byAgent.get(agentId);
  if (next === undefined) {
    next = computeNextAction(view, agentId, reads);
    byAgent.set(agentId, next);
    next.catch(() => byAgent.delete(agentId));
  }
  return next;
}

/**
 * The one thing the agent should do next, over the last 7 days, the most urgent first:
 * follow up a negative rating nobody answered yet, then a requester who came back, then a
 * headline KPI off target. `null` when there is nothing to act on.
 */
export async function computeNextAction(
  view: TenantView,
  agentId: string,
  reads: KpiReads,
): Promise<NextActionJson | null> {
  const followUps = unansweredNegativeRatings(view, agentId);
  if (followUps.length > 0) return { kind: 'follow_up_rating', kpi: null, ticketIds: followUps };
  const cameBack = [...new Set(view.repeatContacts.filter((r) => r.agentId === agentId).map((r) => r.ticketId))];
  if (cameBack.length > 0) return { kind: 'repeat_contact', kpi: null, ticketIds: cameBack };
  const slipping = slippingHeadlineKpi(view, agentId);
  if (slipping !== null) {
    return { kind: 'target_slipping', kpi: slipping, ticketIds: await ticketsAgainst(view, agentId, slipping, reads) };
  }
  return null;
}

/**
 * The agent's tickets rated badly in the last 7 days (newest first) with no follow-up since:
 * still solved as they were when rated (the view decided which, from the rated tickets).
 */
function unansweredNegativeRatings(view: TenantView, agentId: string): string[] {
  const out: string[] = [];
  for (const alert of view.alerts) {
    if (alert.kind !== 'escalation' || alert.agentId !== agentId || out.includes(alert.ticketId)) continue;
    if (view.unanswered.has(alert.id)) out.push(alert.ticketId);
  }
  return out;
}

/** Whether a KPI moved the wrong way against the period before. */
function gettingWorse(key: AgentKpiKey, score: KpiScore): boolean {
  if (score.change === null || score.change === 0) return false;
  return KPI_DEFINITIONS[key].direction === 'higher_is_better' ? score.change < 0 : score.change > 0;
}

/** The first headline KPI, in display order, that is red, or amber and getting worse, over 7 days. */
function slippingHeadlineKpi(view: TenantView, agentId: string): AgentKpiKey | null {
  const scores = view.periods.last7Days.agents.get(agentId);
  if (scores === undefined) return null;
  for (const key of view.headline) {
    const score = scores[key];
    if (score === undefined) continue;
    if (score.status === 'red' || (score.status === 'amber' && gettingWorse(key, score))) return key;
  }
  return null;
}

/**
 * The tickets that pull a KPI the wrong way over the last 7 days, worst first: for a rate whose
 * numerator is good (CSAT, one-touch) those not counting towards it, for one whose numerator is
 * bad (reopens, repeat contacts, escalations) those counting towards it, for durations and
 * replies the longest first, for the backlog the oldest first.
 */
async function ticketsAgainst(view: TenantView, agentId: string, kpi: AgentKpiKey, reads: KpiReads): Promise<string[]> {
  const { window } = view.periods.last7Days;
  const tickets = await reads.kpiTickets(view.tenantId, { kpi, window, now: view.computedAt, agentId });
  const history = await reads.historySlice(view.tenantId, { ticketIds: [...new Set(tickets.sample)] });
  const { unit, direction } = KPI_DEFINITIONS[kpi];
  const backlog = kpi === 'backlog';
  const rows = drillDownRows(history, {
    kpi,
    window,
    tickets,
    labels: new Map(),
    sort: backlog ? 'time' : 'value',
    order: backlog || direction === 'higher_is_better' ? 'asc' : 'desc',
  });
  const against =
    unit === 'rate' || kpi === 'nps'
      ? rows.filter((r) => (direction === 'higher_is_better' ? !r.matching : r.matching))
      : rows;
  return against.slice(0, MAX_SLIPPING_TICKETS).map((r) => r.id);
}
