/**
 * Freshdesk payloads -> the normalized model. The only place that knows Freshdesk's field
 * names, status codes and rating values (KPIS.md, "Freshdesk source").
 */
import type { Agent, Rating, Ticket, TicketStatus } from '@frontline/kpi';
import { parsePayload } from '../parse-payload.js';
import { PayloadError } from '../payload-error.js';
import { parseIsoTime } from '../payload-fields.js';
import type { UnknownValue } from '../unknown-value.js';
import type { NamedRequester, RemovedTicket, TicketReplies } from '../vendor-client.js';
import {
  freshdeskAgentPageSchema,
  freshdeskConversationPageSchema,
  freshdeskRatingPageSchema,
  freshdeskTicketPageSchema,
  freshdeskTicketRefPageSchema,
  type FreshdeskRating,
  type FreshdeskTicket,
} from './schema.js';

const MINUTE_MS = 60_000;

/** Built-in statuses; accounts may add custom ones with other codes, which are read as unsolved. */
const STATUSES: ReadonlyMap<number, TicketStatus> = new Map([
  [2, 'open'],
  [3, 'pending'],
  [4, 'solved'],
  [5, 'closed'],
]);

/** `source: 10`: an e-mail the agent started (reference/freshdesk.md 3.3), not a customer contact. */
const OUTBOUND_EMAIL = 10;
/**
 * Sources of reference/freshdesk.md 3.3: 1 Email, 2 Portal, 3 Phone, 7 Chat, 9 Feedback Widget,
 * 10 Outbound Email, and the older 4 Forum, 5 Twitter, 6 Facebook, 8 MobiHelp (UNSURE there, but
 * known: old accounts still carry them, and they are customer contacts either way).
 */
const KNOWN_SOURCES: ReadonlySet<number> = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

/** The lowest answer Freshdesk's 7-point scale counts as happy is 101 (103, 102, 101). */
const HAPPY_MIN = 101;

/** A ticket whose public agent replies are counted from its conversations, separately. */
export type TicketWithoutReplies = Omit<Ticket, 'publicReplies'>;

/** What one ticket page holds, in model terms. */
export interface FreshdeskTicketPageContent {
  readonly tickets: TicketWithoutReplies[];
  /** Each ticket's subject, in the order of `tickets` (kept out of the model: the KPIs need none). */
  readonly subjects: (string | null)[];
  /** With e-mail and name only where the page was read with `include=requester`. */
  readonly requesters: NamedRequester[];
  /** Statuses and sources the normalizer does not know; the tickets are kept (see `readAs`). */
  readonly unknownValues: UnknownValue[];
}

function ticketFromFreshdesk(ticket: FreshdeskTicket, unknownValues: UnknownValue[]): TicketWithoutReplies {
  const { stats } = ticket;
  const solvedAt = stats.resolved_at ?? stats.closed_at;
  const repliedAt = stats.first_responded_at;
  const status = STATUSES.get(ticket.status);
  if (status === undefined) unknownValues.push({ field: 'status', value: ticket.status, readAs: 'unsolved' });
  const source = ticket.source ?? null;
  if (source !== null && !KNOWN_SOURCES.has(source))
    unknownValues.push({ field: 'source', value: source, readAs: 'a customer contact' });
  return {
    id: ticket.id,
    requesterId: ticket.requester_id,
    assigneeId: ticket.responder_id,
    groupId: ticket.group_id,
    // A custom status may be in the resolved or closed category, which only the ticket fields
    // API says; until that is read, every custom status is unsolved (backlog).
    status: status ?? 'open',
    createdAt: ticket.created_at,
    tags: ticket.tags ?? [],
    firstReplyAt: repliedAt,
    firstReplyMinutes: repliedAt === null ? null : (repliedAt - ticket.created_at) / MINUTE_MS,
    // Freshdesk reports no business minutes; the engine computes them from the default schedule.
    firstReplyBusinessMinutes: null,
    solvedAt,
    resolutionMinutes: solvedAt === null ? null : (solvedAt - ticket.created_at) / MINUTE_MS,
    resolutionBusinessMinutes: null,
    // `reopened_at` is the latest reopen only, so "reopened at least once" is all we can know.
    reopens: stats.reopened_at === null ? 0 : 1,
    groupStations: null,
    removed: ticket.spam === true || ticket.deleted === true,
    outbound: source === OUTBOUND_EMAIL,
  };
}

/**
 * One page of `GET /api/v2/tickets?include=stats` as model tickets (without their reply count,
 * which comes from the conversations) and their requesters, with e-mail when the page was
 * exported with `include=requester`, and the enum values it did not know. Throws a
 * `PayloadError` naming the field that does not fit.
 */
