import type { Agent, BusinessSchedule, History, TimeWindow } from '@frontline/kpi';
import {
  agentOf,
  HistoryRowReader,
  RATING_COLUMNS,
  TICKET_COLUMNS,
  type RatingRow,
  type TicketRow,
} from './history-rows.js';
import { selectRatingsIncludeUnanswered } from './ratings-kind-sql.js';
import { selectSchedule } from './schedule-sql.js';
import type { SqlClient, SqlSession } from './sql-client.js';
import { selectTenantVendor } from './tenant-sql.js';

/** Which tickets a slice of history holds: these ids, and every ticket of these requesters. */
export interface SliceSelection {
  readonly ticketIds?: readonly string[];
  readonly requesterIds?: readonly string[];
}

/** What every view of a tenant starts from: small rows, read together. */
export interface ViewBasics {
  readonly revision: number;
  readonly agents: readonly Agent[];
  readonly schedule: BusinessSchedule | null;
  readonly ratingsIncludeUnanswered: boolean;
  /** Whether any survey answer (NPS, CES) is stored. */
  readonly surveyAnswers: boolean;
}

/** The tenant's revision: what a computed view is keyed by. */
export async function selectRevision(db: SqlSession, tenantId: string): Promise<number> {
  const rows = await db.query<{ revision: number }>(
    'SELECT revision::float8 AS revision FROM tenant_revisions WHERE tenant_id = $1',
    [tenantId],
  );
  return rows[0]?.revision ?? 0;
}

/** The tenant's agents, in id order. */
export async function selectAgents(db: SqlSession, tenantId: string): Promise<Agent[]> {
  const rows = await db.query<Agent & { administers_helpdesk: boolean }>(
    'SELECT id, name, email, administers_helpdesk FROM agents WHERE tenant_id = $1 ORDER BY id',
    [tenantId],
  );
  return rows.map(agentOf);
}

export function readViewBasics(client: SqlClient, tenantId: string): Promise<ViewBasics> {
  return client.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const vendor = await selectTenantVendor(tx, tenantId);
    const revision = await selectRevision(tx, tenantId);
    const agents = await selectAgents(tx, tenantId);
    const schedule = await selectSchedule(tx, tenantId);
    const ratingsIncludeUnanswered = await selectRatingsIncludeUnanswered(tx, tenantId, vendor);
    const answers = await tx.query<{ any: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM survey_answers WHERE tenant_id = $1) AS any',
      [tenantId],
    );
    return { revision, agents, schedule, ratingsIncludeUnanswered, surveyAnswers: answers[0]?.any ?? false };
  });
}

/**
 * A slice of the tenant's history as the engine takes it: the selected tickets (deleted ones
 * included, as they are stored), every rating of them, the agents and the schedule. What the
 * engine computes from it about those tickets is what it computes from the whole history.
 */
export function readHistorySlice(client: SqlClient, tenantId: string, selection: SliceSelection): Promise<History> {
  return client.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return sliceOf(tx, tenantId, selection, null);
  });
}

/**
 * The slice the coaching insights of a window need: its answered ratings with their tickets, and
 * the tickets solved in it whose requester came back, with the tickets they came back with.
 */
export function readInsightSlice(client: SqlClient, tenantId: string, window: TimeWindow): Promise<History> {
  return client.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const range = [tenantId, window.from, window.to];
    const ids = await tx.query<{ id: string }>(
      `SELECT ticket_id AS id FROM ratings WHERE tenant_id = $1 AND at >= $2 AND at < $3 AND answered
       UNION SELECT ticket_id FROM ticket_facts
         WHERE tenant_id = $1 AND solved_at >= $2 AND solved_at < $3 AND repeat_ticket_id IS NOT NULL
       UNION SELECT repeat_ticket_id FROM ticket_facts
         WHERE tenant_id = $1 AND solved_at >= $2 AND solved_at < $3 AND repeat_ticket_id IS NOT NULL`,
      range,
    );
    return sliceOf(tx, tenantId, { ticketIds: ids.map((r) => r.id) }, window);
  });
}

async function sliceOf(
  tx: SqlSession,
  tenantId: string,
  selection: SliceSelection,
  ratingWindow: TimeWindow | null,
): Promise<History> {
  const reader = new HistoryRowReader();
  const vendor = await selectTenantVendor(tx, tenantId);
  const ticketRows = await tx.query<TicketRow>(
    `SELECT ${TICKET_COLUMNS} FROM tickets
     WHERE tenant_id = $1 AND (id = ANY($2::text[]) OR requester_id = ANY($3::text[])) ORDER BY id`,
    [tenantId, selection.ticketIds ?? [], selection.requesterIds ?? []],
  );
  const tickets = ticketRows.map((row) => reader.ticket(row));
  // Ratings of the tickets, and (for insights) every rating of the window, even of a ticket not stored.
  const ratingRows = await tx.query<RatingRow>(
    `SELECT ${RATING_COLUMNS} FROM ratings WHERE tenant_id = $1
       AND (ticket_id = ANY($2::text[]) OR (at >= $3 AND at < $4))
     ORDER BY at, id`,
    [tenantId, tickets.map((t) => t.id), ratingWindow?.from ?? 0, ratingWindow?.to ?? 0],
  );
  return {
    tickets,
    ratings: ratingRows.map((row) => reader.rating(row)),
    surveyAnswers: [],
    agents: await selectAgents(tx, tenantId),
    requesters: [],
    schedule: await selectSchedule(tx, tenantId),
    ratingsIncludeUnanswered: await selectRatingsIncludeUnanswered(tx, tenantId, vendor),
  };
}
