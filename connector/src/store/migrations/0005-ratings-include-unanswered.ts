import type { Migration } from './migration.js';

/**
 * Whether a tenant's ratings include surveys sent and unanswered, as its helpdesk answered on
 * the last sync (Zendesk: legacy CSAT lists them, the current CSAT's survey responses do not).
 * `NULL` until a sync asked: the vendor's default (history-sql.ts) holds meanwhile.
 */
export const ratingsIncludeUnanswered: Migration = {
  version: 5,
  name: 'ratings include unanswered',
  sql: /* sql */ `
ALTER TABLE tenants ADD COLUMN ratings_include_unanswered boolean;
`,
};
