import type { Ticket } from './model.js';

// Which tickets count where (KPIS.md, "Real accounts"). The engine, the insights and the
// connector's requester context all decide through these, so "solved" means one thing everywhere.

/**
 * Solved or closed now. A reopened ticket keeps the time of its earlier solve but is unsolved:
 * it is backlog, not solved, until it is solved again.
 */
export function isSolvedNow(ticket: Ticket): boolean {
  return ticket.status === 'solved' || ticket.status === 'closed';
}

/**
 * A contact the customer started: not deleted or spam, and not an agent's outbound message.
 * Only these count in the ticket KPIs and as a requester's "another ticket".
 */
export function isCustomerContact(ticket: Ticket): boolean {
  return !ticket.removed && !ticket.outbound;
}

/**
 * The solve that counts for `solved` and every resolution KPI: a customer contact's latest
 * solve while the ticket is solved now; `null` otherwise.
 */
export function countedSolveTime(ticket: Ticket): number | null {
  return isCustomerContact(ticket) && isSolvedNow(ticket) ? ticket.solvedAt : null;
}
