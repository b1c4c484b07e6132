import {
  answerFacts,
  createBusinessClock,
  ratingFacts,
  repeatContactOf,
  ticketFacts,
  type BusinessClock,
  type FactOptions,
  type Rating,
  type SurveyAnswer,
  type Ticket,
} from '@frontline/kpi';
import {
  HistoryRowReader,
  RATING_COLUMNS,
  SURVEY_ANSWER_COLUMNS,
  surveyAnswerOf,
  TICKET_COLUMNS,
  type RatingRow,
  type SurveyAnswerRow,
  type TicketRow,
} from './history-rows.js';
import { selectSchedule } from './schedule-sql.js';
import type { SqlSession } from './sql-client.js';

// Facts are written in the transaction that writes the rows they come from, and computed by the
// engine's own functions (`@frontline/kpi` ticket-facts), never by SQL of ours. A fact that
// depends on other rows is recomputed with them: a ticket's repeat contact and the survey answers
// matched to it with every ticket of its requester (before and after a change of requester), a
// rating's agent with its ticket.

// Lists of ids are joined (`unnest($2) AS r(id) JOIN ...`) rather than matched with `= ANY($2)`:
// the join walks the index once per id whatever the table's statistics say, where `= ANY` over
// thousands of ids is planned from them, and a table that grew since its last ANALYZE gets a scan
// of every row of the tenant.
const idList = 'unnest($2::text[]) AS r(id)';

/** `a, b` as `t.a, t.b`. */
const columnsOf = (alias: string, columns: string) => columns.replace(/\b(\w+)\b/g, `${alias}.$1`);

/** The rows a refresh starts from: those just written, or a batch of a build. */
export interface FactSeeds {
  readonly tickets: readonly Ticket[];
  readonly ratings: readonly Rating[];
  readonly answers: readonly SurveyAnswer[];
  /** Requesters whose e-mail changed: survey answers known only by e-mail may now match them. */
  readonly requesterIds: readonly string[];
}

