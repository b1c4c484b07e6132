import type { Ticket } from './model.js';
import { isCustomerContact } from './ticket-rules.js';

/**
 * Lookups the KPI pass needs that would otherwise cost a hash lookup per ticket: tickets by id,
 * and each requester's tickets (for repeat contacts, contact ratio and survey matching).
 * Requesters are numbered 0..requesterCount-1. Each requester's customer contacts (tickets not
 * deleted, spam or outbound) are listed in compressed form: `positions[starts[r] .. starts[r + 1])`,
 * with their creation times alongside in `createdAt`, so repeat contacts are found without
 * touching ticket objects.
 */
export interface HistoryIndex {
  readonly requesterCount: number;
  /** Requester number of the ticket at each position. */
  readonly requesterOf: Int32Array;
  /** Assignee number of the ticket at each position, -1 for none; `assigneeIds` names them. */
  readonly assigneeOf: Int32Array;
  readonly assigneeIds: readonly string[];
  readonly starts: Int32Array;
  readonly positions: Int32Array;
  readonly createdAt: Float64Array;
  /** Position of a ticket by id, or -1. */
  positionOf(ticketId: string): number;
  /** Requester number of a requester id, or -1 when it has no ticket. */
  requesterNumber(requesterId: string): number;
}

const cache = new WeakMap<readonly Ticket[], HistoryIndex>();

/**
 * The index of a ticket list, built on first use and kept for as long as the list lives: the
 * model's lists are immutable, so an index stays valid. A list whose length changed since (a
 * caller that mutated it anyway) is indexed again.
 */
export function indexHistory(tickets: readonly Ticket[]): HistoryIndex {
  const cached = cache.get(tickets);
  if (cached !== undefined && cached.requesterOf.length === tickets.length) return cached;
  const index = buildIndex(tickets);
  cache.set(tickets, index);
  return index;
}

function buildIndex(tickets: readonly Ticket[]): HistoryIndex {
  const n = tickets.length;
  const requesterNumbers = new Map<string, number>();
  const requesterOf = new Int32Array(n);
  const assigneeNumbers = new Map<string, number>();
  const assigneeOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const ticket = tickets[i]!;
    requesterOf[i] = numberOf(requesterNumbers, ticket.requesterId);
    assigneeOf[i] = ticket.assigneeId === null ? -1 : numberOf(assigneeNumbers, ticket.assigneeId);
  }
  // Counting sort of positions by requester.
  const requesterCount = requesterNumbers.size;
  const starts = new Int32Array(requesterCount + 1);
  for (let i = 0; i < n; i++) if (isCustomerContact(tickets[i]!)) starts[requesterOf[i]! + 1]!++;
  for (let r = 0; r < requesterCount; r++) starts[r + 1]! += starts[r]!;
  const fill = starts.slice(0, requesterCount);
  const positions = new Int32Array(starts[requesterCount]!);
  const createdAt = new Float64Array(positions.length);
  for (let i = 0; i < n; i++) {
    const ticket = tickets[i]!;
    if (!isCustomerContact(ticket)) continue;
    const slot = fill[requesterOf[i]!]!++;
    positions[slot] = i;
    createdAt[slot] = ticket.createdAt;
  }

  // Ticket ids are needed only to attach ratings, so that map is built on first use.
  let byId: Map<string, number> | null = null;
  return {
    requesterCount,
    requesterOf,
    assigneeOf,
    assigneeIds: [...assigneeNumbers.keys()],
    starts,
    positions,
    createdAt,
    positionOf(ticketId) {
      if (byId === null) {
        byId = new Map();
        for (let i = 0; i < n; i++) byId.set(tickets[i]!.id, i);
      }
      return byId.get(ticketId) ?? -1;
    },
    requesterNumber(requesterId) {
      return requesterNumbers.get(requesterId) ?? -1;
    },
  };
}

function numberOf(numbers: Map<string, number>, id: string): number {
  let n = numbers.get(id);
  if (n === undefined) {
    n = numbers.size;
    numbers.set(id, n);
  }
  return n;
}
