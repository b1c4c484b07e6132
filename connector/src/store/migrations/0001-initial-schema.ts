import type { Migration } from './migration.js';

/**
 * Tenants and everything synced for them. Every synced table is keyed by `tenant_id` first, so
 * a tenant's rows are one index range and no query can forget the tenant. Model times are int8
 * epoch milliseconds (the model's own unit, exact, cheap to compare); bookkeeping times are
 * timestamptz. Ticket ids use the "C" collation: byte order is stable across servers and
 * cheaper to compare, and history is read in id order.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  sql: /* sql */ `
CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  vendor text NOT NULL CHECK (vendor IN ('zendesk', 'freshdesk')),
  base_url text NOT NULL,
  -- AES-256-GCM ciphertexts (v1:iv:tag:data), never plaintext.
  credentials text NOT NULL,
  zigpoll_credentials text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'stopped')),
  status_reason text,
  escalation_tags text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tickets (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text COLLATE "C" NOT NULL,
  requester_id text NOT NULL,
  assignee_id text,
  group_id text,
  status text NOT NULL CHECK (status IN ('new', 'open', 'pending', 'hold', 'solved', 'closed')),
  created_at int8 NOT NULL,
  tags text[] NOT NULL,
  first_reply_at int8,
  first_reply_minutes float8,
  first_reply_business_minutes float8,
  solved_at int8,
  resolution_minutes float8,
  resolution_business_minutes float8,
  public_replies int4 NOT NULL CHECK (public_replies >= 0),
  reopens int4 NOT NULL CHECK (reopens >= 0),
  group_stations int4,
  removed boolean NOT NULL,
  -- The vendor's last change: a stored copy is replaced only by one at least as new.
  updated_at int8 NOT NULL,
  -- Whether public_replies was counted (Freshdesk counts it per ticket, after the list).
  replies_known boolean NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

-- The reply-count backlog: small (only uncounted tickets), walked newest first.
CREATE INDEX tickets_needing_reply_counts ON tickets (tenant_id, created_at DESC)
  WHERE NOT replies_known AND NOT removed;

CREATE TABLE ratings (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text COLLATE "C" NOT NULL,
  ticket_id text NOT NULL,
  agent_id text,
  requester_id text,
  at int8 NOT NULL,
  answered boolean NOT NULL,
  positive boolean NOT NULL,
  comment text,
  PRIMARY KEY (tenant_id, id)
);

-- History reads ratings in time order.
CREATE INDEX ratings_by_time ON ratings (tenant_id, at, id);

CREATE TABLE survey_answers (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text COLLATE "C" NOT NULL,
  metric text NOT NULL CHECK (metric IN ('nps', 'ces')),
  score float8 NOT NULL,
  at int8 NOT NULL,
  requester_id text,
  requester_email text,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE agents (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text COLLATE "C" NOT NULL,
  name text NOT NULL,
  email text,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE requesters (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text COLLATE "C" NOT NULL,
  email text,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE schedules (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  time_zone text NOT NULL,
  -- [{"start": minutes, "end": minutes}, ...] from Monday 00:00.
  intervals jsonb NOT NULL,
  holidays text[] NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stream_checkpoints (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  stream text NOT NULL,
  cursor text NOT NULL,
  done boolean NOT NULL,
  reached_time int8,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, stream)
);
`,
};
