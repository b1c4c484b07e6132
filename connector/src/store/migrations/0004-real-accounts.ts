import type { Migration } from './migration.js';

/**
 * What real accounts send (KPIS.md, "Real accounts").
 *
 * `outbound`: a ticket an agent started towards a customer (Freshdesk's outbound email); the
 * engine leaves it out of every ticket KPI but the backlog.
 *
 * `plan`: the helpdesk plan the operator set (`tenant add --plan`), which fixes the vendor's
 * per-endpoint limits; `NULL` until set, when the client starts from the most cautious plan and
 * learns the account's limits from its answers.
 */
export const realAccounts: Migration = {
  version: 4,
  name: 'real accounts',
  sql: /* sql */ `
ALTER TABLE tickets ADD COLUMN outbound boolean NOT NULL DEFAULT false;
ALTER TABLE tenants ADD COLUMN plan text;
`,
};
