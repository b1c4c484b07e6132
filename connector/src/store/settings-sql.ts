import { AGENT_KPI_KEYS, type AgentKpiKey } from '@frontline/kpi';
import type { SqlSession } from './sql-client.js';
import { DEFAULT_SETTINGS, type TenantSettings } from './tenant-settings.js';

/** Sets the tenant's headline KPIs, replacing the earlier choice. */
export async function upsertHeadline(
  db: SqlSession,
  tenantId: string,
  headline: readonly AgentKpiKey[],
): Promise<void> {
  await db.query(
    `INSERT INTO tenant_settings (tenant_id, headline) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET headline = excluded.headline`,
    [tenantId, headline],
  );
}

/**
 * The tenant's settings, the defaults where it chose nothing. KPIs the engine no longer measures
 * per agent are skipped; a headline left empty by that falls back to the default.
 */
export async function selectSettings(db: SqlSession, tenantId: string): Promise<TenantSettings> {
  const rows = await db.query<{ headline: string[] | null }>(
    'SELECT headline FROM tenant_settings WHERE tenant_id = $1',
    [tenantId],
  );
  const known = (rows[0]?.headline ?? []).filter((k): k is AgentKpiKey =>
    (AGENT_KPI_KEYS as readonly string[]).includes(k),
  );
  return known.length === 0 ? DEFAULT_SETTINGS : { headline: known };
}

/** Sets whether every user of the tenant must prove who they are before signing in. */
export async function upsertIdentityProof(db: SqlSession, tenantId: string, required: boolean): Promise<void> {
  await db.query(
    `INSERT INTO tenant_settings (tenant_id, require_identity_proof) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET require_identity_proof = excluded.require_identity_proof`,
    [tenantId, required],
  );
}

/** Whether the tenant requires every user to prove who they are; false until an admin says so. */
export async function selectIdentityProof(db: SqlSession, tenantId: string): Promise<boolean> {
  const rows = await db.query<{ required: boolean }>(
    'SELECT require_identity_proof AS required FROM tenant_settings WHERE tenant_id = $1',
    [tenantId],
  );
  return rows[0]?.required ?? false;
}
