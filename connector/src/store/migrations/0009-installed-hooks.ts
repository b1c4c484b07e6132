import type { Migration } from './migration.js';

/**
 * What Frontline created in the tenant's helpdesk when an admin connected it from the app
 * (webhooks, a trigger, an automation rule), by the vendor's ids, so that disconnecting removes
 * them. Null for tenants an operator added, whose webhooks the admin made by hand.
 */
export const installedHooks: Migration = {
  version: 9,
  name: 'installed hooks',
  sql: /* sql */ `
ALTER TABLE tenants ADD COLUMN installed_hooks jsonb;
`,
};
