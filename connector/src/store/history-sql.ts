import type { Agent, Rating, Requester, SurveyAnswer, Ticket } from '@frontline/kpi';
import {
  agentOf,
  HistoryRowReader,
  RATING_COLUMNS,
  requesterOf,
  SURVEY_ANSWER_COLUMNS,
  surveyAnswerOf,
  TICKET_COLUMNS,
  type RatingRow,
  type SurveyAnswerRow,
  type TicketRow,
} from './history-rows.js';
import { selectRatingsIncludeUnanswered } from './ratings-kind-sql.js';
import { selectSchedule } from './schedule-sql.js';
import { selectRevision } from './slice-sql.js';
import type { SqlClient, SqlSession } from './sql-client.js';
import type { HistoryAt, HistoryChanges } from './sync-store.js';
import { selectTenantVendor } from './tenant-sql.js';

/** Rows per FETCH: large enough to amortize the round trip, small enough to keep driver rows few. */
const FETCH_ROWS = 10_000;

/**
 * Everything stored for a tenant as the KPI engine takes it. Read in one read-only snapshot
 * (concurrent sync pages are either wholly in or wholly out), through server-side cursors so
 * that a million tickets never sit in memory twice. Tickets and agents come in id order,
 * ratings and survey answers in time order.
 */
export async function readHistory(client: SqlClient, tenantId: string): Promise<HistoryAt> {
  return client.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const vendor = await selectTenantVendor(tx, tenantId);
    const revision = await selectRevision(tx, tenantId);
    const rows = await readRows(tx, tenantId, null);
    const ratingsIncludeUnanswered = await selectRatingsIncludeUnanswered(tx, tenantId, vendor);
    return { revision, history: { ...rows, ratingsIncludeUnanswered } };
  });
}

/** The rows changed after `since`, and the revision they bring the reader to. */
export async function readChanges(client: SqlClient, tenantId: string, since: number): Promise<HistoryChanges> {
  return client.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const vendor = await selectTenantVendor(tx, tenantId);
    const revision = await selectRevision(tx, tenantId);
    const ratingsIncludeUnanswered = await selectRatingsIncludeUnanswered(tx, tenantId, vendor);
    if (revision <= since) {
      const none = { tickets: [], ratings: [], surveyAnswers: [], agents: [], requesters: [], schedule: null };
      return { revision, ...none, ratingsIncludeUnanswered };
    }
    return { revision, ...(await readRows(tx, tenantId, since)), ratingsIncludeUnanswered };
  });
}

/** Every row of the tenant, or (with `since`) those stamped after that revision. */
async function readRows(tx: SqlSession, tenantId: string, since: number | null) {
  const changed = since === null ? '' : ` AND revision > ${Number(since)}`;
  const reader = new HistoryRowReader();
  const tickets: Ticket[] = [];
  await fetchEach<TicketRow>(
    tx,
    `SELECT ${TICKET_COLUMNS} FROM tickets WHERE tenant_id = $1${changed} ORDER BY id`,
    tenantId,
    (row) => tickets.push(reader.ticket(row)),
  );
  const ratings: Rating[] = [];
  await fetchEach<RatingRow>(
    tx,
    `SELECT ${RATING_COLUMNS} FROM ratings WHERE tenant_id = $1${changed} ORDER BY at, id`,
    tenantId,
    (row) => ratings.push(reader.rating(row)),
  );
  const surveyAnswers: SurveyAnswer[] = [];
  await fetchEach<SurveyAnswerRow>(
    tx,
    `SELECT ${SURVEY_ANSWER_COLUMNS} FROM survey_answers WHERE tenant_id = $1${changed} ORDER BY at, id`,
    tenantId,
    (row) => surveyAnswers.push(surveyAnswerOf(row)),
  );
  const agents: Agent[] = [];
  await fetchEach<Agent>(
    tx,
    `SELECT id, name, email, administers_helpdesk FROM agents WHERE tenant_id = $1${changed} ORDER BY id`,
    tenantId,
    (row) => agents.push(agentOf(row)),
  );
  const requesters: Requester[] = [];
  await fetchEach<Requester>(
    tx,
    `SELECT id, email FROM requesters WHERE tenant_id = $1${changed} ORDER BY id`,
    tenantId,
    (row) => requesters.push(requesterOf(row)),
  );
  return { tickets, ratings, surveyAnswers, agents, requesters, schedule: await selectSchedule(tx, tenantId) };
}

/** Runs `sql` (one `$1` parameter) through a cursor and hands each row to `each`, chunk by chunk. */
async function fetchEach<Row extends object>(
  tx: SqlSession,
  sql: string,
  param: string,
  each: (row: Row) => void,
): Promise<void> {
  await tx.query(`DECLARE history_rows NO SCROLL CURSOR FOR ${sql}`, [param]);
  for (;;) {
    const rows = await tx.query<Row>(`FETCH FORWARD ${FETCH_ROWS} FROM history_rows`);
    for (const row of rows) each(row);
    if (rows.length < FETCH_ROWS) break;
  }
  await tx.query('CLOSE history_rows');
}
