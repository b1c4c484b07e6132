import { latestRows } from './latest-rows.js';
import type { SqlSession } from './sql-client.js';

// Deleted and spam tickets are left out of every KPI, so their replies are never counted.

/** Records counted public replies and marks them known; unknown ticket ids are ignored. */
export async function updateReplyCounts(
  db: SqlSession,
  tenantId: string,
  revision: number,
  counts: readonly { ticketId: string; publicReplies: number }[],
): Promise<void> {
  if (counts.length === 0) return;
  const rows = latestRows(counts.map(({ ticketId, publicReplies }) => ({ id: ticketId, n: publicReplies })));
  await db.query(
    `UPDATE tickets AS t SET public_replies = c.n, replies_known = true, revision = $3
     FROM json_to_recordset($2::json) AS c(id text, n int4)
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
