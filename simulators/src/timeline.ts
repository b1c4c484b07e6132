/**
 * The messages of a ticket. A generated ticket stores only counts and milestone times; its
 * messages are re-derived on demand from a per-ticket seed, consistently with those milestones
 * (first reply at `firstReplyAt`, a customer message at each reopen, nothing after `updatedAt`).
 * Messages added later by live traffic are kept explicitly and appended.
 */
import { hashSeed, mulberry32, type Random } from './prng.js';
import { NO_ASSIGNEE, TicketFlag, type TicketTable } from './ticket-table.js';

/** A public agent reply, a private note, or a message from the requester. */
export type MessageKind = 'reply' | 'note' | 'customer';

/** One message of a ticket's conversation (the opening description is not one). */
export interface SimMessage {
  readonly kind: MessageKind;
  /** Epoch seconds. */
  readonly at: number;
  /** Agent index for replies and notes; -1 for the requester. */
  readonly agent: number;
}

const KIND_ORDER: Readonly<Record<MessageKind, number>> = { customer: 0, reply: 1, note: 2 };

/** A time in `(from, to]`, or `to` when the span is empty. */
function within(random: Random, from: number, to: number): number {
  if (to <= from) return Math.max(from, to);
  return from + 1 + Math.floor(random() * (to - from));
}

/**
 * The messages a generated ticket had when its history was made, oldest first. `seed` is the
 * history's seed, `id` the ticket's id; `base` must be the history's own table, not a live copy.
 */
export function baseMessages(base: TicketTable, index: number, seed: number, id: number): SimMessage[] {
  const replies = base.replies[index] ?? 0;
  const customer = base.customerMessages[index] ?? 0;
  const notes = base.notes[index] ?? 0;
  if (replies + customer + notes === 0) return [];
  const random = mulberry32(hashSeed(seed, id));
  const created = base.createdAt[index] ?? 0;
  const updated = base.updatedAt[index] ?? created;
  const firstReply = base.firstReplyAt[index] ?? 0;
  const firstSolved = base.firstSolvedAt[index] ?? 0;
  const solved = base.solvedAt[index] ?? 0;
  const reopened = base.reopenedAt[index] ?? 0;
  const assignee = base.assignee[index] ?? NO_ASSIGNEE;
  const agent = assignee === NO_ASSIGNEE ? 0 : assignee - 1;
  // Everything before the first solve happens up to it; unsolved tickets up to their last update.
  const end = firstSolved > 0 ? firstSolved : updated;
  const messages: SimMessage[] = [];
  let middleReplies = replies;
  if (firstReply > 0 && replies > 0) {
    messages.push({ kind: 'reply', at: firstReply, agent });
    middleReplies--;
  }
  if (reopened > 0 && (base.flags[index] ?? 0) & TicketFlag.replyAfterReopen && middleReplies > 0) {
    messages.push({ kind: 'reply', at: within(random, reopened, solved > 0 ? solved : updated), agent });
    middleReplies--;
  }
  for (let k = 0; k < middleReplies; k++)
    messages.push({ kind: 'reply', at: within(random, firstReply || created, end), agent });
  let customerLeft = customer;
  if (reopened > 0 && customerLeft > 0) {
    messages.push({ kind: 'customer', at: reopened, agent: -1 });
    customerLeft--;
  }
  for (let k = 0; k < customerLeft; k++)
    messages.push({ kind: 'customer', at: within(random, created, end), agent: -1 });
  for (let k = 0; k < notes; k++) messages.push({ kind: 'note', at: within(random, created, end), agent });
  return sortMessages(messages);
}

/** Oldest first; at equal times the customer writes, then the agent replies, then notes. */
export function sortMessages(messages: SimMessage[]): SimMessage[] {
  return messages.sort((a, b) => a.at - b.at || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

/** Latest time of a message kind, or 0. */
export function latestOf(messages: readonly SimMessage[], kind: MessageKind): number {
  let latest = 0;
  for (const message of messages) if (message.kind === kind && message.at > latest) latest = message.at;
  return latest;
}
