/**
 * Zendesk payloads -> the normalized model. The only place that knows Zendesk's field names,
 * statuses and rating scores (KPIS.md, "Zendesk source").
 */
import type { Agent, Rating, Ticket, TicketStatus } from '@frontline/kpi';
import { z } from 'zod';
import { parsePayload } from '../parse-payload.js';
import { PayloadError } from '../payload-error.js';
import { parseIsoTime } from '../payload-fields.js';
import type { UnknownValue } from '../unknown-value.js';
import type { NamedRequester } from '../vendor-client.js';
import { readZendeskTicketPageFast } from './fast-ticket-page.js';
import {
  ZENDESK_USER_ROLES,
  zendeskRatingPageSchema,
  zendeskShownRatingSchema,
  zendeskShownTicketRatingSchema,
  zendeskTicketPageSchema,
  zendeskUserSchema,
  type ZendeskMetricSet,
  type ZendeskRating,
  type ZendeskTicket,
  type ZendeskTicketStatus,
  type ZendeskUser,
  type ZendeskUserRole,
} from './schema.js';
import type { ZendeskTicketMetrics } from './ticket-metrics.js';

const MINUTE_MS = 60_000;

/** A deleted ticket is left out of everything; its model status only has to be a valid one. */
const STATUSES: Readonly<Record<ZendeskTicketStatus, TicketStatus>> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  hold: 'hold',
  solved: 'solved',
  closed: 'closed',
  deleted: 'closed',
};

/** What one incremental export page holds, in model terms. */
export interface ZendeskTicketPageContent {
  readonly tickets: Ticket[];
  /** Each ticket's subject, in the order of `tickets` (kept out of the model: the KPIs need none). */
  readonly subjects: (string | null)[];
  readonly agents: Agent[];
  readonly requesters: NamedRequester[];
  /** Tickets (deleted ones aside) with no metric set anywhere: their replies and solve are unknown. */
  readonly withoutMetrics: string[];
  /** Values this normalizer does not know; their tickets are kept, read as each one says. */
  readonly unknownValues: UnknownValue[];
}

/**
 * A status Zendesk added since is read as open: the ticket stays in the backlog and never counts
 * as solved on a guess (KPIS.md, "Real accounts").
 */
function statusFromZendesk(status: string, unknownValues: UnknownValue[]): TicketStatus {
  if (Object.hasOwn(STATUSES, status)) return STATUSES[status as ZendeskTicketStatus];
  unknownValues.push({ field: 'status', value: status, readAs: 'open (unsolved)' });
  return 'open';
}

/** Zendesk's own metrics of a ticket, or none when the export had no metric set for it. */
function ticketFromZendesk(
  ticket: ZendeskTicket,
  metrics: ZendeskMetricSet | undefined,
  unknownValues: UnknownValue[],
): Ticket {
  const replyMinutes = metrics?.reply_time_in_minutes?.calendar ?? null;
  const solvedAt = metrics?.solved_at ?? null;
  return {
    id: ticket.id,
    requesterId: ticket.requester_id,
    assigneeId: ticket.assignee_id,
    groupId: ticket.group_id,
    status: statusFromZendesk(ticket.status, unknownValues),
    createdAt: ticket.created_at,
    tags: ticket.tags ?? [],
    // Zendesk gives no reply time, only the minutes it took; the reply is that long after creation.
    firstReplyAt: replyMinutes === null ? null : ticket.created_at + replyMinutes * MINUTE_MS,
    firstReplyMinutes: replyMinutes,
    firstReplyBusinessMinutes: replyMinutes === null ? null : (metrics?.reply_time_in_minutes?.business ?? null),
    solvedAt,
    resolutionMinutes: solvedAt === null ? null : (metrics?.full_resolution_time_in_minutes?.calendar ?? null),
    resolutionBusinessMinutes: solvedAt === null ? null : (metrics?.full_resolution_time_in_minutes?.business ?? null),
    publicReplies: metrics?.replies ?? 0,
    reopens: metrics?.reopens ?? 0,
    groupStations: metrics?.group_stations ?? null,
    removed: ticket.status === 'deleted',
    // Zendesk marks no ticket as agent-started in a way the export carries (see KPIS.md).
    outbound: false,
  };
}

const AGENT_ROLES: ReadonlySet<string> = new Set<ZendeskUserRole>(['agent', 'admin']);
const USER_ROLES: ReadonlySet<string> = new Set(ZENDESK_USER_ROLES);

