import {
  bucketWindows,
  computeInsights,
  computeKpis,
  computeScorecard,
  dashboardWindows,
  type History,
  type KpiReport,
  type AgentKpiKey,
  type KpiTarget,
  type Scorecard,
} from '@frontline/kpi';

/** The sidebar's periods, in the order it shows them. */
export const PERIODS = ['today', 'last7Days', 'last30Days'] as const;
export type PeriodName = (typeof PERIODS)[number];

/**
 * A rating an agent and a lead should hear of: a negative one is escalated (agent and lead), a
 * positive one with a comment is a success (the agent, and the lead who may pass it on).
 */
export interface Alert {
  /**
   * The rating's id and time: stable across recomputations, new when the rating changes (a
   * survey answered again, good to bad, counts as news).
   */
  readonly id: string;
  readonly ratingId: string;
  readonly kind: 'escalation' | 'success';
  readonly agentId: string | null;
  readonly ticketId: string;
  readonly at: number;
  readonly comment: string | null;
}

/** Everything the API answers from for one tenant at one revision: computed once, read by every request. */
export interface TenantView {
  readonly revision: number;
  readonly computedAt: number;
  readonly timeZone: string;
  readonly periods: Readonly<Record<PeriodName, Scorecard>>;
  /** Each local day of the last 30, oldest first: the sidebar's trend lines. */
  readonly days: readonly KpiReport[];
  /** Escalations and successes of the last 7 days, newest first. */
  readonly alerts: readonly Alert[];
  readonly agentNames: ReadonlyMap<string, string>;
  /**
   * Requesters who came back within 7 days of a solve in the last 7 days, newest first: the agent
   * who solved it and the new ticket.
   */
  readonly repeatContacts: readonly {
    readonly agentId: string | null;
    readonly ticketId: string;
    readonly at: number;
  }[];
  /** The history the numbers are computed from (the live snapshot's, not a copy). */
  readonly history: History;
  readonly escalationTags: readonly string[];
  /** The tenant's headline KPIs, in display order (its settings). */
  readonly headline: readonly AgentKpiKey[];
  /** Whether NPS and CES can have answers: a survey tool is connected, or answers came. */
  readonly surveySource: boolean;
}

export interface ViewOptions {
  readonly now: number;
  readonly targets: readonly KpiTarget[];
  readonly escalationTags: readonly string[];
  readonly headline: readonly AgentKpiKey[];
  /** A survey tool (Zigpoll) is connected to the tenant. */
  readonly surveySource: boolean;
}

/** The tenant's time zone: its business schedule's, else UTC. */
export function timeZoneOf(history: History): string {
  return history.schedule?.timeZone ?? 'UTC';
}

/** Scores today, 7 and 30 days for the team and every agent, and gathers the alerts. */
export function computeTenantView(history: History, revision: number, options: ViewOptions): TenantView {
  const timeZone = timeZoneOf(history);
  const windows = dashboardWindows(options.now, timeZone);
  const scoring = { now: options.now, targets: options.targets, escalationTags: options.escalationTags };
  const periods = {
    today: computeScorecard(history, windows.today, scoring),
    last7Days: computeScorecard(history, windows.last7Days, scoring),
    last30Days: computeScorecard(history, windows.last30Days, scoring),
  };
  const days = computeKpis(history, bucketWindows(windows.last30Days, timeZone, 'day'), scoring);
  // Without targets the insights skip their scorecard: only the ratings are wanted here.
  const insights = computeInsights(history, windows.last7Days, {
    now: options.now,
    escalationTags: options.escalationTags,
  });
  const alerts: Alert[] = [];
  const repeatContacts: { agentId: string | null; ticketId: string; at: number }[] = [];
  for (const insight of insights) {
    if (insight.kind === 'repeat_contact') {
      repeatContacts.push({ agentId: insight.agentId, ticketId: insight.ticketIds[1], at: insight.at });
      continue;
    }
    if (insight.kind !== 'negative_rating' && insight.kind !== 'success') continue;
    alerts.push({
      id: `${insight.ratingId}@${insight.at}`,
      ratingId: insight.ratingId,
      kind: insight.kind === 'negative_rating' ? 'escalation' : 'success',
      agentId: insight.agentId,
      ticketId: insight.ticketIds[0]!,
      at: insight.at,
      comment: insight.comment,
    });
  }
  return {
    revision,
    computedAt: options.now,
    timeZone,
    periods,
    days,
    alerts,
    agentNames: new Map(history.agents.map((a) => [a.id, a.name])),
    repeatContacts,
    history,
    escalationTags: options.escalationTags,
    headline: options.headline,
    surveySource: options.surveySource || history.surveyAnswers.length > 0,
  };
}
