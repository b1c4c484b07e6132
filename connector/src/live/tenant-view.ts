import {
  agentKpiSetOf,
  bucketWindows,
  computeInsights,
  dashboardWindows,
  EMPTY_TOTALS,
  isSolvedNow,
  kpiSetOf,
  previousWindow,
  scorecardOf,
  type AgentKpiKey,
  type AgentKpiSet,
  type KpiTarget,
  type Scorecard,
  type TimeWindow,
  type WindowKpis,
} from '@frontline/kpi';
import type { KpiReads } from '../store/kpi-reads.js';

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
  readonly tenantId: string;
  readonly revision: number;
  readonly computedAt: number;
  readonly timeZone: string;
  readonly periods: Readonly<Record<PeriodName, Scorecard>>;
  /** Each local day of the last 30, oldest first: the sidebar's trend lines. */
  readonly days: readonly WindowKpis[];
  /** Escalations and successes of the last 7 days, newest first. */
  readonly alerts: readonly Alert[];
  /** Escalations whose ticket is still solved as it was when rated (nobody followed up yet), by alert id. */
  readonly unanswered: ReadonlySet<string>;
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
  /** The team's median of public replies per ticket solved in the last 30 days. */
  readonly typicalReplies: number | null;
  readonly escalationTags: readonly string[];
  /** The tenant's headline KPIs, in display order (its settings). */
  readonly headline: readonly AgentKpiKey[];
  /** Whether NPS and CES can have answers: a survey tool is connected, or answers came. */
  readonly surveySource: boolean;
  /** What any other window of this revision is scored with. */
  readonly targets: readonly KpiTarget[];
  readonly agentIds: readonly string[];
  readonly ratingsIncludeUnanswered: boolean;
}

export interface ViewOptions {
  readonly now: number;
  readonly targets: readonly KpiTarget[];
  readonly escalationTags: readonly string[];
  readonly headline: readonly AgentKpiKey[];
  /** A survey tool (Zigpoll) is connected to the tenant. */
  readonly surveySource: boolean;
}

/** The KPI values of windows aggregated by the store, every known agent listed (empty without events). */
export async function readWindowKpis(
  reads: KpiReads,
  tenantId: string,
  windows: readonly TimeWindow[],
  now: number,
  known: { readonly agentIds: readonly string[]; readonly ratingsIncludeUnanswered: boolean },
): Promise<WindowKpis[]> {
  const totals = await reads.windowTotals(tenantId, windows, now);
  const sentKnown = known.ratingsIncludeUnanswered;
  return totals.map((t) => {
    const agents = new Map<string, AgentKpiSet>();
    for (const [id, agent] of t.agents) agents.set(id, agentKpiSetOf(agent, sentKnown));
    for (const id of known.agentIds) if (!agents.has(id)) agents.set(id, agentKpiSetOf(EMPTY_TOTALS, sentKnown));
    return { window: t.window, team: kpiSetOf(t.team, sentKnown), agents };
  });
}

/** Scores any window of the view's revision against the one before it, from the store. */
export async function readScorecard(reads: KpiReads, view: TenantView, window: TimeWindow): Promise<Scorecard> {
  const [current, before] = await readWindowKpis(
    reads,
    view.tenantId,
    [window, previousWindow(window)],
    view.computedAt,
    view,
  );
  return scorecardOf(current!, before!, view.targets);
}

/**
 * Scores today, 7 and 30 days for the team and every agent, and gathers the alerts: the numbers
 * from the store's window totals, the alerts from a slice of the last 7 days, both read at
 * (about) one revision. No history is loaded.
 */
export async function computeTenantView(reads: KpiReads, tenantId: string, options: ViewOptions): Promise<TenantView> {
  const basics = await reads.viewBasics(tenantId);
  const timeZone = basics.schedule?.timeZone ?? 'UTC';
  const windows = dashboardWindows(options.now, timeZone);
  const named = [windows.today, windows.last7Days, windows.last30Days];
  const dayWindows = bucketWindows(windows.last30Days, timeZone, 'day');
  const [reports, insightSlice, typicalReplies] = await Promise.all([
    readWindowKpis(reads, tenantId, [...named.flatMap((w) => [w, previousWindow(w)]), ...dayWindows], options.now, {
      agentIds: basics.agents.map((a) => a.id),
      ratingsIncludeUnanswered: basics.ratingsIncludeUnanswered,
    }),
    reads.insightSlice(tenantId, windows.last7Days),
    reads.typicalReplies(tenantId, windows.last30Days),
  ]);
  const card = (i: number) => scorecardOf(reports[2 * i]!, reports[2 * i + 1]!, options.targets);
  const periods = { today: card(0), last7Days: card(1), last30Days: card(2) };
  const days = reports.slice(6);
  // Without targets the insights skip their scorecard: only the ratings are wanted here.
  const insights = computeInsights(insightSlice, windows.last7Days, {
    now: options.now,
    escalationTags: options.escalationTags,
  });
  const tickets = new Map(insightSlice.tickets.map((t) => [t.id, t]));
  const alerts: Alert[] = [];
  const unanswered = new Set<string>();
  const repeatContacts: { agentId: string | null; ticketId: string; at: number }[] = [];
  for (const insight of insights) {
    if (insight.kind === 'repeat_contact') {
      repeatContacts.push({ agentId: insight.agentId, ticketId: insight.ticketIds[1], at: insight.at });
      continue;
    }
    if (insight.kind !== 'negative_rating' && insight.kind !== 'success') continue;
    const alert: Alert = {
      id: `${insight.ratingId}@${insight.at}`,
      ratingId: insight.ratingId,
      kind: insight.kind === 'negative_rating' ? 'escalation' : 'success',
      agentId: insight.agentId,
      ticketId: insight.ticketIds[0]!,
      at: insight.at,
      comment: insight.comment,
    };
    alerts.push(alert);
    // Reopened since, or solved again after the rating: followed up.
    const ticket = tickets.get(alert.ticketId);
    const followedUp = ticket !== undefined && (!isSolvedNow(ticket) || (ticket.solvedAt ?? 0) > alert.at);
    if (alert.kind === 'escalation' && !followedUp) unanswered.add(alert.id);
  }
  return {
    tenantId,
    revision: basics.revision,
    computedAt: options.now,
    timeZone,
    periods,
    days,
    alerts,
    unanswered,
    agentNames: new Map(basics.agents.map((a) => [a.id, a.name])),
    repeatContacts,
    typicalReplies,
    escalationTags: options.escalationTags,
    headline: options.headline,
    surveySource: options.surveySource || basics.surveyAnswers,
    targets: options.targets,
    agentIds: basics.agents.map((a) => a.id),
    ratingsIncludeUnanswered: basics.ratingsIncludeUnanswered,
  };
}
