import { AGENT_KPI_KEYS, KPI_KEYS, type AgentKpiKey, type KpiKey } from '@frontline/kpi';
import Type, { type TObject } from 'typebox';
import { PERIODS, type PeriodName } from '../../live/tenant-view.js';
import { Id, IsoTime } from './common-schemas.js';

export const Period = Type.Unsafe<PeriodName>({
  type: 'string',
  enum: [...PERIODS],
  description: 'today, the last 7 or the last 30 local days (today included)',
});

export const KpiName = Type.Unsafe<KpiKey>({
  type: 'string',
  enum: [...KPI_KEYS],
  description: 'a KPI of docs/kpis.md',
});

const KpiValue = Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), sample: Type.Integer() });

/** Why a KPI has no value (null whenever it has one); the sidebar says it in words. */
export const MissingReason = Type.Union(
  [
    Type.Literal('no_survey_source'),
    Type.Literal('waiting_period'),
    Type.Literal('no_responses'),
    Type.Literal('empty_window'),
    Type.Null(),
  ],
  {
    description:
      'no_survey_source: NPS/CES without a connected survey tool; waiting_period: solves in the window, none 7 days old yet; no_responses: surveyed, nobody answered; empty_window: nothing to count in this window',
  },
);

export const KpiScore = Type.Object({
  value: Type.Union([Type.Number(), Type.Null()], { description: 'null when the sample is empty' }),
  sample: Type.Integer(),
  previous: KpiValue,
  change: Type.Union([Type.Number(), Type.Null()], { description: 'relative change against the previous period' }),
  status: Type.Union([Type.Literal('green'), Type.Literal('amber'), Type.Literal('red'), Type.Literal('none')]),
  teamMedian: Type.Union([Type.Number(), Type.Null()]),
  team: Type.Object(
    { value: Type.Union([Type.Number(), Type.Null()]), sample: Type.Integer() },
    { description: "the whole team's value over the same window" },
  ),
  reason: MissingReason,
});

/** The one thing to act on now, with the tickets it is about. */
export const NextAction = Type.Object({
  kind: Type.Union([Type.Literal('follow_up_rating'), Type.Literal('repeat_contact'), Type.Literal('target_slipping')]),
  kpi: Type.Union([Type.Unsafe<AgentKpiKey>({ type: 'string', enum: [...AGENT_KPI_KEYS] }), Type.Null()]),
  ticketIds: Type.Array(Type.String()),
});

export const AgentKpiName = Type.Unsafe<AgentKpiKey>({
  type: 'string',
  enum: [...AGENT_KPI_KEYS],
  description: 'a KPI of docs/kpis.md measured per agent',
});

/** The headline KPIs, in display order: the tenant's choice. */
export const Headline = Type.Array(AgentKpiName, { minItems: 1, maxItems: 8, uniqueItems: true });

/** One property per KPI (typed by key, so a missing KPI is a type error in the presenters). */
const kpisOf = <K extends string>(keys: readonly K[]) =>
  Type.Object(Object.fromEntries(keys.map((k) => [k, KpiScore])) as Record<K, typeof KpiScore>);
const agentKpis = kpisOf<AgentKpiKey>(AGENT_KPI_KEYS);
const teamKpis = kpisOf<KpiKey>(KPI_KEYS);

const Window = { from: IsoTime, to: IsoTime };

const DailyValues = Type.Array(Type.Union([Type.Number(), Type.Null()]));

export const AgentRef = Type.Object({ id: Id, name: Type.Union([Type.String(), Type.Null()]) });

export const Dashboard = Type.Object({
  agent: AgentRef,
  headline: Headline,
  next: Type.Union([NextAction, Type.Null()], { description: 'the one thing to act on now, or null' }),
  revision: Type.Integer({ description: 'the store revision the numbers are computed at' }),
  computedAt: IsoTime,
  timeZone: Type.String(),
  trend: Type.Object(
    Object.fromEntries(AGENT_KPI_KEYS.map((k) => [k, DailyValues])) as Record<AgentKpiKey, typeof DailyValues>,
    { description: "the agent's value on each of the last 30 local days, oldest first (null: no sample)" },
  ),
  periods: Type.Object(
    Object.fromEntries(PERIODS.map((p) => [p, Type.Object({ ...Window, kpis: agentKpis })])) as Record<
      PeriodName,
      TObject<{ from: typeof IsoTime; to: typeof IsoTime; kpis: typeof agentKpis }>
    >,
  ),
});

/** An agent's KPIs for a window of the caller's choosing, against the window of equal length before it. */
export const AgentWindowKpis = Type.Object({
  agent: AgentRef,
  ...Window,
  previous: Type.Object(Window),
  timeZone: Type.String(),
  revision: Type.Integer({ description: 'the store revision the numbers are computed at' }),
  kpis: agentKpis,
});

