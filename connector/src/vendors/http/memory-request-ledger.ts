import { REFUSAL_MS, type LedgerRequest, type Reservation, type RequestLedger } from './request-ledger.js';

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
  // Limits the answers taught (see RequestLedger.learn).
  let accountLimit: number | null = null;
  const planned = new Map<string, number>();
  const refused = new Map<string, { readonly limit: number; readonly until: number }>();
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
      const { endpoint } = request;
      const cost = costs.get(endpoint) ?? request.cost;
      const limit = accountLimit ?? request.limit;
      const refusal = refused.get(endpoint);
      const refusedLimit = refusal !== undefined && refusal.until > now ? refusal.limit : Infinity;
      const endpointLimit =
        request.endpointLimit === null ? null : Math.min(planned.get(endpoint) ?? request.endpointLimit, refusedLimit);
      const mine = entries.filter((e) => e.endpoint === endpoint);
      const endpointAt = endpointLimit === null ? -Infinity : readyAt(mine, () => 1, 1, endpointLimit);
      const retryAt = Math.max(
        readyAt(entries, (e) => e.cost, cost, limit),
        endpointAt,
      );
      if (retryAt > now) return { granted: false, retryAt };
      const id = String(nextId++);
      const used = entries.reduce((sum, e) => sum + e.cost, 0);
      entries.push({ id, endpoint, cost, settledAt: null });
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
    learn(limits, now) {
      accountLimit = limits.account ?? accountLimit;
      for (const [endpoint, limit] of Object.entries(limits.endpoints ?? {})) planned.set(endpoint, limit);
      for (const [endpoint, limit] of Object.entries(limits.refused ?? {}))
        refused.set(endpoint, { limit, until: now + REFUSAL_MS });
    },
  };
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
