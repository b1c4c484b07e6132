import type { History, Ticket } from '@frontline/kpi';

// Built once per snapshot (keyed by its tickets array, new with every change), so a request
// that looks tickets up by id does not scan the history.
const indexes = new WeakMap<readonly Ticket[], ReadonlyMap<string, Ticket>>();

/** The history's tickets by id, removed ones included. */
export function ticketsById(history: History): ReadonlyMap<string, Ticket> {
  let index = indexes.get(history.tickets);
  if (index === undefined) {
    index = new Map(history.tickets.map((t) => [t.id, t]));
    indexes.set(history.tickets, index);
  }
  return index;
}
