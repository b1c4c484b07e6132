import type { Migration } from './migration.js';

/**
 * Coaching: notes a lead writes to an agent, each tenant's KPI targets and its users' roles.
 * Every table is keyed by `tenant_id` first, like the synced ones. A note's text lives in
 * `note_versions`, one row per version: an edit appends a row and never overwrites one, so the
 * history of what the agent was told is kept. Only the current version's `acknowledged_at` is
 * ever set, once. Times are int8 epoch milliseconds, given by the caller. KPI keys are plain text,
 * checked by the code: a new KPI needs no migration.
 */
export const coaching: Migration = {
  version: 2,
  name: 'coaching',
  sql: /* sql */ `
CREATE TABLE coaching_notes (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id uuid NOT NULL,
  agent_id text NOT NULL,
  -- The lead who wrote the first version; each version names its own author.
  author_id text NOT NULL,
  ticket_id text,
  kpi text,
  created_at int8 NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

-- An agent's notes, newest first.
CREATE INDEX coaching_notes_by_agent ON coaching_notes (tenant_id, agent_id, created_at DESC);

CREATE TABLE note_versions (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  note_id uuid NOT NULL,
  -- 1 for the first text; the highest is the current one.
  version int4 NOT NULL CHECK (version >= 1),
  body text NOT NULL,
  author_id text NOT NULL,
  written_at int8 NOT NULL,
  acknowledged_at int8,
  PRIMARY KEY (tenant_id, note_id, version),
  FOREIGN KEY (tenant_id, note_id) REFERENCES coaching_notes (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE kpi_targets (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  kpi text NOT NULL,
  green float8 NOT NULL,
  amber float8 NOT NULL,
  -- NULL: the KPI's natural direction.
  direction text CHECK (direction IN ('higher_is_better', 'lower_is_better')),
  PRIMARY KEY (tenant_id, kpi)
);

CREATE TABLE user_roles (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
  PRIMARY KEY (tenant_id, user_id)
);
`,
};