/** Agents and admins are agents; anyone else a requester, a role Zendesk added since included (reported). */
function userToAgentOrRequester(
  user: ZendeskUser,
  agents: Agent[],
  requesters: NamedRequester[],
  unknownValues: UnknownValue[],
): void {
  if (AGENT_ROLES.has(user.role)) {
    const agent = { id: user.id, name: user.name ?? '', email: user.email ?? null };
    agents.push(user.role === 'admin' ? { ...agent, administersHelpdesk: true } : agent);
    return;
  }
  if (!USER_ROLES.has(user.role)) unknownValues.push({ field: 'role', value: user.role, readAs: 'an end-user' });
  requesters.push({ id: user.id, email: user.email ?? null, name: user.name ?? null });
}

/** A page's tickets, each with its metric set from the page, else from `ticketMetrics`. */
function readTicketPage(page: unknown, ticketMetrics: ZendeskTicketMetrics | undefined): ZendeskTicketPageContent {
  // Well-formed pages skip zod (see fast-ticket-page.ts); anything else gets the schema's checks and messages.
  const parsed = readZendeskTicketPageFast(page) ?? parsePayload(zendeskTicketPageSchema, page);
  const metricsByTicket = new Map<string, ZendeskMetricSet>();
  for (const metrics of parsed.metric_sets ?? []) metricsByTicket.set(metrics.ticket_id, metrics);
  const unknownValues: UnknownValue[] = [];
  const withoutMetrics: string[] = [];
  const tickets = parsed.tickets.map((ticket) => {
    const metrics = metricsByTicket.get(ticket.id) ?? ticketMetrics?.get(ticket.id);
    if (metrics === undefined && ticket.status !== 'deleted') withoutMetrics.push(ticket.id);
    return ticketFromZendesk(ticket, metrics, unknownValues);
  });
  const subjects = parsed.tickets.map((ticket) => ticket.subject ?? null);
  const agents: Agent[] = [];
  const requesters: NamedRequester[] = [];
  for (const user of parsed.users ?? []) userToAgentOrRequester(user, agents, requesters, unknownValues);
  return { tickets, subjects, agents, requesters, withoutMetrics, unknownValues };
}

/**
 * One page of the incremental cursor export (`tickets`, `metric_sets`, `users`) as model
 * tickets, agents (role agent or admin) and requesters (end-users). Each ticket takes the metric
 * set of the same page with its id, else the one in `ticketMetrics` (listed on their own).
 *
 * Without metric sets no ticket has a reply or a solve, which reads as "nothing solved": a page
 * whose tickets (deleted ones aside) have none at all is refused, unless `ticketMetrics` was
 * given (its gaps are then listed in `withoutMetrics` for the caller to report). Throws a
 * `PayloadError` naming the field that does not fit.
 */
export function normalizeZendeskTicketPage(
  page: unknown,
  ticketMetrics?: ZendeskTicketMetrics,
): ZendeskTicketPageContent {
  const content = readTicketPage(page, ticketMetrics);
  const live = content.tickets.filter((ticket) => !ticket.removed).length;
  if (ticketMetrics === undefined && live > 0 && content.withoutMetrics.length === live) {
    throw new PayloadError(
      'metric_sets',
      'missing, so no ticket would have a reply or solve time; export the tickets with include=metric_sets',
    );
  }
  return content;
}

/** `good` and `bad` are answers; `offered` was sent and not answered; `unoffered` never was sent. */
function ratingFromZendesk(rating: ZendeskRating): Rating | null {
  if (rating.score === 'unoffered') return null;
  const answered = rating.score !== 'offered';
  return {
    id: rating.id,
    ticketId: rating.ticket_id,
    agentId: rating.assignee_id,
    requesterId: rating.requester_id,
    at: rating.updated_at ?? rating.created_at,
    answered,
    positive: rating.score === 'good',
    comment: rating.comment ? rating.comment : null,
  };
}

/**
 * One page of `GET /api/v2/satisfaction_ratings` as model ratings, surveys sent but not answered
 * included (so the response rate is known); `unoffered` records are dropped.
 */
export function normalizeZendeskRatingPage(page: unknown): Rating[] {
  const parsed = parsePayload(zendeskRatingPageSchema, page);
  const ratings: Rating[] = [];
  for (const rating of parsed.satisfaction_ratings) {
    const normalized = ratingFromZendesk(rating);
    if (normalized !== null) ratings.push(normalized);
  }
  return ratings;
}

/** `GET /api/v2/satisfaction_ratings/{id}` as a model rating; `null` for an `unoffered` record. */
export function normalizeZendeskShownRating(body: unknown): Rating | null {
  return ratingFromZendesk(parsePayload(zendeskShownRatingSchema, body).satisfaction_rating);
}

