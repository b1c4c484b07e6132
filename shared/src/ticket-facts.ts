import type { BusinessClock } from './business-hours.js';
import { REPEAT_HORIZON_MS } from './compute-kpis.js';
import type { Rating, SurveyAnswer, SurveyMetric, Ticket } from './model.js';
import { countedSolveTime, isCustomerContact, isSolvedNow } from './ticket-rules.js';

// What each ticket, rating and survey answer contributes to the KPIs, decided once when it is
// stored, so that a store can aggregate any window without the tickets themselves. The rules are
// the engine's (compute-kpis.ts): the property tests hold the two to the same numbers.

const MINUTE_MS = 60_000;

/** One ticket's part in every KPI. Times are epoch ms; `null` where the ticket takes no part. */
export interface TicketFacts {
  readonly ticketId: string;
  readonly agentId: string | null;
  readonly requesterId: string;
  /** Creation, for a customer contact (volume, escalation, contact ratio). */
  readonly contactAt: number | null;
  readonly escalated: boolean;
  /** First public agent reply, for a customer contact. */
  readonly repliedAt: number | null;
  readonly firstReplyMinutes: number | null;
  readonly firstReplyBusinessMinutes: number | null;
  /** The solve that counts (ticket-rules.ts `countedSolveTime`). */
  readonly solvedAt: number | null;
  readonly resolutionMinutes: number | null;
  readonly resolutionBusinessMinutes: number | null;
  readonly publicReplies: number;
  readonly reopened: boolean;
  /** Solved with one public reply and never reopened (counts among solved tickets with a reply). */
  readonly oneTouch: boolean;
  /**
   * Backlog: open at `t` when `openFrom < t <= openUntil` (`openUntil` null: still open); never
   * when `openFrom` is null. `openUntil` is never before `openFrom`, so a store can count the
   * backlog at `t` as: still open, plus closed at or after `t`, minus opened at or after `t`.
   */
  readonly openFrom: number | null;
  readonly openUntil: number | null;
}

export interface FactOptions {
  readonly clock: BusinessClock | null;
  /** Lower-case escalation tags. */
  readonly escalationTags: ReadonlySet<string>;
}

/** The ticket's facts; `null` for a deleted or spam ticket, which counts nowhere. */
export function ticketFacts(ticket: Ticket, options: FactOptions): TicketFacts | null {
  if (ticket.removed) return null;
  const contact = isCustomerContact(ticket);
  const createdAt = ticket.createdAt;
  const repliedAt = contact ? ticket.firstReplyAt : null;
  const solvedAt = countedSolveTime(ticket);
  const firstReplyMinutes =
    repliedAt === null ? null : (ticket.firstReplyMinutes ?? (repliedAt - createdAt) / MINUTE_MS);
  const resolutionMinutes = solvedAt === null ? null : (ticket.resolutionMinutes ?? (solvedAt - createdAt) / MINUTE_MS);
  const reopened = ticket.reopens >= 1;
  const solvedNow = isSolvedNow(ticket);
  // Only the latest solve is known: a ticket unsolved now counts as open ever since creation, and
  // a solved one until its solve (never, when the helpdesk gives none or one before creation).
  const neverOpen = solvedNow && (ticket.solvedAt === null || ticket.solvedAt < createdAt);
  return {
    ticketId: ticket.id,
    agentId: ticket.assigneeId,
    requesterId: ticket.requesterId,
    contactAt: contact ? createdAt : null,
    escalated: contact && isEscalated(ticket, options.escalationTags),
    repliedAt,
    firstReplyMinutes,
    firstReplyBusinessMinutes:
      repliedAt === null
        ? null
        : (ticket.firstReplyBusinessMinutes ??
          options.clock?.minutesBetween(createdAt, repliedAt) ??
          firstReplyMinutes),
    solvedAt,
    resolutionMinutes,
    resolutionBusinessMinutes:
      solvedAt === null
        ? null
        : (ticket.resolutionBusinessMinutes ?? options.clock?.minutesBetween(createdAt, solvedAt) ?? resolutionMinutes),
    publicReplies: ticket.publicReplies,
    reopened,
    oneTouch: ticket.publicReplies === 1 && !reopened,
    openFrom: neverOpen ? null : createdAt,
    openUntil: solvedNow && !neverOpen ? ticket.solvedAt : null,
  };
}

