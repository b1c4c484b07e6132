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
  const rows = await db.query<{ headline: string[] }>('SELECT headline FROM tenant_settings WHERE tenant_id = $1', [
    tenantId,
  ]);
  const known = (rows[0]?.headline ?? []).filter((k): k is AgentKpiKey =>
    (AGENT_KPI_KEYS as readonly string[]).includes(k),
  );
  return known.length === 0 ? DEFAULT_SETTINGS : { headline: known };
}
