import type { AgentKpiSet, KpiSet, KpiValue } from './kpi-value.js';
import { ratio } from './statistics.js';

/** NPS: 9 and 10 promote, 0 to 6 detract. */
export const NPS_PROMOTER_MIN = 9;
export const NPS_DETRACTOR_MAX = 6;

/**
 * The counts, sums and medians every KPI of one population (the team or one agent) in one window
 * is made of. The engine's pass and a store's windowed aggregation both produce these; `kpiSetOf`
 * is the one place they become KPI values.
 */
export interface KpiTotals {
  readonly created: number;
  readonly escalated: number;
  /** Distinct requesters among the tickets created (the team's contact ratio). */
  readonly requesters: number;
  readonly firstReplies: number;
  readonly firstReplyMedian: number | null;
  readonly firstReplyMean: number | null;
  readonly firstReplyBusinessMedian: number | null;
  readonly solved: number;
  readonly resolutionMedian: number | null;
  readonly resolutionBusinessMedian: number | null;
  /** Solved tickets with at least one public reply, their replies, and the one-touch among them. */
  readonly replied: number;
  readonly replies: number;
  readonly oneTouch: number;
  readonly reopened: number;
  /** Solved tickets whose 7 days have passed, and those whose requester came back. */
  readonly repeatEligible: number;
  readonly repeated: number;
  readonly backlog: number;
  readonly csatSent: number;
  readonly csatAnswered: number;
  readonly csatPositive: number;
  readonly npsAnswers: number;
  readonly npsPromoters: number;
  readonly npsDetractors: number;
  readonly cesAnswers: number;
  readonly cesSum: number;
}

/** Totals of a population with nothing in the window. */
export const EMPTY_TOTALS: KpiTotals = {
  created: 0,
  escalated: 0,
  requesters: 0,
  firstReplies: 0,
  firstReplyMedian: null,
  firstReplyMean: null,
  firstReplyBusinessMedian: null,
  solved: 0,
  resolutionMedian: null,
  resolutionBusinessMedian: null,
  replied: 0,
  replies: 0,
  oneTouch: 0,
  reopened: 0,
  repeatEligible: 0,
  repeated: 0,
  backlog: 0,
  csatSent: 0,
  csatAnswered: 0,
  csatPositive: 0,
  npsAnswers: 0,
  npsPromoters: 0,
  npsDetractors: 0,
  cesAnswers: 0,
  cesSum: 0,
};

/**
 * The KPI values of the totals. `surveysSentKnown` is false when the helpdesk reports only
 * answered surveys, which leaves the response rate unknown rather than 100%.
 */
export function kpiSetOf(t: KpiTotals, surveysSentKnown: boolean): KpiSet {
  const count = (n: number): KpiValue => ({ value: n, sample: n });
  const of = (value: number | null, sample: number): KpiValue => ({ value: sample === 0 ? null : value, sample });
  return {
    solved: count(t.solved),
    first_reply_time_median: of(t.firstReplyMedian, t.firstReplies),
    first_reply_time_mean: of(t.firstReplyMean, t.firstReplies),
    first_reply_time_business_median: of(t.firstReplyBusinessMedian, t.firstReplies),
    full_resolution_time_median: of(t.resolutionMedian, t.solved),
    full_resolution_time_business_median: of(t.resolutionBusinessMedian, t.solved),
    one_touch_rate: of(ratio(t.oneTouch, t.replied), t.replied),
    reopen_rate: of(ratio(t.reopened, t.solved), t.solved),
    replies_per_ticket: of(ratio(t.replies, t.replied), t.replied),
    csat: of(ratio(t.csatPositive, t.csatAnswered), t.csatAnswered),
    csat_response_rate: surveysSentKnown ? of(ratio(t.csatAnswered, t.csatSent), t.csatSent) : of(null, 0),
    repeat_contact_rate: of(ratio(t.repeated, t.repeatEligible), t.repeatEligible),
    escalation_rate: of(ratio(t.escalated, t.created), t.created),
    backlog: count(t.backlog),
    nps: of(ratio(100 * (t.npsPromoters - t.npsDetractors), t.npsAnswers), t.npsAnswers),
    ces: of(ratio(t.cesSum, t.cesAnswers), t.cesAnswers),
    contact_ratio: of(ratio(t.created, t.requesters), t.requesters),
  };
}

/** The agent's KPI values: the same, without the team-only ones. */
export function agentKpiSetOf(t: KpiTotals, surveysSentKnown: boolean): AgentKpiSet {
  const { contact_ratio: _teamOnly, ...agent } = kpiSetOf(t, surveysSentKnown);
  return agent;
}