/** Recomputes the facts of every row written at `revision` in this transaction, and of what they reach. */
export async function refreshFactsAt(tx: SqlSession, tenantId: string, revision: number): Promise<void> {
  const at = ' WHERE tenant_id = $1 AND revision = $2';
  const reader = new HistoryRowReader();
  // One after the other: a transaction is one connection.
  const tickets = await tx.query<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets${at}`, [tenantId, revision]);
  const ratings = await tx.query<RatingRow>(`SELECT ${RATING_COLUMNS} FROM ratings${at}`, [tenantId, revision]);
  const answers = await tx.query<SurveyAnswerRow>(`SELECT ${SURVEY_ANSWER_COLUMNS} FROM survey_answers${at}`, [
    tenantId,
    revision,
  ]);
  const requesters = await tx.query<{ id: string }>(`SELECT id FROM requesters${at}`, [tenantId, revision]);
  await refreshFacts(tx, tenantId, {
    tickets: tickets.map((row) => reader.ticket(row)),
    ratings: ratings.map((row) => reader.rating(row)),
    answers: answers.map(surveyAnswerOf),
    requesterIds: requesters.map((r) => r.id),
  });
}

/** Recomputes the facts of the seeds and of every row whose facts depend on them. */
export async function refreshFacts(tx: SqlSession, tenantId: string, seeds: FactSeeds): Promise<void> {
  if (
    seeds.tickets.length === 0 &&
    seeds.ratings.length === 0 &&
    seeds.answers.length === 0 &&
    seeds.requesterIds.length === 0
  ) {
    return;
  }
  const options = await factOptions(tx, tenantId);
  const reader = new HistoryRowReader();
  const changedIds = seeds.tickets.map((t) => t.id);

  // The requesters a changed ticket belongs to now and belonged to before.
  const before = await tx.query<{ requester_id: string }>(
    `SELECT DISTINCT f.requester_id FROM ${idList} JOIN ticket_facts f ON f.tenant_id = $1 AND f.ticket_id = r.id`,
    [tenantId, changedIds],
  );
  const requesters = new Set([
    ...seeds.tickets.map((t) => t.requesterId),
    ...before.map((r) => r.requester_id),
    ...seeds.requesterIds,
  ]);
  const byRequester = await ticketsOfRequesters(tx, reader, tenantId, [...requesters]);
  await writeTicketFacts(tx, tenantId, [...byRequester.values()], options);

  // Ratings: those written, and those of the changed tickets (their agent, or their removal).
  const ticketRatings = await tx.query<RatingRow>(
    `SELECT ${columnsOf('x', RATING_COLUMNS)} FROM ${idList} JOIN ratings x ON x.tenant_id = $1 AND x.ticket_id = r.id`,
    [tenantId, changedIds],
  );
  const ratings = new Map<string, Rating>();
  for (const row of ticketRatings) ratings.set(row.id, reader.rating(row));
  for (const rating of seeds.ratings) ratings.set(rating.id, rating);
  await writeRatingFacts(tx, reader, tenantId, [...ratings.values()], byRequester);

  // Survey answers: those written, and those of the requesters reached (by id or e-mail).
  const reached = await tx.query<SurveyAnswerRow>(
    `SELECT ${SURVEY_ANSWER_COLUMNS} FROM survey_answers a
     WHERE a.tenant_id = $1 AND a.requester_id IN (SELECT unnest($2::text[]))
     UNION
     SELECT ${SURVEY_ANSWER_COLUMNS} FROM survey_answers a
     WHERE a.tenant_id = $1 AND a.requester_id IS NULL AND lower(a.requester_email) IN
       (SELECT lower(q.email) FROM requesters q WHERE q.tenant_id = $1 AND q.id IN (SELECT unnest($2::text[])))`,
    [tenantId, [...requesters]],
  );
  const answers = new Map<string, SurveyAnswer>();
  for (const row of reached) answers.set(row.id, surveyAnswerOf(row));
  for (const answer of seeds.answers) answers.set(answer.id, answer);
  await writeAnswerFacts(tx, reader, tenantId, [...answers.values()], byRequester);
}

/** Each requester's tickets, in id order (the engine's history order). */
async function ticketsOfRequesters(
  tx: SqlSession,
  reader: HistoryRowReader,
  tenantId: string,
  requesterIds: readonly string[],
  into = new Map<string, Ticket[]>(),
): Promise<Map<string, Ticket[]>> {
  const missing = requesterIds.filter((id) => !into.has(id));
  if (missing.length === 0) return into;
  for (const id of missing) into.set(id, []);
  const rows = await tx.query<TicketRow>(
    `SELECT ${columnsOf('t', TICKET_COLUMNS)} FROM ${idList} JOIN tickets t ON t.tenant_id = $1 AND t.requester_id = r.id
     ORDER BY t.id`,
    [tenantId, missing],
  );
  for (const row of rows) into.get(row.requester_id)!.push(reader.ticket(row));
  return into;
}

async function writeTicketFacts(
  tx: SqlSession,
  tenantId: string,
  groups: readonly (readonly Ticket[])[],
  options: FactOptions,
): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  const removed: string[] = [];
  for (const tickets of groups) {
    for (const ticket of tickets) {
      const facts = ticketFacts(ticket, options);
      if (facts === null) {
        removed.push(ticket.id);
        continue;
      }
      const repeat = repeatContactOf(ticket, tickets);
      rows.push({
        ticket_id: facts.ticketId,
        agent_id: facts.agentId,
        requester_id: facts.requesterId,
        contact_at: facts.contactAt,
        escalated: facts.escalated,
        replied_at: facts.repliedAt,
        first_reply_minutes: facts.firstReplyMinutes,
        first_reply_business_minutes: facts.firstReplyBusinessMinutes,
        solved_at: facts.solvedAt,
        resolution_minutes: facts.resolutionMinutes,
        resolution_business_minutes: facts.resolutionBusinessMinutes,
        public_replies: facts.publicReplies,
        reopened: facts.reopened,
        one_touch: facts.oneTouch,
        open_from: facts.openFrom,
        open_until: facts.openUntil,
        repeat_ticket_id: repeat?.ticketId ?? null,
        repeat_at: repeat?.at ?? null,
      });
    }
  }
  const changed = await changedFacts(tx, tenantId, rows);
  if (removed.length > 0) {
    await tx.query(`DELETE FROM ticket_facts f USING ${idList} WHERE f.tenant_id = $1 AND f.ticket_id = r.id`, [
      tenantId,
      removed,
    ]);
  }
  if (changed.length === 0) return;
  await tx.query(
    `INSERT INTO ticket_facts (tenant_id, ticket_id, agent_id, requester_id, contact_at, escalated, replied_at,
       first_reply_minutes, first_reply_business_minutes, solved_at, resolution_minutes, resolution_business_minutes,
       public_replies, reopened, one_touch, open_from, open_until, repeat_ticket_id, repeat_at)
     SELECT $1, r.* FROM json_to_recordset($2::json) AS r(ticket_id text, agent_id text, requester_id text,
       contact_at int8, escalated boolean, replied_at int8, first_reply_minutes float8,
       first_reply_business_minutes float8, solved_at int8, resolution_minutes float8,
       resolution_business_minutes float8, public_replies int4, reopened boolean, one_touch boolean, open_from int8,
       open_until int8, repeat_ticket_id text, repeat_at int8)
     ON CONFLICT (tenant_id, ticket_id) DO UPDATE SET
       agent_id = excluded.agent_id, requester_id = excluded.requester_id, contact_at = excluded.contact_at,
       escalated = excluded.escalated, replied_at = excluded.replied_at,
       first_reply_minutes = excluded.first_reply_minutes,
       first_reply_business_minutes = excluded.first_reply_business_minutes, solved_at = excluded.solved_at,
       resolution_minutes = excluded.resolution_minutes,
       resolution_business_minutes = excluded.resolution_business_minutes,
       public_replies = excluded.public_replies, reopened = excluded.reopened, one_touch = excluded.one_touch,
       open_from = excluded.open_from, open_until = excluded.open_until,
       repeat_ticket_id = excluded.repeat_ticket_id, repeat_at = excluded.repeat_at`,
    [tenantId, JSON.stringify(changed)],
  );
}

/**
 * The rows whose facts differ from those stored (or are not stored yet): a requester's other
 * tickets mostly keep theirs, and each row written costs an entry in every index of the table.
 */
async function changedFacts(
  tx: SqlSession,
  tenantId: string,
  rows: readonly Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const stored = await tx.query<Record<string, unknown>>(
    `SELECT ${Object.keys(rows[0]!)
      .map((c) => `f.${c}`)
      .join(', ')} FROM ${idList}
     JOIN ticket_facts f ON f.tenant_id = $1 AND f.ticket_id = r.id`,
    [tenantId, rows.map((r) => r['ticket_id'])],
  );
  const byId = new Map(stored.map((row) => [row['ticket_id'], row]));
  return rows.filter((row) => {
    const before = byId.get(row['ticket_id']);
    return before === undefined || Object.keys(row).some((key) => before[key] !== row[key]);
  });
}

async function writeRatingFacts(
  tx: SqlSession,
  reader: HistoryRowReader,
  tenantId: string,
  ratings: readonly Rating[],
  known: ReadonlyMap<string, readonly Ticket[]>,
): Promise<void> {
  if (ratings.length === 0) return;
  const tickets = new Map<string, Ticket>();
  for (const group of known.values()) for (const t of group) tickets.set(t.id, t);
  const missing = [...new Set(ratings.map((r) => r.ticketId).filter((id) => !tickets.has(id)))];
  if (missing.length > 0) {
    const rows = await tx.query<TicketRow>(
      `SELECT ${columnsOf('t', TICKET_COLUMNS)} FROM ${idList} JOIN tickets t ON t.tenant_id = $1 AND t.id = r.id`,
      [tenantId, missing],
    );
    for (const row of rows) tickets.set(row.id, reader.ticket(row));
  }
  const rows: Record<string, unknown>[] = [];
  const gone: string[] = [];
  for (const rating of ratings) {
    const facts = ratingFacts(rating, tickets.get(rating.ticketId) ?? null);
    if (facts === null) {
      gone.push(rating.id);
      continue;
    }
    rows.push({
      rating_id: facts.ratingId,
      ticket_id: facts.ticketId,
      agent_id: facts.agentId,
      at: facts.at,
      answered: facts.answered,
      positive: facts.positive,
    });
  }
  if (gone.length > 0) {
    await tx.query(`DELETE FROM rating_facts f USING ${idList} WHERE f.tenant_id = $1 AND f.rating_id = r.id`, [
      tenantId,
      gone,
    ]);
  }
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO rating_facts (tenant_id, rating_id, ticket_id, agent_id, at, answered, positive)
     SELECT $1, r.* FROM json_to_recordset($2::json)
       AS r(rating_id text, ticket_id text, agent_id text, at int8, answered boolean, positive boolean)
     ON CONFLICT (tenant_id, rating_id) DO UPDATE SET ticket_id = excluded.ticket_id, agent_id = excluded.agent_id,
       at = excluded.at, answered = excluded.answered, positive = excluded.positive`,
    [tenantId, JSON.stringify(rows)],
  );
}

