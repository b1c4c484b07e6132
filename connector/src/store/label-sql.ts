import type { SqlSession } from './sql-client.js';
import type { TicketLabel } from './sync-store.js';

/** Subject and requester (with the name, when known) of the named tickets the store holds. */
export async function selectTicketLabels(
  db: SqlSession,
  tenantId: string,
  ticketIds: readonly string[],
): Promise<Map<string, TicketLabel>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db.query<{ id: string; subject: string | null; requester_id: string; name: string | null }>(
    `SELECT t.id, t.subject, t.requester_id, q.name
     FROM tickets t LEFT JOIN requesters q ON q.tenant_id = t.tenant_id AND q.id = t.requester_id
     WHERE t.tenant_id = $1 AND t.id IN (SELECT json_array_elements_text($2::json))`,
    [tenantId, JSON.stringify(ticketIds)],
  );
  return new Map(rows.map((r) => [r.id, { subject: r.subject, requesterId: r.requester_id, requesterName: r.name }]));
}

/** The names of the named requesters the store holds with one. */
export async function selectRequesterNames(
  db: SqlSession,
  tenantId: string,
  requesterIds: readonly string[],
): Promise<Map<string, string>> {
  if (requesterIds.length === 0) return new Map();
  const rows = await db.query<{ id: string; name: string }>(
    `SELECT id, name FROM requesters
     WHERE tenant_id = $1 AND name IS NOT NULL AND id IN (SELECT json_array_elements_text($2::json))`,
    [tenantId, JSON.stringify(requesterIds)],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
