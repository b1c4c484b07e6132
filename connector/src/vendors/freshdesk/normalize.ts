/**
 * Freshdesk payloads -> the normalized model. The only place that knows Freshdesk's field
 * names, status codes and rating values (KPIS.md, "Freshdesk source").
 */
import type { Agent, Rating, Requester, Ticket, TicketStatus } from '@frontline/kpi';
import { parsePayload } from '../parse-payload.js';
import { PayloadError } from '../payload-error.js';
import { parseIsoTime } from '../payload-fields.js';
import {
  freshdeskAgentPageSchema,
  freshdeskConversationPageSchema,
  freshdeskRatingPageSchema,
  freshdeskTicketPageSchema,
  type FreshdeskRating,
  type FreshdeskTicket,
} from './schema.js';

const MINUTE_MS = 60_000;

/** Built-in statuses; accounts may add custom ones with other codes, which are unsolved. */
const STATUSES: ReadonlyMap<number, TicketStatus> = new Map([
  [2, 'open'],
  [3, 'pending'],
  [4, 'solved'],
  [5, 'closed'],
]);

/** The lowest answer Freshdesk's 7-point scale counts as happy is 101 (103, 102, 101). */
const HAPPY_MIN = 101;

/** A ticket whose public agent replies are counted from its conversations, separately. */
export type TicketWithoutReplies = Omit<Ticket, 'publicReplies'>;

/** What one ticket page holds, in model terms. */
export interface FreshdeskTicketPageContent {
  readonly tickets: TicketWithoutReplies[];
  readonly requesters: Requester[];
}

function ticketFromFreshdesk(ticket: FreshdeskTicket): TicketWithoutReplies {
  const { stats } = ticket;
  const solvedAt = stats.resolved_at ?? stats.closed_at;
  const repliedAt = stats.first_responded_at;
  return {
    id: ticket.id,
    requesterId: ticket.requester_id,
    assigneeId: ticket.responder_id,
    groupId: ticket.group_id,
    status: STATUSES.get(ticket.status) ?? 'open',
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
    outbound: false,
  };
}

/**
 * One page of `GET /api/v2/tickets?include=stats` as model tickets (without their reply count,
 * which comes from the conversations) and their requesters, with e-mail when the page was
 * exported with `include=requester`. Throws a `PayloadError` naming the field that does not fit.
 */
export function normalizeFreshdeskTicketPage(page: unknown): FreshdeskTicketPageContent {
  const parsed = parsePayload(freshdeskTicketPageSchema, page);
  return {
    tickets: parsed.map(ticketFromFreshdesk),
    requesters: parsed.map((ticket) => ({ id: ticket.requester_id, email: ticket.requester?.email ?? null })),
  };
}

/** The ticket with its count of public agent replies. */
export function withPublicReplies(ticket: TicketWithoutReplies, publicReplies: number): Ticket {
  return { ...ticket, publicReplies };
}

/**
 * The public agent replies on one page of `GET /api/v2/tickets/<ticketId>/conversations`:
 * messages that are neither from outside (`incoming`) nor private notes. Throws a
 * `PayloadError` when a message belongs to another ticket.
 */
export function countFreshdeskPublicReplies(page: unknown, ticketId: string): number {
  const parsed = parsePayload(freshdeskConversationPageSchema, page);
  let replies = 0;
  parsed.forEach((message, index) => {
    if (message.ticket_id !== null && message.ticket_id !== ticketId) {
      throw new PayloadError(
        `[${index}].ticket_id`,
        `belongs to ticket ${message.ticket_id}, not to ticket ${ticketId} that this page is for`,
      );
    }
    if (!message.incoming && !message.private) replies++;
  });
  return replies;
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
