import type { Migration } from './migration.js';

/**
 * What the sidebar shows a person beside a ticket: its subject and its requester's name. Read by
 * id for the rows a response shows, never into the history the KPIs are computed from (which
 * they would only make larger). `NULL` for rows synced before, until the vendor sends them again.
 */
export const subjectsAndNames: Migration = {
  version: 7,
  name: 'subjects and names',
  sql: /* sql */ `
ALTER TABLE tickets ADD COLUMN subject text;
ALTER TABLE requesters ADD COLUMN name text;
`,
};
