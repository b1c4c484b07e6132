import type { Migration } from './migration.js';

/**
 * What a tenant's admin chooses for everyone of the account: for now the headline KPIs the
 * sidebar leads with, in display order. No row: the defaults (tenant-settings.ts) hold.
 */
export const tenantSettings: Migration = {
  version: 6,
  name: 'tenant settings',
  sql: /* sql */ `
CREATE TABLE tenant_settings (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  headline text[] NOT NULL
);
`,
};
