import {
  answerFacts,
  REPEAT_HORIZON_MS,
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

/** Tickets in id order: the engine's history order, which breaks its ties. */
const byTicketId = (a: Ticket, b: Ticket): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

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

/** The span of times around which a requester's tickets changed. */
interface Span {
  lo: number;
  hi: number;
}

/**
 * Recomputes the facts of the seeds and of every row whose facts depend on them. A ticket's
 * repeat contact depends on its requester's tickets created in the 7 days after its solve, an
 * answer's ticket on the requester's tickets solved in the 7 days before it: so a change reaches
 * only the requester's tickets within 7 days of the changed ones' creation and solve times (old
 * and new), and only those are read, however many tickets the requester has (an address that
 * files a ticket a minute is a requester too).
 */
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

  // Each requester's span: the changed tickets' times now, and as their facts had them before
  // (a ticket that moved to another requester changes its old requester's repeat contacts too).
  const before = await tx.query<{ requester_id: string; contact_at: number | null; solved_at: number | null }>(
    `SELECT f.requester_id, f.contact_at, f.solved_at FROM ${idList}
     JOIN ticket_facts f ON f.tenant_id = $1 AND f.ticket_id = r.id`,
    [tenantId, changedIds],
  );
  const spans = new Map<string, Span>();
  const widen = (requesterId: string, time: number | null) => {
    if (time === null) return;
    const span = spans.get(requesterId);
    if (span === undefined) spans.set(requesterId, { lo: time, hi: time });
    else {
      span.lo = Math.min(span.lo, time);
      span.hi = Math.max(span.hi, time);
    }
  };
  for (const t of seeds.tickets) {
    widen(t.requesterId, t.createdAt);
    widen(t.requesterId, t.solvedAt);
  }
  for (const b of before) {
    widen(b.requester_id, b.contact_at);
    widen(b.requester_id, b.solved_at);
  }
  const groups = await neighbours(tx, reader, tenantId, spans, seeds.tickets);
  // Recomputed: the changed tickets, and those solved within 7 days before a changed creation
  // (their repeat contact may have come or gone); the others were read only to be compared with.
  const recompute = (ticket: Ticket, span: Span) =>
    ticket.solvedAt !== null && ticket.solvedAt >= span.lo - REPEAT_HORIZON_MS && ticket.solvedAt <= span.hi;
  const changed = new Set(changedIds);
  await writeTicketFacts(
    tx,
    tenantId,
    [...groups].map(([requesterId, tickets]) => ({
      tickets,
      recompute: tickets.filter((t) => changed.has(t.id) || recompute(t, spans.get(requesterId)!)),
    })),
    options,
  );

  // Ratings: those written, and those of the changed tickets (their agent, or their removal).
  const ticketRatings = await tx.query<RatingRow>(
    `SELECT ${columnsOf('x', RATING_COLUMNS)} FROM ${idList} JOIN ratings x ON x.tenant_id = $1 AND x.ticket_id = r.id`,
    [tenantId, changedIds],
  );
  const ratings = new Map<string, Rating>();
  for (const row of ticketRatings) ratings.set(row.id, reader.rating(row));
  for (const rating of seeds.ratings) ratings.set(rating.id, rating);
  await writeRatingFacts(tx, reader, tenantId, [...ratings.values()], seeds.tickets);

  // Survey answers: those written, those given within 7 days after a changed solve of their
  // requester, and every answer of a requester whose e-mail changed.
  const spanRows = [...spans].map(([id, span]) => ({ id, lo: span.lo, hi: span.hi + REPEAT_HORIZON_MS }));
  const reached = await tx.query<SurveyAnswerRow>(
    `SELECT ${columnsOf('a', SURVEY_ANSWER_COLUMNS)} FROM json_to_recordset($2::json) AS r(id text, lo int8, hi int8)
     JOIN survey_answers a ON a.tenant_id = $1 AND a.requester_id = r.id AND a.at >= r.lo AND a.at <= r.hi
     UNION
     SELECT ${columnsOf('a', SURVEY_ANSWER_COLUMNS)} FROM survey_answers a
     WHERE a.tenant_id = $1 AND a.requester_id IS NULL AND lower(a.requester_email) IN
       (SELECT lower(q.email) FROM requesters q WHERE q.tenant_id = $1
        AND q.id IN (SELECT r.id FROM json_to_recordset($2::json) AS r(id text) UNION SELECT unnest($3::text[])))`,
    [tenantId, JSON.stringify(spanRows), seeds.requesterIds],
  );
  const answers = new Map<string, SurveyAnswer>();
  for (const row of reached) answers.set(row.id, surveyAnswerOf(row));
  for (const answer of seeds.answers) answers.set(answer.id, answer);
  await writeAnswerFacts(tx, reader, tenantId, [...answers.values()]);
}

