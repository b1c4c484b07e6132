import type { Migration } from './migration.js';

/**
 * Each ticket's, rating's and survey answer's part in the KPIs (`@frontline/kpi` ticket-facts),
 * written with the rows they come from, so the API aggregates any window in SQL instead of
 * holding the history. Each index starts with the tenant and the event time a window cuts on,
 * and carries the columns its aggregation reads (index-only scans). `fact_builds` records how
 * far the facts of a store that existed before them have been built, so the build resumes.
 */
export const kpiFacts: Migration = {
  version: 11,
  name: 'kpi facts',
  sql: /* sql */ `
CREATE TABLE ticket_facts (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  ticket_id text COLLATE "C" NOT NULL,
  agent_id text COLLATE "C",
  requester_id text COLLATE "C" NOT NULL,
  contact_at int8,
  escalated boolean NOT NULL,
  replied_at int8,
  first_reply_minutes float8,
  first_reply_business_minutes float8,
  solved_at int8,
  resolution_minutes float8,
  resolution_business_minutes float8,
  public_replies int4 NOT NULL,
  reopened boolean NOT NULL,
  one_touch boolean NOT NULL,
  open_from int8,
  open_until int8,
  -- The requester's first other contact within 7 days after the solve (a repeat contact).
  repeat_ticket_id text COLLATE "C",
  repeat_at int8,
  PRIMARY KEY (tenant_id, ticket_id)
);
CREATE INDEX ticket_facts_by_contact ON ticket_facts (tenant_id, contact_at)
  INCLUDE (agent_id, escalated, requester_id) WHERE contact_at IS NOT NULL;
CREATE INDEX ticket_facts_by_reply ON ticket_facts (tenant_id, replied_at)
  INCLUDE (agent_id, first_reply_minutes, first_reply_business_minutes) WHERE replied_at IS NOT NULL;
CREATE INDEX ticket_facts_by_solve ON ticket_facts (tenant_id, solved_at)
  INCLUDE (agent_id, resolution_minutes, resolution_business_minutes, public_replies, reopened, one_touch, repeat_ticket_id)
  WHERE solved_at IS NOT NULL;
-- The backlog at t: still open (open_until null, at the end of by_close), plus closed at or after t,
-- minus opened at or after t: recent rows only.
CREATE INDEX ticket_facts_by_open ON ticket_facts (tenant_id, open_from) INCLUDE (agent_id)
  WHERE open_from IS NOT NULL;
CREATE INDEX ticket_facts_by_close ON ticket_facts (tenant_id, open_until) INCLUDE (agent_id, open_from)
  WHERE open_from IS NOT NULL;

CREATE TABLE rating_facts (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  rating_id text COLLATE "C" NOT NULL,
  ticket_id text COLLATE "C" NOT NULL,
  agent_id text COLLATE "C",
  at int8 NOT NULL,
  answered boolean NOT NULL,
  positive boolean NOT NULL,
  PRIMARY KEY (tenant_id, rating_id)
);
CREATE INDEX rating_facts_by_time ON rating_facts (tenant_id, at) INCLUDE (agent_id, answered, positive, ticket_id);

CREATE TABLE answer_facts (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  answer_id text COLLATE "C" NOT NULL,
  metric text NOT NULL,
  score float8 NOT NULL,
  at int8 NOT NULL,
  ticket_id text COLLATE "C",
  agent_id text COLLATE "C",
  PRIMARY KEY (tenant_id, answer_id)
);
CREATE INDEX answer_facts_by_time ON answer_facts (tenant_id, at) INCLUDE (metric, score, agent_id, ticket_id);

-- What the facts of a changed ticket reach: its requester's tickets within 7 days of it, its
-- ratings, their answers.
CREATE INDEX tickets_by_requester_creation ON tickets (tenant_id, requester_id, created_at);
CREATE INDEX tickets_by_requester_solve ON tickets (tenant_id, requester_id, solved_at) WHERE solved_at IS NOT NULL;
CREATE INDEX ratings_by_ticket ON ratings (tenant_id, ticket_id);
CREATE INDEX survey_answers_by_requester ON survey_answers (tenant_id, requester_id);
CREATE INDEX survey_answers_by_email ON survey_answers (tenant_id, lower(requester_email));
CREATE INDEX requesters_by_email ON requesters (tenant_id, lower(email));
-- A write's rows, read back by their revision to compute their facts.
CREATE INDEX survey_answers_by_revision ON survey_answers (tenant_id, revision);
CREATE INDEX requesters_by_revision ON requesters (tenant_id, revision);

-- A tenant listed here has rows without facts: its tickets, then ratings, then answers are built
-- in id order, each batch in a transaction that moves after_id; the row goes when all are built.
CREATE TABLE fact_builds (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  phase text NOT NULL CHECK (phase IN ('tickets', 'ratings', 'answers')),
  after_id text COLLATE "C" NOT NULL
);
INSERT INTO fact_builds (tenant_id, phase, after_id) SELECT id, 'tickets', '' FROM tenants;
`,
};
