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

export const KpiScore = Type.Object({
  value: Type.Union([Type.Number(), Type.Null()], { description: 'null when the sample is empty' }),
  sample: Type.Integer(),
  previous: KpiValue,
  change: Type.Union([Type.Number(), Type.Null()], { description: 'relative change against the previous period' }),
  status: Type.Union([Type.Literal('green'), Type.Literal('amber'), Type.Literal('red'), Type.Literal('none')]),
  teamMedian: Type.Union([Type.Number(), Type.Null()]),
});

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

export const TeamView = Type.Object({
  period: Period,
  from: IsoTime,
  to: IsoTime,
  revision: Type.Integer(),
  team: teamKpis,
  agents: Type.Array(Type.Object({ agent: AgentRef, kpis: agentKpis })),
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
