import { latestRows } from './latest-rows.js';
import type { SqlSession } from './sql-client.js';
import type { RepliesFound } from './sync-store.js';

// Deleted and spam tickets are left out of every KPI, so their replies are never counted.

/**
 * Records counted public replies and marks them known; unknown ticket ids are ignored. A ticket
 * with no first reply time takes the first public reply's (never before its creation), so it
 * never has replies without a first reply; its business minutes stay null for the engine. The
 * minutes are divided in float8, as the normalizer divides them, so both give the same number.
 */
export async function updateReplyCounts(
  db: SqlSession,
  tenantId: string,
  revision: number,
  found: readonly RepliesFound[],
): Promise<void> {
  if (found.length === 0) return;
  const rows = latestRows(found.map(({ ticketId, count, firstAt }) => ({ id: ticketId, n: count, first_at: firstAt })));
  await db.query(
    `UPDATE tickets AS t SET public_replies = c.n, replies_known = true, revision = $3,
       first_reply_at = CASE WHEN t.first_reply_at IS NULL AND c.first_at IS NOT NULL
         THEN GREATEST(c.first_at, t.created_at) ELSE t.first_reply_at END,
       first_reply_minutes = CASE WHEN t.first_reply_at IS NULL AND c.first_at IS NOT NULL
         THEN (GREATEST(c.first_at, t.created_at) - t.created_at)::float8 / 60000 ELSE t.first_reply_minutes END
     FROM json_to_recordset($2::json) AS c(id text, n int4, first_at int8)
     WHERE t.tenant_id = $1 AND t.id = c.id`,
    [tenantId, JSON.stringify(rows), revision],
  );
}

/** Ids of tickets created since `since` whose reply count is unknown, newest first. */
export async function selectTicketsNeedingReplyCounts(
  db: SqlSession,
  tenantId: string,
  since: number,
  limit: number,
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM tickets
     WHERE tenant_id = $1 AND NOT replies_known AND NOT removed AND created_at >= $2
     ORDER BY created_at DESC, id DESC
     LIMIT $3`,
    [tenantId, since, limit],
  );
  return rows.map((row) => row.id);
}

/** Share of tickets created since `since` with known reply counts; 1 when there are none. */
export async function selectReplyCountCoverage(db: SqlSession, tenantId: string, since: number): Promise<number> {
  const rows = await db.query<{ total: number; known: number }>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE replies_known) AS known FROM tickets
     WHERE tenant_id = $1 AND NOT removed AND created_at >= $2`,
    [tenantId, since],
  );
  const { total = 0, known = 0 } = rows[0] ?? {};
  return total === 0 ? 1 : known / total;
}
