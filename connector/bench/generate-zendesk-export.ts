/**
 * Writes a large, realistic Zendesk export folder (the files `frontline kpi --vendor zendesk`
 * reads): incremental cursor export pages with metric sets and users, and satisfaction rating
 * pages. Payloads carry the fields Zendesk really sends, not only the ones we read, so parsing
 * costs what it would on a real export.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom, type SeededRandom } from './seeded-random.js';

export interface ZendeskExportSize {
  readonly pages: number;
  readonly ticketsPerPage: number;
  readonly ratingPages: number;
  readonly ratingsPerPage: number;
  readonly agents: number;
  readonly requesters: number;
  /** Ticket creation times are spread over `[from, to)`. */
  readonly from: number;
  readonly to: number;
  readonly seed: number;
}

export interface GeneratedExport {
  readonly tickets: number;
  readonly ratings: number;
  readonly files: number;
  readonly bytes: number;
}

const MINUTE_MS = 60_000;
const BASE = 'https://bench.zendesk.com/api/v2';
const TAGS = ['billing', 'login', 'export', 'api', 'mobile', 'refund', 'feature_request', 'bug', 'vip', 'plans'];
const STATUSES: readonly (readonly [string, number])[] = [
  ['closed', 0.68],
  ['solved', 0.16],
  ['open', 0.05],
  ['pending', 0.04],
  ['hold', 0.02],
  ['new', 0.04],
  ['deleted', 0.01],
];
const SCORES: readonly (readonly [string, number])[] = [
  ['good', 0.55],
  ['bad', 0.1],
  ['offered', 0.3],
  ['unoffered', 0.05],
];

const iso = (time: number): string => new Date(time).toISOString().replace('.000Z', 'Z');

function weighted(random: SeededRandom, table: readonly (readonly [string, number])[]): string {
  let u = random.next();
  for (const [value, weight] of table) {
    if (u < weight) return value;
    u -= weight;
  }
  return table[table.length - 1]?.[0] ?? '';
}

/** Minutes with a long tail, like real reply and resolution times. */
function minutes(random: SeededRandom, typical: number): number {
  return Math.max(1, Math.round(-Math.log(1 - random.next()) * typical));
}

function agentId(index: number): number {
  return 900_001 + index;
}

function requesterId(random: SeededRandom, size: ZendeskExportSize): number {
  // Squaring skews towards a core of frequent requesters, so some come back within 7 days.
  const u = random.next();
  return 10_000_001 + Math.floor(u * u * size.requesters);
}

function user(id: number, role: 'agent' | 'end-user'): Record<string, unknown> {
  const name = role === 'agent' ? `Agent ${id}` : `Customer ${id}`;
  return {
    url: `${BASE}/users/${id}.json`,
    id,
    name,
    email: `${role === 'agent' ? 'agent' : 'customer'}${id}@example.com`,
    created_at: '2023-05-01T10:00:00Z',
    updated_at: '2025-06-01T10:00:00Z',
    time_zone: 'London',
    iana_time_zone: 'Europe/London',
    phone: null,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: 'en-US',
    organization_id: null,
    role,
    verified: true,
    external_id: null,
    tags: [],
    alias: null,
    active: true,
    shared: false,
    shared_agent: false,
    last_login_at: role === 'agent' ? '2025-12-30T08:00:00Z' : null,
    two_factor_auth_enabled: null,
    signature: null,
    details: '',
    notes: '',
    role_type: role === 'agent' ? 0 : null,
    custom_role_id: null,
    moderator: role === 'agent',
    ticket_restriction: role === 'agent' ? null : 'requested',
    only_private_comments: false,
    restricted_agent: role !== 'agent',
    suspended: false,
    default_group_id: role === 'agent' ? 301 : null,
    report_csv: false,
    user_fields: {},
  };
}

interface GeneratedTicket {
  readonly ticket: Record<string, unknown>;
  readonly metrics: Record<string, unknown>;
  readonly requester: number;
  readonly assignee: number | null;
}

