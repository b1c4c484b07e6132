/**
 * Changes of a simulated account as they happen, for whatever reacts to them the way a vendor's
 * webhooks do: each change says which ticket, what was done, and the ticket before and after in
 * the simulator's vendor-neutral terms (each vendor's webhook format maps them to its own).
 */
import type { AccountState } from './account-state.js';
import { RatingState, TicketState, type RatingStateCode, type TicketStateCode } from './ticket-table.js';
import type { TicketChange } from './ticket-changes.js';

/** What a webhook can tell about a ticket at one moment. */
export interface TicketSnapshot {
  readonly status: TicketStateCode;
  /** Agent index + 1, or 0 when unassigned (the table's own encoding). */
  readonly assignee: number;
  readonly rating: RatingStateCode;
  /** Deleted or marked as spam. */
  readonly removed: boolean;
}

/** One change of one ticket, by a test (`addTicket`, `updateTicket`) or by live traffic. */
export interface TicketEvent {
  readonly ticketId: number;
  readonly change: TicketChange | { readonly kind: 'create' };
  /** Epoch seconds: the ticket's new `updated_at`. */
  readonly atSec: number;
  /** `null` for a new ticket. */
  readonly before: TicketSnapshot | null;
  readonly after: TicketSnapshot;
}

export type TicketEventListener = (event: TicketEvent) => void;

/** The ticket at `index` now. */
export function snapshotTicket(state: AccountState, index: number): TicketSnapshot {
  const t = state.table;
  return {
    status: (t.status[index] ?? TicketState.open) as TicketStateCode,
    assignee: t.assignee[index] ?? 0,
    rating: (t.rating[index] ?? RatingState.none) as RatingStateCode,
    removed: state.isRemoved(index),
  };
}

/** Listeners of an account's changes; each is called synchronously, right after the change. */
export class TicketEventHub {
  private readonly listeners = new Set<TicketEventListener>();

  /** Calls `listener` on every change from now on; returns the function that stops it. */
  on(listener: TicketEventListener): () => void {
    const entry: TicketEventListener = (event) => listener(event);
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  }

  get listening(): boolean {
    return this.listeners.size > 0;
  }

  emit(event: TicketEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