export const WindowQuery = Type.Object(
  {
    from: Type.String({ description: "a date (YYYY-MM-DD: that midnight in the account's time zone) or an ISO time" }),
    to: Type.String({ description: 'the end, excluded; at most a year after from' }),
  },
  { additionalProperties: false },
);

export const TeamView = Type.Object({
  period: Type.Union([Period, Type.Null()], { description: 'null for a from/to window' }),
  from: IsoTime,
  to: IsoTime,
  revision: Type.Integer(),
  team: teamKpis,
  agents: Type.Array(Type.Object({ agent: AgentRef, kpis: agentKpis })),
});

export const DrillDownSort = Type.Object({
  sort: Type.Optional(Type.Union([Type.Literal('value'), Type.Literal('time')], { default: 'time' })),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'desc' })),
});

const PersonRef = Type.Object({ id: Type.String(), name: Type.Union([Type.String(), Type.Null()]) });

export const DrillDownTicket = Type.Object({
  id: Type.String(),
  subject: Type.Union([Type.String(), Type.Null()]),
  requester: Type.Union([PersonRef, Type.Null()]),
  at: Type.Union([IsoTime, Type.Null()], {
    description: 'the moment that counted: the solve, the rating, the first reply; creation for the backlog',
  }),
  value: Type.Union([Type.Number(), Type.Null()], {
    description: 'minutes for durations, a count for replies; null for yes/no KPIs',
  }),
  matching: Type.Boolean({
    description: "counts towards a rate's numerator (csat: a good rating; repeat contact: came back)",
  }),
});

export const DrillDown = Type.Object({
  kpi: KpiName,
  period: Period,
  agentId: Type.Union([Id, Type.Null()]),
  from: IsoTime,
  to: IsoTime,
  value: Type.Union([Type.Number(), Type.Null()]),
  sample: Type.Array(Type.String(), { description: 'the tickets the value is computed over' }),
  matching: Type.Array(Type.String(), { description: "the tickets counting towards a rate's numerator" }),
  tickets: Type.Array(DrillDownTicket, { description: 'the sample, sorted as asked' }),
});

const TicketBrief = Type.Object({
  id: Type.String(),
  status: Type.String(),
  createdAt: IsoTime,
  solvedAt: Type.Union([IsoTime, Type.Null()]),
  assigneeId: Type.Union([Type.String(), Type.Null()]),
});

export const RequesterContext = Type.Object({
  requesterId: Id,
  requesterName: Type.Union([Type.String(), Type.Null()]),
  contactsLast30Days: Type.Integer(),
  recentTickets: Type.Array(TicketBrief, {
    description: 'customer contacts created in the last 30 days, newest first (outbound tickets are none)',
  }),
  openTickets: Type.Array(TicketBrief, {
    description: 'every ticket not solved or closed now, outbound ones included',
  }),
  lastRating: Type.Union([
    Type.Object({
      ticketId: Type.String(),
      positive: Type.Boolean(),
      comment: Type.Union([Type.String(), Type.Null()]),
      at: IsoTime,
    }),
    Type.Null(),
  ]),
  repeatContact: Type.Union(
    [
      Type.Object({
        solvedTicketId: Type.String(),
        solvedAt: IsoTime,
        message: Type.String(),
      }),
      Type.Null(),
    ],
    { description: 'set when a ticket of theirs was solved in the 7 days before this contact' },
  ),
});

export const Alert = Type.Object({
  id: Type.String({ description: 'new when the rating changes' }),
  ratingId: Type.String(),
  kind: Type.Union([Type.Literal('escalation'), Type.Literal('success')]),
  agentId: Type.Union([Type.String(), Type.Null()]),
  ticketId: Type.String(),
  at: IsoTime,
  comment: Type.Union([Type.String(), Type.Null()]),
});

export const AlertList = Type.Object({ alerts: Type.Array(Alert) });

export const TicketSummary = Type.Object({
  ticketId: Type.String(),
  subject: Type.Union([Type.String(), Type.Null()]),
  rating: Type.Union([
    Type.Object({ positive: Type.Boolean(), comment: Type.Union([Type.String(), Type.Null()]), at: IsoTime }),
    Type.Null(),
  ]),
  replies: Type.Integer({ description: 'public agent replies so far' }),
  typicalReplies: Type.Union([Type.Number(), Type.Null()], {
    description: "the team's median replies per ticket solved in the last 30 days",
  }),
  firstReplyMinutes: Type.Union([Type.Number(), Type.Null()]),
  reopens: Type.Integer(),
  outlier: Type.Boolean({ description: 'replies at least 3 times the typical and at least 8' }),
});

export const Settings = Type.Object({ headline: Headline });

export const IdentityProofSetting = Type.Object(
  { required: Type.Boolean({ description: 'every user proves once who they are before signing in' }) },
  { additionalProperties: false },
);
