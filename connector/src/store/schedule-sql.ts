import type { BusinessSchedule } from '@frontline/kpi';
import type { SqlSession } from './sql-client.js';

/** Stores a tenant's business schedule; `null` removes it (business minutes = calendar minutes). */
export async function upsertSchedule(
  db: SqlSession,
  tenantId: string,
  schedule: BusinessSchedule | null,
): Promise<void> {
  if (schedule === null) {
    await db.query('DELETE FROM schedules WHERE tenant_id = $1', [tenantId]);
    return;
  }
  await db.query(
    `INSERT INTO schedules (tenant_id, time_zone, intervals, holidays) VALUES ($1, $2, $3::jsonb, $4)
     ON CONFLICT (tenant_id) DO UPDATE SET
       time_zone = excluded.time_zone, intervals = excluded.intervals, holidays = excluded.holidays,
       updated_at = now()`,
    [
      tenantId,
      schedule.timeZone,
      // Stringified here: pg would otherwise send a JS array as a PostgreSQL array.
      JSON.stringify(schedule.intervals.map(({ start, end }) => ({ start, end }))),
      [...schedule.holidays],
    ],
  );
}

/** A tenant's business schedule, or null. */
export async function selectSchedule(db: SqlSession, tenantId: string): Promise<BusinessSchedule | null> {
  const rows = await db.query<{ time_zone: string; intervals: { start: number; end: number }[]; holidays: string[] }>(
    'SELECT time_zone, intervals, holidays FROM schedules WHERE tenant_id = $1',
    [tenantId],
  );
  const row = rows[0];
  if (row === undefined) return null;
  return {
    timeZone: row.time_zone,
    intervals: row.intervals.map(({ start, end }) => ({ start, end })),
    holidays: row.holidays,
  };
}
