/**
 * The satisfaction rating records of an account in creation order (the order both vendors list
 * them in). A ticket has at most one record; answering or changing it updates the record in place.
 */

/** Rating record ids are this plus the record's position + 1. */
export const RATING_ID_BASE = 70_000_000;

export class RatingList {
  private tickets = new Uint32Array(256);
  private created = new Uint32Array(256);
  /** Per ticket index: position + 1, or 0. */
  private positions = new Uint32Array(256);
  length = 0;

  /** Adds the record of `ticket`, created at `createdSec` (never earlier than the last one). */
  add(ticket: number, createdSec: number): number {
    if (this.length === this.tickets.length) {
      this.tickets = grow(this.tickets, this.length * 2);
      this.created = grow(this.created, this.length * 2);
    }
    if (ticket >= this.positions.length)
      this.positions = grow(this.positions, Math.max(ticket + 1, this.positions.length * 2));
    const position = this.length++;
    this.tickets[position] = ticket;
    this.created[position] = createdSec;
    this.positions[ticket] = position + 1;
    return position;
  }

  ticketAt(position: number): number {
    return this.tickets[position] ?? 0;
  }

  createdAt(position: number): number {
    return this.created[position] ?? 0;
  }

  /** The record position of a ticket, or -1. */
  positionOf(ticket: number): number {
    return (this.positions[ticket] ?? 0) - 1;
  }

  idAt(position: number): number {
    return RATING_ID_BASE + position + 1;
  }

  /** Position of a record id, or -1. */
  positionOfId(id: number): number {
    const position = id - RATING_ID_BASE - 1;
    return Number.isInteger(position) && position >= 0 && position < this.length ? position : -1;
  }

  /** First position created at or after `sec`. */
  firstCreatedAtOrAfter(sec: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.created[mid] ?? 0) < sec) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function grow(old: Uint32Array, capacity: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(capacity);
  next.set(old);
  return next;
}
