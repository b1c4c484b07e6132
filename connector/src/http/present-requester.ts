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

/**
 * What the agent should know about the requester of the open ticket: how often they wrote in
 * the last 30 days, what is still open, their last rating, and whether this is a repeat
 * contact (a ticket of theirs was solved in the 7 days before this one was created, or before
 * now when no ticket is given). Contacts and solves follow the KPIs' rules: an agent's outbound
 * ticket is no contact (but is open work while open), and a ticket reopened since is not solved.
 */
export function requesterContextJson(
  history: History,
  requesterId: string,
  now: number,
  currentTicketId: string | null,
): Static<typeof RequesterContext> {
  const index = indexOf(history);
  const tickets = index.tickets.get(requesterId) ?? [];
  const recent = tickets.filter((t) => isCustomerContact(t) && t.createdAt >= now - 30 * DAY_MS && t.createdAt <= now);
  recent.sort((a, b) => b.createdAt - a.createdAt);
  const open = tickets.filter((t) => !isSolvedNow(t)).sort((a, b) => b.createdAt - a.createdAt);
  const ratings = index.ratings.get(requesterId) ?? [];
  const last = ratings[ratings.length - 1];
  const current = currentTicketId === null ? undefined : tickets.find((t) => t.id === currentTicketId);
  // The agent's own outbound message is not the customer coming back.
  const solvedBefore = current?.outbound
    ? undefined
    : latestSolveBefore(tickets, current?.createdAt ?? now, currentTicketId);
  return {
    requesterId,
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
