import type { History, Rating, Ticket } from '@frontline/kpi';

// Built once per snapshot (keyed by its arrays, new with every change), so a request that looks
// tickets or their ratings up by id does not scan the history.
const tickets = new WeakMap<readonly Ticket[], ReadonlyMap<string, Ticket>>();
const ratings = new WeakMap<readonly Rating[], ReadonlyMap<string, readonly Rating[]>>();

/** The history's tickets by id, removed ones included. */
export function ticketsById(history: History): ReadonlyMap<string, Ticket> {
  let index = tickets.get(history.tickets);
  if (index === undefined) {
    index = new Map(history.tickets.map((t) => [t.id, t]));
    tickets.set(history.tickets, index);
  }
  return index;
}

/** The history's ratings (answered or not) by ticket id, in the history's order (by time). */
export function ratingsByTicket(history: History): ReadonlyMap<string, readonly Rating[]> {
  let index = ratings.get(history.ratings);
  if (index === undefined) {
    const byTicket = new Map<string, Rating[]>();
    for (const rating of history.ratings) {
      const list = byTicket.get(rating.ticketId);
      if (list === undefined) byTicket.set(rating.ticketId, [rating]);
      else list.push(rating);
    }
    index = byTicket;
    ratings.set(history.ratings, index);
  }
  return index;
}
