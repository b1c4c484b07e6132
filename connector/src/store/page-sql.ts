import type { Agent, Rating, SurveyAnswer } from '@frontline/kpi';
import type { NamedRequester, RemovedTicket, SyncedTicket } from '../vendors/index.js';
import { latestRows } from './latest-rows.js';
import type { SqlSession } from './sql-client.js';
import type { StreamCheckpoint } from './sync-store.js';

// Each upsert sends its rows as one JSON array and unpacks it with json_to_recordset: one
// statement and one parameter per table and page, however many rows, and JSON.stringify is
// the cheapest way to serialize them. JSON arrays become text[] columns, nulls NULL.

/**
 * A copy without a first reply whose replies are not known yet (a Freshdesk list page whose stats
 * lack it) keeps the first reply the conversations gave the stored ticket.
 */
const KEEPS_FIRST_REPLY = 'excluded.first_reply_at IS NULL AND NOT excluded.replies_known';

/**
 * Upserts tickets, keeping the newest version of each: a stored ticket is replaced only by a
 * copy at least as new. A copy that does not know its reply count keeps the stored count and
 * first reply (a list page must not erase what the conversations told us), and the count stays
 * known only while the ticket is unchanged.
 */
export async function upsertTickets(
  db: SqlSession,
  tenantId: string,
  revision: number,
  tickets: readonly SyncedTicket[],
): Promise<void> {
  if (tickets.length === 0) return;
  const rows = latestRows(tickets.map(ticketRecord), (earlier, later) => later.updated_at >= earlier.updated_at);
  await db.query(
    `INSERT INTO tickets AS t (tenant_id, id, requester_id, assignee_id, group_id, status, created_at, tags,
       first_reply_at, first_reply_minutes, first_reply_business_minutes, solved_at, resolution_minutes,
       resolution_business_minutes, public_replies, reopens, group_stations, removed, outbound, updated_at,
       replies_known, subject, revision)
     SELECT $1, r.id, r.requester_id, r.assignee_id, r.group_id, r.status, r.created_at, r.tags,
       r.first_reply_at, r.first_reply_minutes, r.first_reply_business_minutes, r.solved_at, r.resolution_minutes,
       r.resolution_business_minutes, r.public_replies, r.reopens, r.group_stations, r.removed, r.outbound,
       r.updated_at, r.replies_known, r.subject, $3
     FROM json_to_recordset($2::json) AS r(id text, requester_id text, assignee_id text, group_id text, status text,
       created_at int8, tags text[], first_reply_at int8, first_reply_minutes float8, first_reply_business_minutes float8,
       solved_at int8, resolution_minutes float8, resolution_business_minutes float8, public_replies int4, reopens int4,
       group_stations int4, removed boolean, outbound boolean, updated_at int8, replies_known boolean, subject text)
     ON CONFLICT (tenant_id, id) DO UPDATE SET
       requester_id = excluded.requester_id,
       assignee_id = excluded.assignee_id,
       group_id = excluded.group_id,
       status = excluded.status,
       created_at = excluded.created_at,
       tags = excluded.tags,
       first_reply_at = CASE WHEN ${KEEPS_FIRST_REPLY} THEN t.first_reply_at ELSE excluded.first_reply_at END,
       first_reply_minutes = CASE WHEN ${KEEPS_FIRST_REPLY} THEN t.first_reply_minutes ELSE excluded.first_reply_minutes END,
       first_reply_business_minutes = CASE WHEN ${KEEPS_FIRST_REPLY}
         THEN t.first_reply_business_minutes ELSE excluded.first_reply_business_minutes END,
       solved_at = excluded.solved_at,
       resolution_minutes = excluded.resolution_minutes,
       resolution_business_minutes = excluded.resolution_business_minutes,
       public_replies = CASE WHEN excluded.replies_known THEN excluded.public_replies ELSE t.public_replies END,
       reopens = excluded.reopens,
       group_stations = excluded.group_stations,
       removed = excluded.removed,
       outbound = excluded.outbound,
       replies_known = excluded.replies_known OR (t.replies_known AND excluded.updated_at = t.updated_at),
       updated_at = excluded.updated_at,
       subject = COALESCE(excluded.subject, t.subject),
       revision = excluded.revision
     WHERE excluded.updated_at >= t.updated_at`,
    [tenantId, JSON.stringify(rows), revision],
  );
}

