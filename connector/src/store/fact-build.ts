import {
  RATING_COLUMNS,
  SURVEY_ANSWER_COLUMNS,
  surveyAnswerOf,
  TICKET_COLUMNS,
  HistoryRowReader,
} from './history-rows.js';
import type { RatingRow, SurveyAnswerRow, TicketRow } from './history-rows.js';
import { refreshFacts } from './fact-sql.js';
import type { SqlClient, SqlSession } from './sql-client.js';

/** Rows per build transaction: short transactions, so live writes never wait long for the build. */
const BATCH = 2_000;

type Phase = 'tickets' | 'ratings' | 'answers';
const NEXT: Record<Phase, Phase | null> = { tickets: 'ratings', ratings: 'answers', answers: null };

/** Lists the tenant for a rebuild of all its facts (its schedule changed: business minutes move). */
export async function requestFactBuild(tx: SqlSession, tenantId: string): Promise<void> {
  await tx.query(
    `INSERT INTO fact_builds (tenant_id, phase, after_id) VALUES ($1, 'tickets', '')
     ON CONFLICT (tenant_id) DO UPDATE SET phase = 'tickets', after_id = ''`,
    [tenantId],
  );
}

/**
 * Builds the facts of every tenant listed in `fact_builds`, batch by batch, each batch in a
 * transaction that also moves the tenant's position: a build stopped anywhere resumes where it
 * was. Processes building at once take different tenants (SKIP LOCKED). Returns the batches run.
 */
export async function buildPendingFacts(
  client: SqlClient,
  onBatch?: (tenantId: string, phase: string) => void,
): Promise<number> {
  let batches = 0;
  for (;;) {
    const ran = await client.transaction(async (tx) => {
      const rows = await tx.query<{ tenant_id: string; phase: Phase; after_id: string }>(
        'SELECT tenant_id::text AS tenant_id, phase, after_id FROM fact_builds ORDER BY tenant_id LIMIT 1 FOR UPDATE SKIP LOCKED',
      );
      const build = rows[0];
      if (build === undefined) return false;
      const last = await buildBatch(tx, build.tenant_id, build.phase, build.after_id);
      if (last !== null) {
        await tx.query('UPDATE fact_builds SET after_id = $2 WHERE tenant_id = $1', [build.tenant_id, last]);
      } else if (NEXT[build.phase] !== null) {
        await tx.query("UPDATE fact_builds SET phase = $2, after_id = '' WHERE tenant_id = $1", [
          build.tenant_id,
          NEXT[build.phase],
        ]);
      } else {
        await tx.query('DELETE FROM fact_builds WHERE tenant_id = $1', [build.tenant_id]);
      }
      onBatch?.(build.tenant_id, build.phase);
      return true;
    });
    if (!ran) return batches;
    batches++;
  }
}

/** Refreshes the facts of the next batch after `afterId`; returns its last id, `null` when none was left. */
async function buildBatch(tx: SqlSession, tenantId: string, phase: Phase, afterId: string): Promise<string | null> {
  const reader = new HistoryRowReader();
  const none = { tickets: [], ratings: [], answers: [], requesterIds: [] };
  const page = `WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT ${BATCH}`;
  if (phase === 'tickets') {
    const rows = await tx.query<TicketRow>(`SELECT ${TICKET_COLUMNS} FROM tickets ${page}`, [tenantId, afterId]);
    await refreshFacts(tx, tenantId, { ...none, tickets: rows.map((r) => reader.ticket(r)) });
    return rows.at(-1)?.id ?? null;
  }
  if (phase === 'ratings') {
    const rows = await tx.query<RatingRow>(`SELECT ${RATING_COLUMNS} FROM ratings ${page}`, [tenantId, afterId]);
    await refreshFacts(tx, tenantId, { ...none, ratings: rows.map((r) => reader.rating(r)) });
    return rows.at(-1)?.id ?? null;
  }
  const rows = await tx.query<SurveyAnswerRow>(`SELECT ${SURVEY_ANSWER_COLUMNS} FROM survey_answers ${page}`, [
    tenantId,
    afterId,
  ]);
  await refreshFacts(tx, tenantId, { ...none, answers: rows.map(surveyAnswerOf) });
  return rows.at(-1)?.id ?? null;
}