function ticket(random: SeededRandom, size: ZendeskExportSize, id: number): GeneratedTicket {
  const created = size.from + Math.floor((random.next() * (size.to - size.from)) / MINUTE_MS) * MINUTE_MS;
  const status = weighted(random, STATUSES);
  const requester = requesterId(random, size);
  const assignee = status === 'new' ? null : agentId(random.int(0, size.agents - 1));
  const group = assignee === null ? null : 301 + (assignee % 5);
  const replied = status !== 'new' && random.chance(0.95);
  const reply = replied ? minutes(random, 240) : null;
  const solved = status === 'solved' || status === 'closed';
  const resolution = solved ? (reply ?? 0) + minutes(random, 1800) : null;
  const replies = replied ? random.int(1, 5) : 0;
  const reopens = solved && random.chance(0.08) ? random.int(1, 2) : 0;
  const tags = [
    random.pick(TAGS),
    ...(random.chance(0.03) ? ['tier2'] : []),
    ...(random.chance(0.3) ? [random.pick(TAGS)] : []),
  ];
  const updated = created + (resolution ?? reply ?? 0) * MINUTE_MS + MINUTE_MS;
  const business = (value: number | null): number | null => (value === null ? null : Math.round(value * 0.35));
  const pair = (value: number | null) => ({ calendar: value, business: business(value) });
  return {
    requester,
    assignee,
    ticket: {
      url: `${BASE}/tickets/${id}.json`,
      id,
      external_id: null,
      via: {
        channel: 'email',
        source: {
          from: { address: `customer${requester}@example.com`, name: `Customer ${requester}` },
          to: { name: 'Bench', address: 'support@bench.zendesk.com' },
          rel: null,
        },
      },
      created_at: iso(created),
      updated_at: iso(updated),
      generated_timestamp: Math.floor(updated / 1000),
      type: random.pick(['question', 'incident', 'problem', 'task']),
      subject: `Question ${id} about ${random.pick(TAGS)}`,
      raw_subject: `Question ${id} about ${random.pick(TAGS)}`,
      description: `Hello, I have a problem with my account (ticket ${id}). It started yesterday after the update and I cannot find a way around it. Thanks for your help.`,
      priority: random.pick(['low', 'normal', 'normal', 'high', 'urgent']),
      status,
      recipient: 'support@bench.zendesk.com',
      requester_id: requester,
      submitter_id: requester,
      assignee_id: assignee,
      organization_id: random.chance(0.4) ? 4000 + random.int(1, 300) : null,
      group_id: group,
      collaborator_ids: [],
      follower_ids: [],
      email_cc_ids: [],
      forum_topic_id: null,
      problem_id: null,
      has_incidents: false,
      is_public: true,
      due_at: null,
      tags,
      custom_fields: [
        { id: 360001, value: random.pick(['web', 'ios', 'android']) },
        { id: 360002, value: null },
        { id: 360003, value: random.chance(0.5) },
      ],
      satisfaction_rating: null,
      sharing_agreement_ids: [],
      custom_status_id: 1,
      fields: [],
      followup_ids: [],
      ticket_form_id: 360000001,
      brand_id: 360000002,
      allow_channelback: false,
      allow_attachments: true,
      from_messaging_channel: false,
    },
    metrics: {
      url: `${BASE}/ticket_metrics/${id + 50_000_000}.json`,
      id: id + 50_000_000,
      ticket_id: id,
      created_at: iso(created + 5000),
      updated_at: iso(updated),
      group_stations: random.chance(0.04) ? 2 : 1,
      assignee_stations: random.int(1, 2),
      reopens,
      replies,
      assignee_updated_at: iso(created + MINUTE_MS),
      requester_updated_at: iso(created),
      status_updated_at: iso(updated),
      initially_assigned_at: assignee === null ? null : iso(created + MINUTE_MS),
      assigned_at: assignee === null ? null : iso(created + MINUTE_MS),
      solved_at: resolution === null ? null : iso(created + resolution * MINUTE_MS),
      latest_comment_added_at: iso(updated),
      reply_time_in_minutes: pair(reply),
      first_resolution_time_in_minutes: pair(resolution),
      full_resolution_time_in_minutes: pair(resolution),
      agent_wait_time_in_minutes: pair(resolution === null ? null : Math.round(resolution * 0.6)),
      requester_wait_time_in_minutes: pair(resolution === null ? null : Math.round(resolution * 0.4)),
      on_hold_time_in_minutes: pair(0),
    },
  };
}

function ratingPage(random: SeededRandom, size: ZendeskExportSize, page: number): Record<string, unknown> {
  const ratings = Array.from({ length: size.ratingsPerPage }, (_, i) => {
    const id = 70_000_001 + page * size.ratingsPerPage + i;
    const created = size.from + Math.floor(random.next() * (size.to - size.from));
    return {
      url: `${BASE}/satisfaction_ratings/${id}.json`,
      id,
      assignee_id: agentId(random.int(0, size.agents - 1)),
      group_id: 301,
      requester_id: requesterId(random, size),
      ticket_id: random.int(1, size.pages * size.ticketsPerPage),
      score: weighted(random, SCORES),
      comment: random.chance(0.2) ? 'Thanks for the quick help' : null,
      created_at: iso(created),
      updated_at: iso(created + random.int(1, 48 * 60) * MINUTE_MS),
    };
  });
  return {
    satisfaction_ratings: ratings,
    next_page: null,
    previous_page: null,
    count: size.ratingPages * size.ratingsPerPage,
  };
}

const pad = (n: number): string => String(n).padStart(4, '0');

/** Writes the export into `dir` (which must exist) and says how big it came out. */
export async function generateZendeskExport(dir: string, size: ZendeskExportSize): Promise<GeneratedExport> {
  const random = seededRandom(size.seed);
  let bytes = 0;
  let files = 0;
  const write = async (name: string, json: unknown): Promise<void> => {
    const text = JSON.stringify(json);
    bytes += Buffer.byteLength(text);
    files++;
    await writeFile(join(dir, name), text);
  };
  for (let page = 0; page < size.pages; page++) {
    const generated = Array.from({ length: size.ticketsPerPage }, (_, i) =>
      ticket(random, size, page * size.ticketsPerPage + i + 1),
    );
    const users = new Map<number, Record<string, unknown>>();
    for (const { requester, assignee } of generated) {
      if (!users.has(requester)) users.set(requester, user(requester, 'end-user'));
      if (assignee !== null && !users.has(assignee)) users.set(assignee, user(assignee, 'agent'));
    }
    const last = page === size.pages - 1;
    await write(`tickets-${pad(page + 1)}.json`, {
      tickets: generated.map((g) => g.ticket),
      metric_sets: generated.map((g) => g.metrics),
      users: [...users.values()],
      after_url: `${BASE}/incremental/tickets/cursor.json?cursor=page${page + 2}`,
      after_cursor: `page${page + 2}`,
      before_url: page === 0 ? null : `${BASE}/incremental/tickets/cursor.json?cursor=page${page}`,
      before_cursor: page === 0 ? null : `page${page}`,
      end_of_stream: last,
    });
  }
  for (let page = 0; page < size.ratingPages; page++) {
    await write(`satisfaction_ratings-${pad(page + 1)}.json`, ratingPage(random, size, page));
  }
  return { tickets: size.pages * size.ticketsPerPage, ratings: size.ratingPages * size.ratingsPerPage, files, bytes };
}
