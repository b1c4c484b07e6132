import type { Migration } from './migration.js';

/**
 * Whether an admin requires every user of the account to prove once who they are before they sign
 * in (Freshdesk, whose sign-in proves the account, not the person). A settings row may now hold
 * only that: its headline is null until an admin chooses one (null reads as the default).
 */
export const identityProof: Migration = {
  version: 10,
  name: 'identity proof',
  sql: /* sql */ `
ALTER TABLE tenant_settings ALTER COLUMN headline DROP NOT NULL;
ALTER TABLE tenant_settings ADD COLUMN require_identity_proof boolean NOT NULL DEFAULT false;
`,
};