/** Escalated: it moved through two or more groups, or carries one of the (lower-case) escalation tags. */
export function isEscalated(ticket: Ticket, escalationTags: ReadonlySet<string>): boolean {
  if (ticket.groupStations !== null && ticket.groupStations >= 2) return true;
  for (const tag of ticket.tags) if (escalationTags.has(tag.toLowerCase())) return true;
  return false;
}

/** The requester's ticket that makes a solved ticket a repeat contact, and when it came. */
export interface RepeatContact {
  readonly ticketId: string;
  readonly at: number;
}

/**
 * The first other customer contact of the same requester created within 7 days after the
 * ticket's counted solve; `null` when none came (or the ticket is not solved). `requesterTickets`
 * are the requester's tickets, in any order.
 */
export function repeatContactOf(ticket: Ticket, requesterTickets: Iterable<Ticket>): RepeatContact | null {
  const solvedAt = countedSolveTime(ticket);
  if (solvedAt === null) return null;
  const horizon = solvedAt + REPEAT_HORIZON_MS;
  let first: RepeatContact | null = null;
  for (const other of requesterTickets) {
    if (other.id === ticket.id || other.requesterId !== ticket.requesterId || !isCustomerContact(other)) continue;
    const at = other.createdAt;
    if (at < solvedAt || at >= horizon) continue;
    if (first === null || at < first.at || (at === first.at && other.id < first.ticketId)) {
      first = { ticketId: other.id, at };
    }
  }
  return first;
}

/** A rating's part in CSAT: the agent it counts for. */
export interface RatingFacts {
  readonly ratingId: string;
  readonly ticketId: string;
  readonly agentId: string | null;
  readonly at: number;
  readonly answered: boolean;
  readonly positive: boolean;
}

/**
 * The rating's facts: attributed to the agent on the rating, else the ticket's assignee; `null`
 * when its ticket is deleted or spam. `ticket` is `null` when the store does not have it.
 */
export function ratingFacts(rating: Rating, ticket: Ticket | null): RatingFacts | null {
  if (ticket?.removed) return null;
  return {
    ratingId: rating.id,
    ticketId: rating.ticketId,
    agentId: rating.agentId ?? ticket?.assigneeId ?? null,
    at: rating.at,
    answered: rating.answered,
    positive: rating.positive,
  };
}

/** A survey answer's part in NPS or CES: the solved ticket it is about, and that ticket's agent. */
export interface AnswerFacts {
  readonly answerId: string;
  readonly metric: SurveyMetric;
  readonly score: number;
  readonly at: number;
  readonly ticketId: string | null;
  readonly agentId: string | null;
}

/**
 * The answer's facts: matched to the requester's customer contact solved last within the 7 days
 * up to the answer (a ticket reopened since still matches). `requesterTickets` are the tickets of
 * the answer's requester (resolved from its e-mail by the caller when it names none).
 */
export function answerFacts(answer: SurveyAnswer, requesterTickets: Iterable<Ticket>): AnswerFacts {
  let best: Ticket | null = null;
  for (const ticket of requesterTickets) {
    if (!isCustomerContact(ticket)) continue;
    const at = ticket.solvedAt;
    if (at === null || at > answer.at || at < answer.at - REPEAT_HORIZON_MS) continue;
    if (best === null || at > best.solvedAt!) best = ticket;
  }
  return {
    answerId: answer.id,
    metric: answer.metric,
    score: answer.score,
    at: answer.at,
    ticketId: best?.id ?? null,
    agentId: best?.assigneeId ?? null,
  };
}
