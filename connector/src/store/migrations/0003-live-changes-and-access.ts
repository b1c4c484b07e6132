import type { Migration } from './migration.js';

/**
 * Live updates and access.
 *
 * Revisions: every write to a tenant's history first bumps the tenant's row in
 * `tenant_revisions` and stamps the rows it changes with the new number. The row lock makes
 * writers of one tenant commit in revision order, so a reader that saw revision R has seen every
 * row stamped R or lower, and "rows with revision > R" is exactly what changed since: the API
 * keeps a tenant's history in memory and reads only that.
 *
 * Access: the secrets that prove a request comes from the tenant's helpdesk (the webhook signing
 * secret, the app's shared secret) are AES-256-GCM ciphertexts like the credentials; the Zendesk
 * app's public key and audience are not secret. Personal user keys are stored as SHA-256 hashes.
 */
export const liveChangesAndAccess: Migration = {
  version: 3,
  name: 'live changes and access',
  sql: /* sql */ `
CREATE TABLE tenant_revisions (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  revision int8 NOT NULL
);

ALTER TABLE tickets ADD COLUMN revision int8 NOT NULL DEFAULT 0;
ALTER TABLE ratings ADD COLUMN revision int8 NOT NULL DEFAULT 0;
ALTER TABLE survey_answers ADD COLUMN revision int8 NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN revision int8 NOT NULL DEFAULT 0;
ALTER TABLE requesters ADD COLUMN revision int8 NOT NULL DEFAULT 0;

CREATE INDEX tickets_by_revision ON tickets (tenant_id, revision);
CREATE INDEX ratings_by_revision ON ratings (tenant_id, revision);

-- A JSON array of secrets: Zendesk signs each webhook (events, the ratings trigger) with its own.
ALTER TABLE tenants ADD COLUMN webhook_secrets text;
ALTER TABLE tenants ADD COLUMN app_secret text;
-- {"publicKeyPem": "...", "audience": "...", "issuer": "acme.zendesk.com"}
ALTER TABLE tenants ADD COLUMN zendesk_app jsonb;

CREATE TABLE user_keys (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id text NOT NULL,
  key_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id)
);
`,
};
