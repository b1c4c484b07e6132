// The public surface of @frontline/kpi. Anything not exported here is private.

// The normalized ticket model
export type {
  Agent,
  BusinessSchedule,
  History,
  Rating,
  Requester,
  SurveyAnswer,
  SurveyMetric,
  Ticket,
  TicketStatus,
} from './model.js';

// KPIs
export {
  AGENT_KPI_KEYS,
  DEFAULT_HEADLINE,
  KPI_DEFINITIONS,
  KPI_KEYS,
  TEAM_ONLY_KPI_KEYS,
  isKpiKey,
  type AgentKpiKey,
  type KpiDefinition,
  type KpiDirection,
  type KpiKey,
  type KpiUnit,
} from './kpi-keys.js';
export type { AgentKpiSet, KpiSet, KpiTicketSet, KpiTickets, KpiValue } from './kpi-value.js';
export {
  DEFAULT_ESCALATION_TAGS,
  REPEAT_HORIZON_MS,
  computeKpis,
  type KpiOptions,
  type KpiReport,
} from './compute-kpis.js';
export { countedSolveTime, isCustomerContact, isSolvedNow } from './ticket-rules.js';

// Per-ticket facts and the totals they add up to, for stores that aggregate windows themselves
export {
  answerFacts,
  isEscalated,
  ratingFacts,
  repeatContactOf,
  ticketFacts,
  type AnswerFacts,
  type FactOptions,
  type RatingFacts,
  type RepeatContact,
  type TicketFacts,
} from './ticket-facts.js';
export {
  agentKpiSetOf,
  EMPTY_TOTALS,
  kpiSetOf,
  NPS_DETRACTOR_MAX,
  NPS_PROMOTER_MIN,
  type KpiTotals,
} from './kpi-totals.js';
export { assertTimeWindow, inWindow, previousWindow, type TimeWindow } from './time-window.js';
export { bucketWindows, dashboardWindows, type BucketSize, type DashboardWindows } from './periods.js';
export { mean, median, ratio } from './statistics.js';

// Scoring: trend, targets, team median
export { computeTrend } from './trend.js';
export { assertKpiTarget, computeTargetStatus, type KpiTarget, type TargetStatus } from './targets.js';
export { computeTeamMedian } from './team-median.js';
export {
  computeScorecard,
  scorecardOf,
  type KpiScore,
  type KpiScores,
  type Scorecard,
  type ScorecardOptions,
  type WindowKpis,
} from './scorecard.js';

// Coaching insights
export {
  computeInsights,
  type Insight,
  type NegativeRatingInsight,
  type OffTargetInsight,
  type RepeatContactInsight,
  type SuccessInsight,
} from './insights.js';

// Business hours and local time
export { createBusinessClock, weeklyInterval, type BusinessClock, type WeeklyInterval } from './business-hours.js';
export {
  addLocalDays,
  isValidTimeZone,
  localDateParts,
  startOfLocalDay,
  startOfLocalMonth,
  startOfLocalWeek,
  utcFromWall,
  zoneOffsetMinutes,
  type LocalDateParts,
} from './zoned-time.js';
