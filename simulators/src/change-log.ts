/**
 * The order in which tickets changed: every create or update appends the ticket with the change
 * time, and the ticket remembers its latest position. Reading the log from a position and skipping
 * entries that are no longer a ticket's latest gives each changed ticket exactly once, oldest
 * change first, and a ticket changed again moves behind the reader; this is what makes the
 * simulated Zendesk cursors and Freshdesk `updated_since` lists correct under live traffic.
 */

export class ChangeLog {
  private tickets = new Uint32Array(1024);
  private times = new Uint32Array(1024);
  /** Per ticket index: its latest log position + 1 (0 = never logged). */
  private latest = new Uint32Array(1024);
  length = 0;

  /** Appends a change of ticket `index` at `timeSec`; times must not go backwards. */
  append(index: number, timeSec: number): number {
    if (this.length === this.tickets.length) {
      this.tickets = growTo(this.tickets, this.length * 2);
      this.times = growTo(this.times, this.length * 2);
    }
    if (index >= this.latest.length) this.latest = growTo(this.latest, Math.max(index + 1, this.latest.length * 2));
    const position = this.length++;
    this.tickets[position] = index;
    this.times[position] = timeSec;
    this.latest[index] = position + 1;
    return position;
  }

  /** Pre-sizes for `entries` log entries and `ticketCount` tickets. */
  reserve(entries: number, ticketCount: number): void {
    if (entries > this.tickets.length) {
      this.tickets = growTo(this.tickets, entries);
      this.times = growTo(this.times, entries);
    }
    if (ticketCount > this.latest.length) this.latest = growTo(this.latest, ticketCount);
  }

  ticketAt(position: number): number {
    return this.tickets[position] ?? 0;
  }

  timeAt(position: number): number {
    return this.times[position] ?? 0;
  }

  /** Whether the entry at `position` is its ticket's latest change (older ones are skipped). */
  isCurrent(position: number): boolean {
    return this.latest[this.tickets[position] ?? 0] === position + 1;
  }

  /** The ticket's latest position, or -1. */
  positionOf(index: number): number {
    return (this.latest[index] ?? 0) - 1;
  }

  /** The first position whose time is at least `timeSec` (`length` if none). */
  firstAtOrAfter(timeSec: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.times[mid] ?? 0) < timeSec) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first position whose time is after `timeSec`. */
  firstAfter(timeSec: number): number {
    return this.firstAtOrAfter(timeSec + 1);
  }
}

function growTo(old: Uint32Array, capacity: number): Uint32Array<ArrayBuffer> {
  const next = new Uint32Array(capacity);
  next.set(old);
  return next;
}

/**
 * Ticket indices `0..count-1` ordered by `key` ascending, then by index. Uses one native float
 * sort for up to 2^21 tickets (key * 2^21 + index stays an exact double for epoch seconds).
 */
export function orderByKey(count: number, key: (index: number) => number): Uint32Array {
  const order = new Uint32Array(count);
  const SHIFT = 2_097_152;
  if (count <= SHIFT) {
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) keys[i] = key(i) * SHIFT + i;
    keys.sort();
    for (let i = 0; i < count; i++) order[i] = (keys[i] ?? 0) % SHIFT;
    return order;
  }
  for (let i = 0; i < count; i++) order[i] = i;
  return order.sort((a, b) => key(a) - key(b) || a - b);
}
