import {
  REPEAT_HORIZON_MS,
  countedSolveTime,
  isCustomerContact,
  isSolvedNow,
  type History,
  type Rating,
  type Ticket,
} from '@frontline/kpi';
import type { Static } from 'typebox';
import { iso } from './present-kpis.js';
import type { RequesterContext } from './schemas/kpi-schemas.js';
import { ticketsById } from './tickets-by-id.js';

const DAY_MS = 86_400_000;

interface RequesterIndex {
  readonly tickets: ReadonlyMap<string, Ticket[]>;
  readonly ratings: ReadonlyMap<string, Rating[]>;
}

// Built once per snapshot (keyed by its arrays), so each sidebar opening is a map lookup.
const indexes = new WeakMap<readonly Ticket[], { ratings: readonly Rating[]; index: RequesterIndex }>();

function indexOf(history: History): RequesterIndex {
  const cached = indexes.get(history.tickets);
  if (cached !== undefined && cached.ratings === history.ratings) return cached.index;
  const tickets = new Map<string, Ticket[]>();
  const requesterOfTicket = new Map<string, string>();
  for (const ticket of history.tickets) {
    if (ticket.removed) continue;
    requesterOfTicket.set(ticket.id, ticket.requesterId);
    const list = tickets.get(ticket.requesterId);
    if (list === undefined) tickets.set(ticket.requesterId, [ticket]);
    else list.push(ticket);
  }
  const ratings = new Map<string, Rating[]>();
  for (const rating of history.ratings) {
    if (!rating.answered) continue;
    const requester = rating.requesterId ?? requesterOfTicket.get(rating.ticketId);
    if (requester === undefined) continue;
    const list = ratings.get(requester);
    if (list === undefined) ratings.set(requester, [rating]);
    else list.push(rating);
  }
  const index = { tickets, ratings };
  indexes.set(history.tickets, { ratings: history.ratings, index });
  return index;
}

const brief = (t: Ticket) => ({
  id: t.id,
  status: t.status,
  createdAt: iso(t.createdAt),
  solvedAt: t.solvedAt === null ? null : iso(t.solvedAt),
  assigneeId: t.assigneeId,
});

/** The ticket whose counted solve is the latest within the 7 days up to `reference`, other than `exceptId`. */
function latestSolveBefore(
  tickets: readonly Ticket[],
  reference: number,
  exceptId: string | null,
): { ticket: Ticket; at: number } | undefined {
  let best: { ticket: Ticket; at: number } | undefined;
  for (const ticket of tickets) {
    const at = countedSolveTime(ticket);
    if (ticket.id === exceptId || at === null || at > reference || at <= reference - REPEAT_HORIZON_MS) continue;
    if (best === undefined || at > best.at) best = { ticket, at };
  }
  return best;
}

/** How the ticket in view stands in the history: as its requester's, under another requester, or not there. */
export type TicketInView = 'theirs' | 'moved' | 'not_synced' | 'removed';

export function ticketInView(history: History, requesterId: string, ticketId: string): TicketInView {
  const ticket = ticketsById(history).get(ticketId);
  if (ticket === undefined) return 'not_synced';
  if (ticket.removed) return 'removed';
  return ticket.requesterId === requesterId ? 'theirs' : 'moved';
}

/**
 * The ticket in view, as this requester's: the helpdesk shows it with them, so it is theirs even
 * where the store, behind, has it under an earlier requester or not at all (a ticket created
 * moments ago). One not synced yet is a new, open customer contact of now.
 */
function asTheirs(history: History, requesterId: string, ticketId: string, now: number): Ticket | null {
  const stored = ticketsById(history).get(ticketId);
  if (stored !== undefined) return stored.removed ? null : { ...stored, requesterId };
  return {
    id: ticketId,
    requesterId,
    assigneeId: null,
    groupId: null,
    status: 'new',
    createdAt: now,
    tags: [],
    firstReplyAt: null,
    firstReplyMinutes: null,
    firstReplyBusinessMinutes: null,
    solvedAt: null,
    resolutionMinutes: null,
    resolutionBusinessMinutes: null,
    publicReplies: 0,
    reopens: 0,
    groupStations: null,
    removed: false,
    outbound: false,
  };
}

/**
 * What the agent should know about the requester of the open ticket: how often they wrote in
 * the last 30 days, what is still open, their last rating, and whether this is a repeat
 * contact (a ticket of theirs was solved in the 7 days before this one was created, or before
 * now when no ticket is given). Contacts and solves follow the KPIs' rules: an agent's outbound
 * ticket is no contact (but is open work while open), and a ticket reopened since is not solved.
 * The ticket in view always counts with them (see {@link asTheirs}), and a creation time a little
 * ahead of the connector's clock (the helpdesk's clock) does not take it out of the 30 days.
 */
export function requesterContextJson(
  history: History,
  requesterId: string,
  now: number,
  currentTicketId: string | null,
  requesterName: string | null = null,
): Static<typeof RequesterContext> {
  const index = indexOf(history);
  let tickets = index.tickets.get(requesterId) ?? [];
  let inView = currentTicketId === null ? undefined : tickets.find((t) => t.id === currentTicketId);
  if (currentTicketId !== null && inView === undefined) {
    inView = asTheirs(history, requesterId, currentTicketId, now) ?? undefined;
    if (inView !== undefined) tickets = [...tickets, inView];
  }
  const recent = tickets.filter(
    (t) => isCustomerContact(t) && t.createdAt >= now - 30 * DAY_MS && (t.createdAt <= now || t === inView),
  );
  recent.sort((a, b) => b.createdAt - a.createdAt);
  const open = tickets.filter((t) => !isSolvedNow(t)).sort((a, b) => b.createdAt - a.createdAt);
  const ratings = index.ratings.get(requesterId) ?? [];
  const last = ratings[ratings.length - 1];
  // The agent's own outbound message is not the customer coming back.
  const solvedBefore = inView?.outbound
    ? undefined
    : latestSolveBefore(tickets, inView?.createdAt ?? now, currentTicketId);
  return {
    requesterId,
    requesterName,
    contactsLast30Days: recent.length,
    recentTickets: recent.slice(0, 20).map(brief),
    openTickets: open.slice(0, 20).map(brief),
    lastRating:
      last === undefined
        ? null
        : { ticketId: last.ticketId, positive: last.positive, comment: last.comment, at: iso(last.at) },
    repeatContact:
      solvedBefore === undefined
        ? null
        : {
            solvedTicketId: solvedBefore.ticket.id,
            solvedAt: iso(solvedBefore.at),
            message: `Repeat contact: ticket ${solvedBefore.ticket.id} of this requester was solved ${iso(solvedBefore.at).slice(0, 10)}, less than 7 days before`,
          },
  };
}
