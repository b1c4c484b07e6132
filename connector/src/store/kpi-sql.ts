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

// Each query reads, for each window, the facts whose event time (the one a KPI cuts on) falls in
// it: one range of an index that carries the columns read (an index-only scan per window; the
// OFFSET 0 keeps the planner from merging the windows into one scan of the tenant's rows), and
// groups per window for the team and for each agent (GROUPING SETS) in the same pass. Medians are
// percentile_cont(0.5): the mean of the two middle values for an even count, as KPIS.md defines.

/**
 * "At or after t" written as a range to a century later: the planner estimates a range between
 * two bounds it does not know yet as narrow and walks the index, where for one bound it guesses a
 * third of the table and scans it all.
 */
const LATER = 100 * 365 * 86_400_000;

const KEYS = 'w.i::int4 AS w, x.agent_id, GROUPING(x.agent_id) = 1 AS team';
const GROUPS = 'GROUP BY GROUPING SETS ((w.i, x.agent_id), (w.i))';

/** The facts of `table` matching `inWindow` (which names the window as `w.f`, `w.t`), per window. */
const perWindow = (table: string, inWindow: string) =>
  `FROM unnest($2::int8[], $3::int8[]) WITH ORDINALITY AS w(f, t, i)
   CROSS JOIN LATERAL (SELECT * FROM ${table} WHERE tenant_id = $1 AND ${inWindow} OFFSET 0) x`;

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
    ${perWindow('ticket_facts', 'solved_at >= w.f AND solved_at < w.t')}
    ${GROUPS}`,
  replied: `SELECT ${KEYS}, count(*)::int4 AS "firstReplies",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY x.first_reply_minutes) AS "firstReplyMedian",
      avg(x.first_reply_minutes) AS "firstReplyMean",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY x.first_reply_business_minutes) AS "firstReplyBusinessMedian"
    ${perWindow('ticket_facts', 'replied_at >= w.f AND replied_at < w.t')}
    ${GROUPS}`,
  created: `SELECT ${KEYS}, count(*)::int4 AS created, count(*) FILTER (WHERE x.escalated)::int4 AS escalated,
      count(DISTINCT x.requester_id)::int4 AS requesters
    ${perWindow('ticket_facts', 'contact_at >= w.f AND contact_at < w.t')}
    ${GROUPS}`,
  // Open at the window's end t, counted from recent rows only (see TicketFacts.openFrom): those
  // still open (added from the next query), plus those closed at or after t, minus those opened
  // at or after t.
  backlog: `SELECT w, agent_id, team, sum(n)::int4 AS backlog FROM (
      SELECT ${KEYS}, count(*) AS n
      FROM unnest($2::int8[], $3::int8[]) WITH ORDINALITY AS w(f, t, i)
      CROSS JOIN LATERAL (SELECT agent_id FROM ticket_facts
        WHERE tenant_id = $1 AND open_from IS NOT NULL AND open_until >= w.t AND open_until < w.t + ${LATER} OFFSET 0) x
      ${GROUPS}
      UNION ALL
      SELECT ${KEYS}, -count(*) AS n
      FROM unnest($2::int8[], $3::int8[]) WITH ORDINALITY AS w(f, t, i)
      CROSS JOIN LATERAL (SELECT agent_id FROM ticket_facts
        WHERE tenant_id = $1 AND open_from >= w.t AND open_from < w.t + ${LATER} OFFSET 0) x
      ${GROUPS}
    ) changes GROUP BY w, agent_id, team`,
  stillOpen: `SELECT x.agent_id, GROUPING(x.agent_id) = 1 AS team, count(*)::int4 AS backlog FROM ticket_facts x
    WHERE x.tenant_id = $1 AND x.open_from IS NOT NULL AND x.open_until IS NULL
    GROUP BY GROUPING SETS ((x.agent_id), ())`,
  ratings: `SELECT ${KEYS}, count(*)::int4 AS "csatSent", count(*) FILTER (WHERE x.answered)::int4 AS "csatAnswered",
      count(*) FILTER (WHERE x.answered AND x.positive)::int4 AS "csatPositive"
    ${perWindow('rating_facts', 'at >= w.f AND at < w.t')}
    ${GROUPS}`,
  answers: `SELECT ${KEYS}, count(*) FILTER (WHERE x.metric = 'nps')::int4 AS "npsAnswers",
      count(*) FILTER (WHERE x.metric = 'nps' AND x.score >= $4)::int4 AS "npsPromoters",
      count(*) FILTER (WHERE x.metric = 'nps' AND x.score < $4 AND x.score <= $5)::int4 AS "npsDetractors",
      count(*) FILTER (WHERE x.metric = 'ces')::int4 AS "cesAnswers",
      coalesce(sum(x.score) FILTER (WHERE x.metric = 'ces'), 0)::float8 AS "cesSum"
    ${perWindow('answer_facts', 'at >= w.f AND at < w.t')}
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
  const stillOpen = await db.query<{ agent_id: string | null; team: boolean; backlog: number }>(QUERIES.stillOpen, [
    tenantId,
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
  for (const open of stillOpen) {
    for (const slot of totals) {
      if (open.team) {
        slot.team = { ...slot.team, backlog: slot.team.backlog + open.backlog };
      } else if (open.agent_id !== null) {
        const agent = slot.agents.get(open.agent_id) ?? EMPTY_TOTALS;
        slot.agents.set(open.agent_id, { ...agent, backlog: agent.backlog + open.backlog });
      }
    }
  }
  // An agent whose backlog changes cancel out, with nothing else in the window, has no part in it.
  for (const slot of totals) {
    for (const [id, agent] of slot.agents) if (isEmpty(agent)) slot.agents.delete(id);
  }
  return windows.map((window, i) => ({ window, team: totals[i]!.team, agents: totals[i]!.agents }));
}

function isEmpty(totals: KpiTotals): boolean {
  return (Object.keys(EMPTY_TOTALS) as (keyof KpiTotals)[]).every((key) => totals[key] === EMPTY_TOTALS[key]);
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