/**
 * Takes tickets the vendor deleted or marked spam out of every KPI. The removal's time becomes the
 * ticket's change time, so a copy listed before it cannot bring the ticket back; a copy changed
 * after it (restored from the trash) can, and a removal older than the stored copy is ignored.
 */
export async function markTicketsRemoved(
  db: SqlSession,
  tenantId: string,
  revision: number,
  removed: readonly RemovedTicket[],
): Promise<void> {
  if (removed.length === 0) return;
  const rows = latestRows(removed, (earlier, later) => later.updatedAt >= earlier.updatedAt);
  await db.query(
    `UPDATE tickets AS t SET removed = true, updated_at = r."updatedAt", revision = $3
     FROM json_to_recordset($2::json) AS r(id text, "updatedAt" int8)
     WHERE t.tenant_id = $1 AND t.id = r.id AND NOT t.removed AND r."updatedAt" >= t.updated_at`,
    [tenantId, JSON.stringify(rows), revision],
  );
}

/** A ticket as one element of the JSON array: keys are the column names. */
function ticketRecord({ ticket, updatedAt, repliesKnown, subject }: SyncedTicket) {
  return {
    id: ticket.id,
    requester_id: ticket.requesterId,
    assignee_id: ticket.assigneeId,
    group_id: ticket.groupId,
    status: ticket.status,
    created_at: ticket.createdAt,
    tags: ticket.tags,
    first_reply_at: ticket.firstReplyAt,
    first_reply_minutes: ticket.firstReplyMinutes,
    first_reply_business_minutes: ticket.firstReplyBusinessMinutes,
    solved_at: ticket.solvedAt,
    resolution_minutes: ticket.resolutionMinutes,
    resolution_business_minutes: ticket.resolutionBusinessMinutes,
    public_replies: ticket.publicReplies,
    reopens: ticket.reopens,
    group_stations: ticket.groupStations,
    removed: ticket.removed,
    outbound: ticket.outbound,
    updated_at: updatedAt,
    replies_known: repliesKnown,
    // A read that does not carry the subject keeps the stored one (COALESCE above).
    subject: subject ?? null,
  };
}

/** Upserts ratings; a rating is replaced only by a copy at least as new (`at` is its last change). */
export async function upsertRatings(
  db: SqlSession,
  tenantId: string,
  revision: number,
  ratings: readonly Rating[],
): Promise<void> {
  if (ratings.length === 0) return;
  const rows = latestRows(ratings, (earlier, later) => later.at >= earlier.at);
  await db.query(
    `INSERT INTO ratings AS x (tenant_id, id, ticket_id, agent_id, requester_id, at, answered, positive, comment,
       revision)
     SELECT $1, r.id, r."ticketId", r."agentId", r."requesterId", r.at, r.answered, r.positive, r.comment, $3
     FROM json_to_recordset($2::json) AS r(id text, "ticketId" text, "agentId" text, "requesterId" text, at int8,
       answered boolean, positive boolean, comment text)
     ON CONFLICT (tenant_id, id) DO UPDATE SET
       ticket_id = excluded.ticket_id, agent_id = excluded.agent_id, requester_id = excluded.requester_id,
       at = excluded.at, answered = excluded.answered, positive = excluded.positive, comment = excluded.comment,
       revision = excluded.revision
     WHERE excluded.at >= x.at`,
    [tenantId, JSON.stringify(rows), revision],
  );
}

/** Upserts survey answers (an answer does not change; a repeat replaces it). */
export async function upsertSurveyAnswers(
  db: SqlSession,
  tenantId: string,
  revision: number,
  answers: readonly SurveyAnswer[],
): Promise<void> {
  if (answers.length === 0) return;
  await db.query(
    `INSERT INTO survey_answers (tenant_id, id, metric, score, at, requester_id, requester_email, revision)
     SELECT $1, r.id, r.metric, r.score, r.at, r."requesterId", r."requesterEmail", $3
     FROM json_to_recordset($2::json) AS r(id text, metric text, score float8, at int8, "requesterId" text,
       "requesterEmail" text)
     ON CONFLICT (tenant_id, id) DO UPDATE SET
       metric = excluded.metric, score = excluded.score, at = excluded.at, requester_id = excluded.requester_id,
       requester_email = excluded.requester_email, revision = excluded.revision`,
    [tenantId, JSON.stringify(latestRows(answers)), revision],
  );
}

