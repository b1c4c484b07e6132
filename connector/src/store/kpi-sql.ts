import {
  EMPTY_TOTALS,
  NPS_DETRACTOR_MAX,
  NPS_PROMOTER_MIN,
  REPEAT_HORIZON_MS,
  type KpiKey,
  type KpiTickets,
  type KpiTotals,
  type TimeWindow,
} from '@frontline/kpi';
import type { SqlSession } from './sql-client.js';

/** A window's totals for the team and for each agent with something in it. */
export interface WindowTotals {
  readonly window: TimeWindow;
  readonly team: KpiTotals;
  readonly agents: ReadonlyMap<string, KpiTotals>;
}

// Each query joins the facts to the windows on the event time a KPI cuts on, so each window is
// one range of an index that carries the columns read, and groups per window for the team and
// for each agent (GROUPING SETS) in the same scan. Medians are percentile_cont(0.5): the mean of
// the two middle values for an even count, as KPIS.md defines them.

const WINDOWS = 'unnest($2::int8[], $3::int8[]) WITH ORDINALITY AS w(f, t, i)';
const GROUPS = 'GROUP BY GROUPING SETS ((w.i, x.agent_id), (w.i))';
const KEYS = 'w.i::int4 AS w, x.agent_id, GROUPING(x.agent_id) = 1 AS team';

interface GroupRow {
  readonly w: number;
  readonly agent_id: string | null;
  readonly team: boolean;
}

const QUERIES = {
  solved: `SELECT ${KEYS}, count(*)::int4 AS solved,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY x.resolution_minutes) AS "resolutionMedian",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY x.resolution_business_minutes) AS "resolutionBusinessMedian",
      count(*) FILTER (WHERE x.public_replies >= 1)::int4 AS replied,
      coalesce(sum(x.public_replies) FILTER (WHERE x.public_replies >= 1), 0)::int4 AS replies,
      count(*) FILTER (WHERE x.one_touch)::int4 AS "oneTouch",
      count(*) FILTER (WHERE x.reopened)::int4 AS reopened,
      count(*) FILTER (WHERE x.solved_at <= $4)::int4 AS "repeatEligible",
      count(*) FILTER (WHERE x.solved_at <= $4 AND x.repeat_ticket_id IS NOT NULL)::int4 AS repeated
    FROM ${WINDOWS} JOIN ticket_facts x ON x.tenant_id = $1 AND x.solved_at >= w.f AND x.solved_at < w.t
    ${GROUPS}`,
  replied: `SELECT ${KEYS}, count(*)::int4 AS "firstReplies",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY x.first_reply_minutes) AS "firstReplyMedian",
      avg(x.first_reply_minutes) AS "firstReplyMean",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY x.first_reply_business_minutes) AS "firstReplyBusinessMedian"
    FROM ${WINDOWS} JOIN ticket_facts x ON x.tenant_id = $1 AND x.replied_at >= w.f AND x.replied_at < w.t
    ${GROUPS}`,
  created: `SELECT ${KEYS}, count(*)::int4 AS created, count(*) FILTER (WHERE x.escalated)::int4 AS escalated,
      count(DISTINCT x.requester_id)::int4 AS requesters
    FROM ${WINDOWS} JOIN ticket_facts x ON x.tenant_id = $1 AND x.contact_at >= w.f AND x.contact_at < w.t
    ${GROUPS}`,
  // Open at the window's end: opened before it, and closed at or after it (or not yet).
  backlog: `SELECT ${KEYS}, count(*)::int4 AS backlog
    FROM ${WINDOWS} JOIN ticket_facts x ON x.tenant_id = $1 AND x.open_from < w.t
      AND (x.open_until >= w.t OR x.open_until IS NULL)
    ${GROUPS}`,
  ratings: `SELECT ${KEYS}, count(*)::int4 AS "csatSent", count(*) FILTER (WHERE x.answered)::int4 AS "csatAnswered",
      count(*) FILTER (WHERE x.answered AND x.positive)::int4 AS "csatPositive"
    FROM ${WINDOWS} JOIN rating_facts x ON x.tenant_id = $1 AND x.at >= w.f AND x.at < w.t
    ${GROUPS}`,
  answers: `SELECT ${KEYS}, count(*) FILTER (WHERE x.metric = 'nps')::int4 AS "npsAnswers",
      count(*) FILTER (WHERE x.metric = 'nps' AND x.score >= $4)::int4 AS "npsPromoters",
      count(*) FILTER (WHERE x.metric = 'nps' AND x.score < $4 AND x.score <= $5)::int4 AS "npsDetractors",
      count(*) FILTER (WHERE x.metric = 'ces')::int4 AS "cesAnswers",
      coalesce(sum(x.score) FILTER (WHERE x.metric = 'ces'), 0)::float8 AS "cesSum"
    FROM ${WINDOWS} JOIN answer_facts x ON x.tenant_id = $1 AND x.at >= w.f AND x.at < w.t
    ${GROUPS}`,
} as const;

/**
 * The KPI totals of each window for the team and per agent, from the facts alone. `now` decides
 * which solves have had their 7 days (repeat contacts). A team row exists for every window; an
 * agent appears in a window only with something in it.
 */