/**
 * Each requester's tickets around its span, in id order (the engine's history order): solved
 * from 7 days before it to 7 days after, or created from 7 days before it to 14 days after
 * (what the repeat contacts of the tickets solved in it look at), and the changed tickets
 * themselves as just written.
 */
async function neighbours(
  tx: SqlSession,
  reader: HistoryRowReader,
  tenantId: string,
  spans: ReadonlyMap<string, Span>,
  changed: readonly Ticket[],
): Promise<Map<string, Ticket[]>> {
  const groups = new Map<string, Map<string, Ticket>>();
  for (const id of spans.keys()) groups.set(id, new Map());
  if (spans.size > 0) {
    const h = REPEAT_HORIZON_MS;
    const rows = await tx.query<TicketRow>(
      `SELECT ${columnsOf('t', TICKET_COLUMNS)} FROM json_to_recordset($2::json) AS r(id text, lo int8, hi int8)
       JOIN tickets t ON t.tenant_id = $1 AND t.requester_id = r.id AND t.solved_at >= r.lo - ${h} AND t.solved_at <= r.hi + ${h}
       UNION
       SELECT ${columnsOf('t', TICKET_COLUMNS)} FROM json_to_recordset($2::json) AS r(id text, lo int8, hi int8)
       JOIN tickets t ON t.tenant_id = $1 AND t.requester_id = r.id AND t.created_at >= r.lo - ${h} AND t.created_at <= r.hi + ${2 * h}`,
      [tenantId, JSON.stringify([...spans].map(([id, span]) => ({ id, ...span })))],
    );
    for (const row of rows) groups.get(row.requester_id)?.set(row.id, reader.ticket(row));
  }
  for (const ticket of changed) groups.get(ticket.requesterId)?.set(ticket.id, ticket);
  return new Map([...groups].map(([id, tickets]) => [id, [...tickets.values()].sort(byTicketId)]));
}

async function writeTicketFacts(
  tx: SqlSession,
  tenantId: string,
  groups: readonly { readonly tickets: readonly Ticket[]; readonly recompute: readonly Ticket[] }[],
  options: FactOptions,
): Promise<void> {
  const rows: Record<string, unknown>[] = [];
  const removed: string[] = [];
  for (const { tickets, recompute } of groups) {
    for (const ticket of recompute) {
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
  changed: readonly Ticket[],
): Promise<void> {
  if (ratings.length === 0) return;
  const tickets = new Map(changed.map((t) => [t.id, t]));
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
  // The requester's tickets solved in the 7 days before each answer: what it can be about.
  const windows = answers.flatMap((a) => {
    const id = requesterOf(a);
    return id === null ? [] : [{ id, lo: a.at - REPEAT_HORIZON_MS, hi: a.at }];
  });
  const byRequester = new Map<string, Map<string, Ticket>>();
  if (windows.length > 0) {
    const rows = await tx.query<TicketRow>(
      `SELECT DISTINCT ${columnsOf('t', TICKET_COLUMNS)} FROM json_to_recordset($2::json) AS r(id text, lo int8, hi int8)
       JOIN tickets t ON t.tenant_id = $1 AND t.requester_id = r.id AND t.solved_at >= r.lo AND t.solved_at <= r.hi`,
      [tenantId, JSON.stringify(windows)],
    );
    for (const row of rows) {
      let group = byRequester.get(row.requester_id);
      if (group === undefined) byRequester.set(row.requester_id, (group = new Map()));
      group.set(row.id, reader.ticket(row));
    }
  }
  const rows = answers.map((answer) => {
    const requester = requesterOf(answer);
    const tickets = requester === null ? [] : [...(byRequester.get(requester)?.values() ?? [])].sort(byTicketId);
    const facts = answerFacts(answer, tickets);
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