export function normalizeFreshdeskTicketPage(page: unknown): FreshdeskTicketPageContent {
  const parsed = parsePayload(freshdeskTicketPageSchema, page);
  const unknownValues: UnknownValue[] = [];
  return {
    tickets: parsed.map((ticket) => ticketFromFreshdesk(ticket, unknownValues)),
    subjects: parsed.map((ticket) => ticket.subject ?? null),
    requesters: parsed.map((ticket) => ({
      id: ticket.requester_id,
      email: ticket.requester?.email ?? null,
      name: ticket.requester?.name ?? null,
    })),
    unknownValues,
  };
}

/** One page of `GET /api/v2/tickets?filter=spam` (or `deleted`) as the tickets to take out. */
export function normalizeFreshdeskRemovedPage(page: unknown): RemovedTicket[] {
  return parsePayload(freshdeskTicketRefPageSchema, page).map((ticket) => ({
    id: ticket.id,
    updatedAt: ticket.updated_at,
  }));
}

/**
 * The ticket with its public agent replies from the conversations. When the stats have no first
 * reply (real accounts send `first_responded_at: null` on tickets with replies), the first public
 * reply is it: a ticket never has replies without a first reply. A reply stamped before the
 * ticket's creation (clock skew) counts as at creation.
 */
export function withReplies(ticket: TicketWithoutReplies, replies: TicketReplies): Ticket {
  if (ticket.firstReplyAt !== null || replies.firstAt === null) return { ...ticket, publicReplies: replies.count };
  const firstReplyAt = Math.max(replies.firstAt, ticket.createdAt);
  return {
    ...ticket,
    publicReplies: replies.count,
    firstReplyAt,
    firstReplyMinutes: (firstReplyAt - ticket.createdAt) / MINUTE_MS,
  };
}

/**
 * The public agent replies on one page of `GET /api/v2/tickets/<ticketId>/conversations`
 * (messages that are neither from outside, `incoming`, nor private notes): how many, and the
 * earliest. Throws a `PayloadError` when a message belongs to another ticket.
 */
export function freshdeskPageReplies(page: unknown, ticketId: string): TicketReplies {
  const parsed = parsePayload(freshdeskConversationPageSchema, page);
  let count = 0;
  let firstAt: number | null = null;
  parsed.forEach((message, index) => {
    if (message.ticket_id !== null && message.ticket_id !== ticketId) {
      throw new PayloadError(
        `[${index}].ticket_id`,
        `belongs to ticket ${message.ticket_id}, not to ticket ${ticketId} that this page is for`,
      );
    }
    if (message.incoming || message.private) return;
    count++;
    if (firstAt === null || message.created_at < firstAt) firstAt = message.created_at;
  });
  return { count, firstAt };
}

/** What a ticket carries until its conversations are read, or when it has none. */
export const NO_REPLIES: TicketReplies = { count: 0, firstAt: null };

/** The replies of a ticket whose conversations span several pages. */
export function combineReplies(pages: readonly TicketReplies[]): TicketReplies {
  let count = 0;
  let firstAt: number | null = null;
  for (const page of pages) {
    count += page.count;
    if (page.firstAt !== null && (firstAt === null || page.firstAt < firstAt)) firstAt = page.firstAt;
  }
  return { count, firstAt };
}

function ratingFromFreshdesk(rating: FreshdeskRating): Rating {
  return {
    id: rating.id,
    ticketId: rating.ticket_id,
    agentId: rating.agent_id,
    requesterId: rating.user_id,
    at: rating.updated_at ?? rating.created_at,
    // Freshdesk lists answered surveys only.
    answered: true,
    positive: rating.ratings.default_question >= HAPPY_MIN,
    comment: rating.feedback ? rating.feedback : null,
  };
}

/**
 * One page of `GET /api/v2/surveys/satisfaction_ratings` (or of one ticket's,
 * `GET /api/v2/tickets/<id>/satisfaction_ratings`) as model ratings: every record is an answer,
 * positive when the default question was answered 101 or higher.
 */
export function normalizeFreshdeskRatingPage(page: unknown): Rating[] {
  return parsePayload(freshdeskRatingPageSchema, page).map(ratingFromFreshdesk);
}

/** One page of `GET /api/v2/agents` as model agents. */
export function normalizeFreshdeskAgentPage(page: unknown): Agent[] {
  return parsePayload(freshdeskAgentPageSchema, page).map((agent) => ({
    id: agent.id,
    name: agent.contact.name ?? '',
    email: agent.contact.email ?? null,
  }));
}

/**
 * One ISO time field (`updated_at` of tickets, `created_at` of ratings) of every record of an
 * array page, in page order, as epoch milliseconds; the sync pages and keeps the newest copy by it.
 */
export function freshdeskRecordTimes(page: unknown, field: 'updated_at' | 'created_at'): number[] {
  if (!Array.isArray(page)) throw new PayloadError('', 'expected a page (an array)');
  return page.map((record: unknown, index) => {
    const value =
      typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[field] : undefined;
    const time = typeof value === 'string' ? parseIsoTime(value) : NaN;
    if (Number.isNaN(time)) throw new PayloadError(`[${index}].${field}`, 'expected an ISO 8601 time');
    return time;
  });
}
