/**
 * The tickets of a simulated account as columns of typed arrays: a million tickets fit in about
 * 60 MB and copy in milliseconds, which plain objects would not. Times are epoch seconds (every
 * vendor time the simulators emit has whole seconds); 0 means "never happened".
 */

/** Vendor-neutral ticket states; each vendor's formatter maps them to its own. */
export const TicketState = {
  new: 0,
  open: 1,
  pending: 2,
  hold: 3,
  solved: 4,
  closed: 5,
} as const;
export type TicketStateCode = (typeof TicketState)[keyof typeof TicketState];

/** Survey state of a ticket. */
export const RatingState = { none: 0, offered: 1, good: 2, bad: 3 } as const;
export type RatingStateCode = (typeof RatingState)[keyof typeof RatingState];

/** Bits of the `flags` column. */
export const TicketFlag = {
  deleted: 1,
  spam: 2,
  tagTier2: 4,
  tagEscalated: 8,
  ratingComment: 16,
  /** The ticket got a public reply after its (latest) reopen; timelines place one there. */
  replyAfterReopen: 32,
  /** The rating records no agent (Freshdesk `agent_id: null`); consumers fall back to the assignee. */
  ratingWithoutAgent: 64,
  /** An e-mail the agent sent to the requester (Freshdesk `source: 10`), not a customer contact. */
  outbound: 128,
  /** Freshdesk's stats leave `first_responded_at` null although the ticket has a public reply (real accounts do). */
  firstReplyUnstamped: 256,
} as const;

/** Value of the `assignee` column for an unassigned ticket; others hold agent index + 1. */
export const NO_ASSIGNEE = 0;

const TIME_COLUMNS = [
  'createdAt',
  'updatedAt',
  'firstReplyAt',
  'firstSolvedAt',
  'solvedAt',
  'reopenedAt',
  'closedAt',
  'ratingOfferedAt',
  'ratingAnsweredAt',
  'requester',
] as const;
const SMALL_COLUMNS = ['assignee', 'group', 'flags'] as const;
const BYTE_COLUMNS = [
  'status',
  'priority',
  'channel',
  'topic',
  'replies',
  'customerMessages',
  'notes',
  'reopens',
  'groupStations',
  'assigneeStations',
  'rating',
] as const;

type WideColumn = (typeof TIME_COLUMNS)[number];
type SmallColumn = (typeof SMALL_COLUMNS)[number];
type ByteColumn = (typeof BYTE_COLUMNS)[number];

/** Growable columns, one entry per ticket; the ticket's index is its id minus one. */
export class TicketTable {
  count = 0;
  /** Epoch seconds, or an index into the requesters (`requester`). */
  createdAt = new Uint32Array(0);
  updatedAt = new Uint32Array(0);
  firstReplyAt = new Uint32Array(0);
  firstSolvedAt = new Uint32Array(0);
  /** Latest solve. */
  solvedAt = new Uint32Array(0);
  /** Latest reopen. */
  reopenedAt = new Uint32Array(0);
  closedAt = new Uint32Array(0);
  ratingOfferedAt = new Uint32Array(0);
  ratingAnsweredAt = new Uint32Array(0);
  requester = new Uint32Array(0);
  /** Agent index + 1, or {@link NO_ASSIGNEE}. */
  assignee = new Uint16Array(0);
  group = new Uint16Array(0);
  status = new Uint8Array(0);
  priority = new Uint8Array(0);
  channel = new Uint8Array(0);
  topic = new Uint8Array(0);
  /** Public agent replies. */
  replies = new Uint8Array(0);
  customerMessages = new Uint8Array(0);
  notes = new Uint8Array(0);
  reopens = new Uint8Array(0);
  groupStations = new Uint8Array(0);
  assigneeStations = new Uint8Array(0);
  rating = new Uint8Array(0);
  flags = new Uint16Array(0);

  constructor(capacity = 0) {
    this.reserve(capacity);
  }

  get capacity(): number {
    return this.createdAt.length;
  }

  /** Makes room for at least `capacity` tickets, keeping the existing ones. */
  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    for (const name of TIME_COLUMNS) this[name] = grow(this[name], capacity, Uint32Array);
    for (const name of SMALL_COLUMNS) this[name] = grow(this[name], capacity, Uint16Array);
    for (const name of BYTE_COLUMNS) this[name] = grow(this[name], capacity, Uint8Array);
  }

  /** Appends a zeroed ticket and returns its index. */
  push(): number {
    if (this.count === this.capacity) this.reserve(Math.max(16, this.capacity * 2));
    return this.count++;
  }

  /** An independent copy (an account mutates its copy, never the history it came from). */
  clone(spare = 0): TicketTable {
    const copy = new TicketTable(0);
    const capacity = this.count + spare;
    for (const name of TIME_COLUMNS) copy[name] = copyColumn(this[name], this.count, capacity, Uint32Array);
    for (const name of SMALL_COLUMNS) copy[name] = copyColumn(this[name], this.count, capacity, Uint16Array);
    for (const name of BYTE_COLUMNS) copy[name] = copyColumn(this[name], this.count, capacity, Uint8Array);
    copy.count = this.count;
    return copy;
  }

  /** Bytes held by the columns. */
  byteLength(): number {
    let total = 0;
    for (const name of [...TIME_COLUMNS, ...SMALL_COLUMNS, ...BYTE_COLUMNS] as (
      WideColumn | SmallColumn | ByteColumn
    )[]) {
      total += this[name].byteLength;
    }
    return total;
  }

  hasFlag(index: number, flag: number): boolean {
    return ((this.flags[index] ?? 0) & flag) !== 0;
  }

  setFlag(index: number, flag: number, on = true): void {
    const current = this.flags[index] ?? 0;
    this.flags[index] = on ? current | flag : current & ~flag;
  }
}

type ArrayCtor<A> = new (length: number) => A;

function grow<A extends Uint8Array | Uint16Array | Uint32Array>(old: A, capacity: number, Ctor: ArrayCtor<A>): A {
  const next = new Ctor(capacity);
  next.set(old);
  return next;
}

function copyColumn<A extends Uint8Array | Uint16Array | Uint32Array>(
  old: A,
  count: number,
  capacity: number,
  Ctor: ArrayCtor<A>,
): A {
  const next = new Ctor(capacity);
  next.set(old.subarray(0, count));
  return next;
}