export async function selectWindowTotals(
  db: SqlSession,
  tenantId: string,
  windows: readonly TimeWindow[],
  now: number,
): Promise<WindowTotals[]> {
  const from = windows.map((w) => w.from);
  const to = windows.map((w) => w.to);
  const base = [tenantId, from, to];
  const results = await Promise.all([
    db.query<GroupRow>(QUERIES.solved, [...base, now - REPEAT_HORIZON_MS]),
    db.query<GroupRow>(QUERIES.replied, base),
    db.query<GroupRow>(QUERIES.created, base),
    db.query<GroupRow>(QUERIES.backlog, base),
    db.query<GroupRow>(QUERIES.ratings, base),
    db.query<GroupRow>(QUERIES.answers, [...base, NPS_PROMOTER_MIN, NPS_DETRACTOR_MAX]),
  ]);
  const totals = windows.map(() => ({ team: { ...EMPTY_TOTALS }, agents: new Map<string, KpiTotals>() }));
  for (const rows of results) {
    for (const row of rows) {
      const { w, agent_id: agentId, team, ...values } = row;
      const slot = totals[w - 1]!;
      if (team) {
        slot.team = { ...slot.team, ...values };
      } else if (agentId !== null) {
        slot.agents.set(agentId, { ...(slot.agents.get(agentId) ?? EMPTY_TOTALS), ...values });
      }
    }
  }
  return windows.map((window, i) => ({ window, team: totals[i]!.team, agents: totals[i]!.agents }));
}

/** A KPI's population in a window, and the part of it that counts towards a rate: each query's `matching` column. */
const TICKET_QUERIES: Readonly<Record<KpiKey, { readonly sql: string; readonly order: string }>> = (() => {
  const solved = (where: string, matching: string) => ({
    sql: `SELECT x.ticket_id AS id, ${matching} AS matching FROM ticket_facts x
      WHERE x.tenant_id = $1 AND x.solved_at >= $2 AND x.solved_at < $3 ${where}`,
    order: 'x.ticket_id',
  });
  const replied = {
    sql: `SELECT x.ticket_id AS id, false AS matching FROM ticket_facts x
      WHERE x.tenant_id = $1 AND x.replied_at >= $2 AND x.replied_at < $3`,
    order: 'x.ticket_id',
  };
  const created = (matching: string) => ({
    sql: `SELECT x.ticket_id AS id, ${matching} AS matching FROM ticket_facts x
      WHERE x.tenant_id = $1 AND x.contact_at >= $2 AND x.contact_at < $3`,
    order: 'x.ticket_id',
  });
  const rated = (where: string, matching: string) => ({
    sql: `SELECT x.ticket_id AS id, ${matching} AS matching FROM rating_facts x
      WHERE x.tenant_id = $1 AND x.at >= $2 AND x.at < $3 ${where}`,
    order: 'x.at, x.rating_id',
  });
  const answered = (metric: string, matching: string) => ({
    sql: `SELECT x.ticket_id AS id, ${matching} AS matching FROM answer_facts x
      WHERE x.tenant_id = $1 AND x.at >= $2 AND x.at < $3 AND x.metric = '${metric}' AND x.ticket_id IS NOT NULL`,
    order: 'x.at, x.answer_id',
  });
  return {
    solved: solved('', 'false'),
    full_resolution_time_median: solved('', 'false'),
    full_resolution_time_business_median: solved('', 'false'),
    reopen_rate: solved('', 'x.reopened'),
    one_touch_rate: solved('AND x.public_replies >= 1', 'x.one_touch'),
    replies_per_ticket: solved('AND x.public_replies >= 1', 'false'),
    repeat_contact_rate: solved('AND x.solved_at <= $4', 'x.repeat_ticket_id IS NOT NULL'),
    first_reply_time_median: replied,
    first_reply_time_mean: replied,
    first_reply_time_business_median: replied,
    escalation_rate: created('x.escalated'),
    contact_ratio: created('false'),
    backlog: {
      sql: `SELECT x.ticket_id AS id, false AS matching FROM ticket_facts x
        WHERE x.tenant_id = $1 AND x.open_from < $3 AND (x.open_until >= $3 OR x.open_until IS NULL) AND $2::int8 IS NOT NULL`,
      order: 'x.ticket_id',
    },
    csat: rated('AND x.answered', 'x.positive'),
    csat_response_rate: rated('', 'x.answered'),
    nps: answered('nps', `x.score >= ${NPS_PROMOTER_MIN}`),
    ces: answered('ces', 'false'),
  };
})();

/**
 * The tickets behind one KPI value of an agent (or the team, for `null`) in a window, in the
 * engine's order (tickets by id, ratings and answers by time): the population and those that
 * count towards the rate.
 */
export async function selectKpiTickets(
  db: SqlSession,
  tenantId: string,
  request: { readonly kpi: KpiKey; readonly window: TimeWindow; readonly now: number; readonly agentId: string | null },
): Promise<KpiTickets> {
  const { sql, order } = TICKET_QUERIES[request.kpi];
  const params: unknown[] = [tenantId, request.window.from, request.window.to, request.now - REPEAT_HORIZON_MS];
  let agent = '';
  if (request.agentId !== null) {
    params.push(request.agentId);
    agent = ` AND x.agent_id = $5`;
  }
  // Every query names $4, used or not, so the parameters are the same for all.
  const rows = await db.query<{ id: string; matching: boolean }>(
    `${sql}${agent} AND $4::int8 IS NOT NULL ORDER BY ${order}`,
    params,
  );
  return { sample: rows.map((r) => r.id), matching: rows.filter((r) => r.matching).map((r) => r.id) };
}

/** The team's median of public replies over tickets solved in the window with at least one (the typical thread). */
export async function selectTypicalReplies(
  db: SqlSession,
  tenantId: string,
  window: TimeWindow,
): Promise<number | null> {
  const rows = await db.query<{ typical: number | null }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY public_replies) AS typical FROM ticket_facts
     WHERE tenant_id = $1 AND solved_at >= $2 AND solved_at < $3 AND public_replies >= 1`,
    [tenantId, window.from, window.to],
  );
  return rows[0]?.typical ?? null;
}
