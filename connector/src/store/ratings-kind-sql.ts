import type { VendorName } from '../vendors/index.js';
import type { SqlSession } from './sql-client.js';

/**
 * Whether a vendor's ratings include surveys sent but not answered, until a sync has asked the
 * account (see migration 5): Zendesk's legacy CSAT lists offered ratings, Freshdesk only answered
 * ones. A record over `VendorName`, so a new vendor must say.
 */
const VENDOR_DEFAULT: Readonly<Record<VendorName, boolean>> = { zendesk: true, freshdesk: false };

/** The tenant's answer as last synced, else its vendor's default. */
export async function selectRatingsIncludeUnanswered(
  db: SqlSession,
  tenantId: string,
  vendor: VendorName,
): Promise<boolean> {
  const rows = await db.query<{ ratings_include_unanswered: boolean | null }>(
    'SELECT ratings_include_unanswered FROM tenants WHERE id = $1',
    [tenantId],
  );
  return rows[0]?.ratings_include_unanswered ?? VENDOR_DEFAULT[vendor];
}

/** Records the account's answer; returns whether it changed (and a live copy must hear of it). */
export async function updateRatingsIncludeUnanswered(
  db: SqlSession,
  tenantId: string,
  value: boolean,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE tenants SET ratings_include_unanswered = $2
     WHERE id = $1 AND ratings_include_unanswered IS DISTINCT FROM $2 RETURNING id`,
    [tenantId, value],
  );
  return rows.length > 0;
}
