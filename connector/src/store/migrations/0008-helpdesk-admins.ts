import type { Migration } from './migration.js';

/**
 * Whether the helpdesk makes an agent an administrator of the account (Zendesk's admin role):
 * such an agent is a Frontline admin unless Frontline keeps another role for them. False for rows
 * synced before, until the next agents sync (every sync link) reads them again.
 */
export const helpdeskAdmins: Migration = {
  version: 8,
  name: 'helpdesk admins',
  sql: /* sql */ `
ALTER TABLE agents ADD COLUMN administers_helpdesk boolean NOT NULL DEFAULT false;
`,
};
