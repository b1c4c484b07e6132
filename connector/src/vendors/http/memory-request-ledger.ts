import type { LearnedLimits, LedgerRequest, Reservation, RequestLedger } from './request-ledger.js';

/** Vendors count their limits per minute. */
export const WINDOW_MS = 60_000;

interface Entry {
  readonly id: string;
  readonly endpoint: string;
  cost: number;
  /** When the answer came back; `null` while in flight. */
  settledAt: number | null;
}

/** A tenant's ledger in this process's memory: exact for one process, and no I/O. */
export function createMemoryRequestLedger(): RequestLedger {
  const entries: Entry[] = [];
  const costs = new Map<string, number>();
  let learned: Required<LearnedLimits> = { account: NaN, endpoints: {}, refused: {} };
  let pausedUntil = -Infinity;
  let nextId = 0;

  const prune = (now: number): void => {
    for (let i = entries.length - 1; i >= 0; i--) {
      const settledAt = entries[i]!.settledAt;
      if (settledAt !== null && settledAt <= now - WINDOW_MS) entries.splice(i, 1);
    }
  };

  return {
    async reserve(request: LedgerRequest, now: number): Promise<Reservation> {
      prune(now);
      if (pausedUntil > now) return { granted: false, retryAt: pausedUntil };
      const cost = costs.get(request.endpoint) ?? request.cost;
      const { limit, endpointLimit } = limitsOf(request, learned);
      const mine = entries.filter((e) => e.endpoint === request.endpoint);
      let retryAt = readyAt(entries, (e) => e.cost, cost, limit);
      if (endpointLimit !== null)
        retryAt = Math.max(
          retryAt,
          readyAt(mine, () => 1, 1, endpointLimit),
        );
      if (retryAt > now) return { granted: false, retryAt };
      const id = String(nextId++);
      const used = entries.reduce((sum, e) => sum + e.cost, 0);
      entries.push({ id, endpoint: request.endpoint, cost, settledAt: null });
      return { granted: true, id, cost, used, endpointUsed: endpointLimit === null ? 0 : mine.length };
    },
    settle(id, cost, now) {
      const entry = entries.find((e) => e.id === id);
      if (entry === undefined) return;
      entry.cost = cost;
      entry.settledAt = now;
      costs.set(entry.endpoint, cost);
    },
    pause(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
    learn(limits) {
      learned = {
        account: limits.account ?? learned.account,
        endpoints: { ...learned.endpoints, ...limits.endpoints },
        refused: { ...learned.refused, ...limits.refused },
      };
    },
  };
}

/** The limits a request must fit under: what the tenant's answers taught, else the request's own. */
function limitsOf(request: LedgerRequest, learned: Required<LearnedLimits>) {
  const { endpoint } = request;
  const limit = Number.isNaN(learned.account) ? request.limit : learned.account;
  if (request.endpointLimit === null) return { limit, endpointLimit: null };
  const planned = learned.endpoints[endpoint] ?? request.endpointLimit;
  return { limit, endpointLimit: Math.min(planned, learned.refused[endpoint] ?? Infinity) };
}

/**
 * When `entries` leave room for `extra` more under `limit`: at once (`-Infinity`), when enough of
 * the oldest answers leave the minute, or `Infinity` while the ones that must leave are in flight.
 */
function readyAt(entries: readonly Entry[], weight: (e: Entry) => number, extra: number, limit: number): number {
  let excess = entries.reduce((sum, e) => sum + weight(e), 0) + extra - Math.max(limit, extra);
  if (excess <= 0) return -Infinity;
  const answered = entries.filter((e) => e.settledAt !== null).sort((a, b) => a.settledAt! - b.settledAt!);
  for (const entry of answered) {
    excess -= weight(entry);
    if (excess <= 0) return entry.settledAt! + WINDOW_MS;
  }
  return Infinity;
}
