import type { SqlClient } from './sql-client.js';
import { TenantNotFoundError } from './tenant-not-found-error.js';

/**
 * Every table that holds a tenant's rows, children before the tables they reference
 * (`note_versions` before `coaching_notes`). The foreign keys also cascade from `tenants`; the
 * deletes are spelled out so that what a removal takes is read here, and a table added without a
 * cascading key is still emptied once listed. The store contract test counts every table with a
 * `tenant_id` column, so one that keeps a removed tenant's rows fails it.
 */
const TENANT_TABLES = [
  'note_versions',
  'coaching_notes',
  'kpi_targets',
  'user_roles',
  'user_keys',
  'tenant_settings',
  'ticket_facts',
  'rating_facts',
  'answer_facts',
  'fact_builds',
  'tickets',
  'ratings',
  'survey_answers',
  'agents',
  'requesters',
  'schedules',
  'stream_checkpoints',
  'tenant_revisions',
] as const;

/** Deletes the tenant of this name and every row stored for it, in one transaction; throws `TenantNotFoundError`. */
export async function deleteTenant(client: SqlClient, name: string): Promise<void> {
  await client.transaction(async (tx) => {
    // The row lock keeps a concurrent write (a sync's page) from adding rows between the deletes.
    const found = await tx.query<{ id: string }>('SELECT id::text AS id FROM tenants WHERE name = $1 FOR UPDATE', [
      name,
    ]);
    const id = found[0]?.id;
    if (id === undefined) throw new TenantNotFoundError(name);
    for (const table of TENANT_TABLES) await tx.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [id]);
    await tx.query('DELETE FROM tenants WHERE id = $1', [id]);
  });
}
