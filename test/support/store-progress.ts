import pg from 'pg';

/** How far a tenant's backfill has got, as its rows in the store say. */
export interface TenantProgress {
  readonly tickets: number;
  readonly ratings: number;
  /** Stored tickets whose public replies are still to be counted (Freshdesk: a call per ticket). */
  readonly repliesUnknown: number;
}

/**
 * Counts each tenant's stored rows with one cheap query, so a test or benchmark can watch many
 * backfills without loading every history (that work would compete with the workers it watches).
 */
export interface StoreProgress {
  /** By tenant name. */
  read(): Promise<Map<string, TenantProgress>>;
  close(): Promise<void>;
}

export async function openStoreProgress(databaseUrl: string): Promise<StoreProgress> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  client.on('error', () => {});
  return {
    async read() {
      const { rows } = await client.query<{ name: string; tickets: string; ratings: string; unknown: string }>(
        `SELECT t.name,
           (SELECT count(*) FROM tickets k WHERE k.tenant_id = t.id) AS tickets,
           (SELECT count(*) FROM ratings r WHERE r.tenant_id = t.id) AS ratings,
           (SELECT count(*) FROM tickets k WHERE k.tenant_id = t.id AND NOT k.replies_known AND NOT k.removed) AS unknown
         FROM tenants t`,
      );
      return new Map(
        rows.map((row) => [
          row.name,
          { tickets: Number(row.tickets), ratings: Number(row.ratings), repliesUnknown: Number(row.unknown) },
        ]),
      );
    },
    close: () => client.end(),
  };
}

/** Whether the stored counts are those of a finished backfill of `expected`. */
export function complete(
  progress: TenantProgress | undefined,
  expected: { readonly tickets: number; readonly ratings: number },
): boolean {
  return (
    progress !== undefined &&
    progress.tickets === expected.tickets &&
    progress.ratings === expected.ratings &&
    progress.repliesUnknown === 0
  );
}