/** Upserts agents; the latest copy wins. */
export async function upsertAgents(
  db: SqlSession,
  tenantId: string,
  revision: number,
  agents: readonly Agent[],
): Promise<void> {
  if (agents.length === 0) return;
  await db.query(
    `INSERT INTO agents AS a (tenant_id, id, name, email, administers_helpdesk, revision)
     SELECT $1, r.id, r.name, r.email, coalesce(r.administers_helpdesk, false), $3
     FROM json_to_recordset($2::json) AS r(id text, name text, email text, administers_helpdesk boolean)
     ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, email = excluded.email,
       administers_helpdesk = excluded.administers_helpdesk, revision = excluded.revision
     WHERE (a.name, a.email, a.administers_helpdesk) IS DISTINCT FROM (excluded.name, excluded.email, excluded.administers_helpdesk)`,
    [
      tenantId,
      JSON.stringify(latestRows(agents).map((a) => ({ ...a, administers_helpdesk: a.administersHelpdesk === true }))),
      revision,
    ],
  );
}

/**
 * Upserts requesters; the latest copy wins, but a copy without an email keeps the stored one
 * (Freshdesk's ticket reads carry the requester without it; the email matches survey answers),
 * and one without a name keeps the stored name. A name alone does not move the revision: the
 * history the KPIs read has no names.
 */
export async function upsertRequesters(
  db: SqlSession,
  tenantId: string,
  revision: number,
  requesters: readonly NamedRequester[],
): Promise<void> {
  if (requesters.length === 0) return;
  const rows = latestRows(requesters).map((r) => ({ id: r.id, email: r.email, name: r.name ?? null }));
  await db.query(
    `INSERT INTO requesters AS q (tenant_id, id, email, name, revision)
     SELECT $1, r.id, r.email, r.name, $3 FROM json_to_recordset($2::json) AS r(id text, email text, name text)
     ON CONFLICT (tenant_id, id) DO UPDATE SET
       email = COALESCE(excluded.email, q.email),
       name = COALESCE(excluded.name, q.name),
       revision = CASE WHEN excluded.email IS NOT NULL AND q.email IS DISTINCT FROM excluded.email
         THEN excluded.revision ELSE q.revision END
     WHERE (excluded.email IS NOT NULL AND q.email IS DISTINCT FROM excluded.email)
       OR (excluded.name IS NOT NULL AND q.name IS DISTINCT FROM excluded.name)`,
    [tenantId, JSON.stringify(rows), revision],
  );
}

/**
 * Takes the tenant's next revision for the rows this transaction writes. The row lock it takes
 * is held to commit, so the tenant's writers commit in revision order (see migration 3).
 */
export async function nextRevision(db: SqlSession, tenantId: string): Promise<number> {
  const rows = await db.query<{ revision: number }>(
    `INSERT INTO tenant_revisions AS r (tenant_id, revision) VALUES ($1, 1)
     ON CONFLICT (tenant_id) DO UPDATE SET revision = r.revision + 1
     RETURNING revision::float8 AS revision`,
    [tenantId],
  );
  return rows[0]!.revision;
}

/** Writes a stream's checkpoint. */
export async function upsertCheckpoint(
  db: SqlSession,
  tenantId: string,
  stream: string,
  checkpoint: StreamCheckpoint,
): Promise<void> {
  await db.query(
    `INSERT INTO stream_checkpoints (tenant_id, stream, cursor, done, reached_time) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, stream) DO UPDATE SET
       cursor = excluded.cursor, done = excluded.done, reached_time = excluded.reached_time, updated_at = now()`,
    [tenantId, stream, checkpoint.cursor, checkpoint.done, checkpoint.reachedTime],
  );
}

/** A stream's checkpoint, or null before its first page. */
export async function selectCheckpoint(
  db: SqlSession,
  tenantId: string,
  stream: string,
): Promise<StreamCheckpoint | null> {
  const rows = await db.query<{ cursor: string; done: boolean; reached_time: number | null }>(
    'SELECT cursor, done, reached_time FROM stream_checkpoints WHERE tenant_id = $1 AND stream = $2',
    [tenantId, stream],
  );
  const row = rows[0];
  return row === undefined ? null : { cursor: row.cursor, done: row.done, reachedTime: row.reached_time };
}