/** What `GET /api/v2/tickets/{id}?include=metric_sets,users` holds. */
export interface ZendeskShownTicket {
  readonly ticket: Ticket;
  readonly subject: string | null;
  /** Values this normalizer does not know; the ticket is kept, read as each one says. */
  readonly unknownValues: UnknownValue[];
  /** The ticket's last change. */
  readonly updatedAt: number;
  /** Its assignee and requester, when `users` were sideloaded. */
  readonly agents: Agent[];
  readonly requesters: NamedRequester[];
  /** Its satisfaction rating record, to read with the show-rating endpoint; `null` when it has none. */
  readonly ratingId: string | null;
}

/** The single-ticket answer, read like an export page of that one ticket; throws a `PayloadError` when it does not fit. */
export function normalizeZendeskShownTicket(body: unknown): ZendeskShownTicket {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  // UNSURE: the show endpoint's sideload is read as `metric_sets` (as on the export) or `metric_set`.
  const metricSets = Array.isArray(fields.metric_sets)
    ? fields.metric_sets
    : fields.metric_set !== undefined && fields.metric_set !== null
      ? [fields.metric_set]
      : [];
  const page = { tickets: [fields.ticket], metric_sets: metricSets, users: fields.users ?? [] };
  // Not refused without metric sets, unlike an export page: which name the show endpoint sideloads
  // them under is UNSURE (see above), and one ticket without them is read as before, unmeasured.
  const { tickets, subjects, agents, requesters, unknownValues } = readTicketPage(page, undefined);
  const ticket = tickets[0];
  const updatedAt = zendeskTicketChangeTimes(page)[0];
  if (ticket === undefined || updatedAt === undefined) throw new PayloadError('ticket', 'missing (expected a ticket)');
  const ratingId = parsePayload(zendeskShownTicketRatingSchema, body).ticket.satisfaction_rating?.id ?? null;
  return { ticket, subject: subjects[0] ?? null, unknownValues, updatedAt, agents, requesters, ratingId };
}

const zendeskUserPageSchema = z.object(
  { users: z.array(zendeskUserSchema) },
  {
    error: (issue) => (issue.code === 'invalid_type' ? 'expected a users page: an object with "users"' : undefined),
  },
);

/** One page of `GET /api/v2/users` as model agents (role agent or admin) and requesters (end-users). */
export function normalizeZendeskUserPage(page: unknown): {
  agents: Agent[];
  requesters: NamedRequester[];
  unknownValues: UnknownValue[];
} {
  const agents: Agent[] = [];
  const requesters: NamedRequester[] = [];
  const unknownValues: UnknownValue[] = [];
  for (const user of parsePayload(zendeskUserPageSchema, page).users) {
    userToAgentOrRequester(user, agents, requesters, unknownValues);
  }
  return { agents, requesters, unknownValues };
}

const isoOrNaN = (value: unknown): number => (typeof value === 'string' ? parseIsoTime(value) : NaN);

function changeTime(ticket: unknown, index: number): number {
  const fields = (typeof ticket === 'object' && ticket !== null ? ticket : {}) as Record<string, unknown>;
  const updated = isoOrNaN(fields.updated_at);
  if (!Number.isNaN(updated)) return updated;
  // The export's own order key (Unix seconds), then creation: a ticket never changed before it was made.
  if (typeof fields.generated_timestamp === 'number') return fields.generated_timestamp * 1000;
  const created = isoOrNaN(fields.created_at);
  if (!Number.isNaN(created)) return created;
  throw new PayloadError(`tickets[${index}].updated_at`, 'missing (expected an ISO 8601 time)');
}

/**
 * The last change time (`updated_at`) of each ticket of an incremental export page, or of a
 * `{ tickets: [ticket] }` wrapper, in page order; the sync keeps the newest copy by it.
 */
export function zendeskTicketChangeTimes(page: unknown): number[] {
  const tickets = typeof page === 'object' && page !== null ? (page as Record<string, unknown>).tickets : undefined;
  if (!Array.isArray(tickets)) throw new PayloadError('tickets', 'expected an array of tickets');
  return tickets.map(changeTime);
}

/**
 * Creation time of each rating of a `satisfaction_ratings` page, in page order: the list's own
 * order, so the point a rating stream has reached (its `at` is the later answer time).
 */
export function zendeskRatingCreatedTimes(page: unknown): number[] {
  return parsePayload(zendeskRatingPageSchema, page).satisfaction_ratings.map((rating) => rating.created_at);
}
