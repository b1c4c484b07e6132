import { REPEAT_HORIZON_MS } from './compute-kpis.js';
import type { KpiKey } from './kpi-keys.js';
import type { History, Ticket } from './model.js';
import { computeScorecard, type ScorecardOptions } from './scorecard.js';
import { computeTargetStatus, type TargetStatus } from './targets.js';
import { countedSolveTime, isCustomerContact } from './ticket-rules.js';
import type { TimeWindow } from './time-window.js';

/** A negative rating on the agent's ticket: to act on and escalate to the lead. */
export interface NegativeRatingInsight {
  readonly kind: 'negative_rating';
  readonly agentId: string | null;
  readonly ratingId: string;
  readonly at: number;
  readonly comment: string | null;
  readonly ticketIds: readonly string[];
}

/** A positive rating with a comment: a success worth pinpointing. */
export interface SuccessInsight {
  readonly kind: 'success';
  readonly agentId: string | null;
  readonly ratingId: string;
  readonly at: number;
  readonly comment: string;
  readonly ticketIds: readonly string[];
}

/** A KPI off target (red) in this window and the one before: a pattern, not a blip. */
export interface OffTargetInsight {
  readonly kind: 'off_target';
  /** `null` for the team as a whole. */
  readonly agentId: string | null;
  readonly kpi: KpiKey;
  readonly value: number | null;
  readonly previousValue: number | null;
  readonly status: TargetStatus;
  readonly ticketIds: readonly string[];
}

/** A requester who came back within 7 days of a solve: the first ticket did not settle it. */
export interface RepeatContactInsight {
  readonly kind: 'repeat_contact';
  readonly agentId: string | null;
  readonly requesterId: string;
  /** The solved ticket first, then the new one. */
  readonly ticketIds: readonly [string, string];
  readonly at: number;
}

export type Insight = NegativeRatingInsight | SuccessInsight | OffTargetInsight | RepeatContactInsight;

/**
 * Coaching insights for `window`, each naming the tickets behind it: negative ratings and
 * commented positive ratings given in the window, KPIs red in this window and the previous one,
 * and requesters who came back within 7 days of a solve in the window. Newest first.
 */
export function computeInsights(history: History, window: TimeWindow, options: ScorecardOptions): Insight[] {
  const live = new Map<string, Ticket>();
  const removed = new Set<string>();
  for (const ticket of history.tickets) {
    if (ticket.removed) removed.add(ticket.id);
    else live.set(ticket.id, ticket);
  }
  const insights: Insight[] = [
    ...ratingInsights(history, window, live, removed),
    ...offTargetInsights(history, window, options),
    ...repeatContactInsights(live.values(), window),
  ];
  return insights.sort((a, b) => insightTime(b, window) - insightTime(a, window));
}

function ratingInsights(
  history: History,
  window: TimeWindow,
  live: ReadonlyMap<string, Ticket>,
  removed: ReadonlySet<string>,
): Insight[] {
  const out: Insight[] = [];
  for (const rating of history.ratings) {
    if (!rating.answered || rating.at < window.from || rating.at >= window.to) continue;
    if (removed.has(rating.ticketId)) continue;
    const ticket = live.get(rating.ticketId);
    const base = {
      agentId: rating.agentId ?? ticket?.assigneeId ?? null,
      ratingId: rating.id,
      at: rating.at,
      ticketIds: [rating.ticketId],
    };
    if (!rating.positive) out.push({ kind: 'negative_rating', ...base, comment: rating.comment });
    else if (rating.comment !== null && rating.comment.trim() !== '')
      out.push({ kind: 'success', ...base, comment: rating.comment });
  }
  return out;
}

function offTargetInsights(history: History, window: TimeWindow, options: ScorecardOptions): Insight[] {
  if (!options.targets?.length) return [];
  const card = computeScorecard(history, window, { ...options, drillDown: true });
  const out: Insight[] = [];
  const check = (agentId: string | null, scores: typeof card.team): void => {
    for (const target of options.targets ?? []) {
      const score = scores[target.kpi];
      if (score === undefined || score.status !== 'red') continue;
      if (computeTargetStatus(score.previous, target) !== 'red') continue;
      out.push({
        kind: 'off_target',
        agentId,
        kpi: target.kpi,
        value: score.value,
        previousValue: score.previous.value,
        status: score.status,
        ticketIds: score.tickets?.sample ?? [],
      });
    }
  };
  check(null, card.team);
  for (const [agentId, scores] of card.agents) check(agentId, scores);
  return out;
}

/** The same rule as the engine's repeat contacts: customer contacts solved now, and another contact after. */
function repeatContactInsights(tickets: Iterable<Ticket>, window: TimeWindow): Insight[] {
  const solvedInWindow: Ticket[] = [];
  const created = new Map<string, Ticket[]>();
  const latest = window.to + REPEAT_HORIZON_MS;
  for (const ticket of tickets) {
    if (!isCustomerContact(ticket)) continue;
    const solvedAt = countedSolveTime(ticket);
    if (solvedAt !== null && solvedAt >= window.from && solvedAt < window.to) solvedInWindow.push(ticket);
    if (ticket.createdAt >= window.from && ticket.createdAt < latest) {
      const list = created.get(ticket.requesterId);
      if (list === undefined) created.set(ticket.requesterId, [ticket]);
      else list.push(ticket);
    }
  }
  const out: Insight[] = [];
  for (const solved of solvedInWindow) {
    const solvedAt = solved.solvedAt!;
    const next = (created.get(solved.requesterId) ?? [])
      .filter((t) => t.id !== solved.id && t.createdAt >= solvedAt && t.createdAt < solvedAt + REPEAT_HORIZON_MS)
      .sort((a, b) => a.createdAt - b.createdAt)[0];
    if (next === undefined) continue;
    out.push({
      kind: 'repeat_contact',
      agentId: solved.assigneeId,
      requesterId: solved.requesterId,
      ticketIds: [solved.id, next.id],
      at: next.createdAt,
    });
  }
  return out;
}

function insightTime(insight: Insight, window: TimeWindow): number {
  return 'at' in insight ? insight.at : window.to;
}
