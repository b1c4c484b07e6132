import { isKpiKey, KPI_KEYS, type KpiDirection, type KpiKey, type KpiTarget } from '@frontline/kpi';
import type { SqlSession } from './sql-client.js';

interface TargetRow {
  readonly kpi: string;
  readonly green: number;
  readonly amber: number;
  readonly direction: KpiDirection | null;
}

/** Sets the tenant's target for one KPI, replacing an earlier one. */
export async function upsertTarget(db: SqlSession, tenantId: string, target: KpiTarget): Promise<void> {
  await db.query(
    `INSERT INTO kpi_targets (tenant_id, kpi, green, amber, direction) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, kpi) DO UPDATE
       SET green = excluded.green, amber = excluded.amber, direction = excluded.direction`,
    [tenantId, target.kpi, target.green, target.amber, target.direction ?? null],
  );
}

/** Removes the tenant's target for one KPI; false when there was none. */
export async function deleteTarget(db: SqlSession, tenantId: string, kpi: KpiKey): Promise<boolean> {
  const rows = await db.query('DELETE FROM kpi_targets WHERE tenant_id = $1 AND kpi = $2 RETURNING 1', [tenantId, kpi]);
  return rows.length > 0;
}

/** The tenant's targets in the order of the KPI list, skipping KPIs the engine no longer knows. */
export async function selectTargets(db: SqlSession, tenantId: string): Promise<KpiTarget[]> {
  const rows = await db.query<TargetRow>('SELECT kpi, green, amber, direction FROM kpi_targets WHERE tenant_id = $1', [
    tenantId,
  ]);
  const targets = rows.flatMap((row): KpiTarget[] => {
    if (!isKpiKey(row.kpi)) return [];
    const target = { kpi: row.kpi, green: row.green, amber: row.amber };
    return [row.direction === null ? target : { ...target, direction: row.direction }];
  });
  return targets.sort((a, b) => KPI_KEYS.indexOf(a.kpi) - KPI_KEYS.indexOf(b.kpi));
}