async function writeAnswerFacts(
  tx: SqlSession,
  reader: HistoryRowReader,
  tenantId: string,
  answers: readonly SurveyAnswer[],
  byRequester: Map<string, Ticket[]>,
): Promise<void> {
  if (answers.length === 0) return;
  // An answer known only by e-mail belongs to the requester with that e-mail (the last in id
  // order, as the engine's lookup keeps the last it reads).
  const emails = [
    ...new Set(
      answers.flatMap((a) => (a.requesterId === null && a.requesterEmail ? [a.requesterEmail.toLowerCase()] : [])),
    ),
  ];
  const byEmail = new Map<string, string>();
  if (emails.length > 0) {
    const rows = await tx.query<{ id: string; email: string }>(
      `SELECT id, lower(email) AS email FROM requesters WHERE tenant_id = $1 AND lower(email) = ANY($2::text[])
       ORDER BY id`,
      [tenantId, emails],
    );
    for (const row of rows) byEmail.set(row.email, row.id);
  }
  const requesterOf = (a: SurveyAnswer): string | null =>
    a.requesterId ?? (a.requesterEmail === null ? null : (byEmail.get(a.requesterEmail.toLowerCase()) ?? null));
  const wanted = answers.map(requesterOf).filter((id): id is string => id !== null);
  await ticketsOfRequesters(tx, reader, tenantId, wanted, byRequester);
  const rows = answers.map((answer) => {
    const requester = requesterOf(answer);
    const facts = answerFacts(answer, requester === null ? [] : (byRequester.get(requester) ?? []));
    return {
      answer_id: facts.answerId,
      metric: facts.metric,
      score: facts.score,
      at: facts.at,
      ticket_id: facts.ticketId,
      agent_id: facts.agentId,
    };
  });
  await tx.query(
    `INSERT INTO answer_facts (tenant_id, answer_id, metric, score, at, ticket_id, agent_id)
     SELECT $1, r.* FROM json_to_recordset($2::json)
       AS r(answer_id text, metric text, score float8, at int8, ticket_id text, agent_id text)
     ON CONFLICT (tenant_id, answer_id) DO UPDATE SET metric = excluded.metric, score = excluded.score,
       at = excluded.at, ticket_id = excluded.ticket_id, agent_id = excluded.agent_id`,
    [tenantId, JSON.stringify(rows)],
  );
}

// One business clock per schedule text: building one is not free, and a sync writes many pages.
const clocks = new Map<string, BusinessClock>();
const MAX_CLOCKS = 256;

/** The tenant's escalation tags and business clock, as its facts are computed with them. */
async function factOptions(tx: SqlSession, tenantId: string): Promise<FactOptions> {
  const tags = await tx.query<{ escalation_tags: string[] }>('SELECT escalation_tags FROM tenants WHERE id = $1', [
    tenantId,
  ]);
  const schedule = await selectSchedule(tx, tenantId);
  let clock: BusinessClock | null = null;
  if (schedule !== null) {
    const key = JSON.stringify(schedule);
    clock = clocks.get(key) ?? null;
    if (clock === null) {
      if (clocks.size >= MAX_CLOCKS) clocks.clear();
      clocks.set(key, (clock = createBusinessClock(schedule)));
    }
  }
  return { clock, escalationTags: new Set((tags[0]?.escalation_tags ?? []).map((t) => t.toLowerCase())) };
}
