import type { Clock } from '../../clock.js';
import type { RateLimitReading, WindowReading } from './rate-limit-headers.js';
import type { RequestLedger } from './request-ledger.js';

/** Vendors count their limits per minute. */
const WINDOW_MS = 60_000;

export interface RateBudgetOptions {
  readonly clock: Clock;
  /** Requests per minute of the account's plan, until a response's headers say otherwise. */
  readonly limitPerMinute: number;
  /** Requests per minute of endpoints with a limit of their own, by endpoint pattern. */
  readonly endpointLimits?: Readonly<Record<string, number>>;
  /** Remembers the tenant's requests beyond this process, so a restarted worker does not overspend. */
  readonly ledger?: RequestLedger;
}

/** A request the budget let through; hand it back to {@link RateBudget.settle} when it is answered. */
export interface RateSlot {
  readonly endpoint: string;
}

interface Slot extends RateSlot {
  cost: number;
  /** When the answer came back; `null` while in flight. */
  settledAt: number | null;
}

/** A window as the vendor last reported it. */
interface ReportedWindow {
  readonly remaining: number;
  /** When the vendor's window resets; without a reset header, a minute after the report. */
  readonly resetAt: number;
  /** Every used request of the window is one of ours, so our own window already accounts for them. */
  readonly ours: boolean;
}

/**
 * One tenant's request budget, shared by every request to its account. It waits (on the clock)
 * before any request the vendor would refuse, by three rules: our own sliding minute of requests
 * against the plan limit and each endpoint's limit; what the vendor's headers last said was left;
 * and a pause after a 429. A request counts from the moment it is sent until a minute after its
 * answer came back, so network latency (large on a fast test clock) never lets one slip through.
 */
export class RateBudget {
  private readonly clock: Clock;
  private readonly planLimit: number;
  private readonly endpointLimits: Readonly<Record<string, number>>;
  private readonly slots: Slot[] = [];
  private readonly costs = new Map<string, number>();
  private readonly reportedEndpoints = new Map<string, ReportedWindow>();
  private reportedAccount: ReportedWindow | null = null;
  private learnedLimit: number | null = null;
  private pausedUntil = -Infinity;
  private wakeUps: (() => void)[] = [];
  private readonly ledger: RequestLedger | null;
  private loaded: Promise<void> | null = null;

  constructor(options: RateBudgetOptions) {
    this.clock = options.clock;
    this.planLimit = options.limitPerMinute;
    this.endpointLimits = options.endpointLimits ?? {};
    this.ledger = options.ledger ?? null;
  }

  /** Waits until a request to `endpoint` would be accepted, then counts it as sent. */
  async acquire(endpoint: string, signal?: AbortSignal): Promise<{ slot: RateSlot; waitedMs: number }> {
    const started = this.clock.now();
    await (this.loaded ??= this.loadLedger());
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      this.prune(now);
      const until = this.readyAt(endpoint, now);
      if (until <= now) {
        const slot: Slot = { endpoint, cost: this.costs.get(endpoint) ?? 1, settledAt: null };
        this.slots.push(slot);
        this.ledger?.record({ endpoint, cost: slot.cost, at: now });
        return { slot, waitedMs: now - started };
      }
      await this.waitForChange(until === Infinity ? null : until - now, signal);
    }
  }

  /**
   * Records the answer to a request (`reading` is `null` when none came): its cost and what the
   * headers say is left. `resetOverrideMs` (a 429's `Retry-After`) replaces the headers' reset.
   */
  settle(slot: RateSlot, reading: RateLimitReading | null, resetOverrideMs: number | null = null): void {
    const now = this.clock.now();
    const own = this.slots.find((s) => s === slot);
    if (own === undefined) return;
    own.settledAt = now;
    if (reading !== null) {
      if (reading.cost !== null) {
        own.cost = reading.cost;
        this.costs.set(slot.endpoint, reading.cost);
      }
      const resetMs = resetOverrideMs ?? reading.resetMs;
      if (reading.account !== null) {
        if (reading.account.limit !== null && reading.account.limit > 0) this.learnedLimit = reading.account.limit;
        this.reportedAccount = this.reported(reading.account, resetMs, now, this.slots);
      }
      if (reading.endpoint !== null) {
        const mine = this.slots.filter((s) => s.endpoint === slot.endpoint);
        this.reportedEndpoints.set(slot.endpoint, this.reported(reading.endpoint, resetMs, now, mine));
      }
    }
    this.wake();
  }

  /**
   * Counts what another process of this tenant spent in the last minute (a worker that crashed,
   * another worker) as requests of ours, answered when they were sent.
   */
  private async loadLedger(): Promise<void> {
    if (this.ledger === null) return;
    const entries = await this.ledger.recent(this.clock.now() - WINDOW_MS).catch(() => []);
    for (const entry of entries) this.slots.push({ endpoint: entry.endpoint, cost: entry.cost, settledAt: entry.at });
  }

  /** Holds every request until `time` (after a 429: the vendor said when to come back). */
  pauseUntil(time: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, time);
    this.wake();
  }

  private reported(window: WindowReading, resetMs: number | null, now: number, slots: readonly Slot[]): ReportedWindow {
    const used = window.limit === null ? Infinity : window.limit - window.remaining;
    return {
      remaining: window.remaining,
      resetAt: now + (resetMs ?? WINDOW_MS),
      // With a reset time the vendor's word is exact; without one, a minute is only a safe guess,
      // needless when the used requests are all ours and age out of our own window anyway.
      ours: resetMs === null && sumCost(slots.filter((s) => s.settledAt !== null)) >= used,
    };
  }

  /** The earliest time a request to `endpoint` may go; `Infinity` until a request in flight is answered. */
  private readyAt(endpoint: string, now: number): number {
    const cost = this.costs.get(endpoint) ?? 1;
    const mine = this.slots.filter((s) => s.endpoint === endpoint);
    let until = this.pausedUntil;
    until = Math.max(until, ownWindowReadyAt(this.slots, cost, this.learnedLimit ?? this.planLimit));
    const endpointLimit = this.endpointLimits[endpoint];
    if (endpointLimit !== undefined) until = Math.max(until, ownWindowReadyAt(mine, 1, endpointLimit));
    this.reportedAccount = current(this.reportedAccount, now);
    until = Math.max(until, reportedReadyAt(this.reportedAccount, this.slots, cost));
    const endpointReport = current(this.reportedEndpoints.get(endpoint) ?? null, now);
    if (endpointReport === null) this.reportedEndpoints.delete(endpoint);
    until = Math.max(until, reportedReadyAt(endpointReport, mine, 1));
    return until;
  }

  private prune(now: number): void {
    const expired = now - WINDOW_MS;
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const settledAt = this.slots[i]!.settledAt;
      if (settledAt !== null && settledAt <= expired) this.slots.splice(i, 1);
    }
  }

  /** Resolves after `ms` of clock time, or sooner when a request is answered or a pause is set. */
  private async waitForChange(ms: number | null, signal?: AbortSignal): Promise<void> {
    const timer = new AbortController();
    const onAbort = () => timer.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const woken = new Promise<void>((resolve) => this.wakeUps.push(resolve));
    // Ending the timer below is no error; a clock that stops sleeping by itself (its job's
    // worker shutting down, see abortableClock) is, and must reach the caller.
    const slept =
      ms === null
        ? new Promise<void>(() => {})
        : this.clock.sleep(ms, timer.signal).catch((error: unknown) => {
            if (!timer.signal.aborted) throw error;
          });
    try {
      await Promise.race([woken, slept]);
    } finally {
      timer.abort();
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private wake(): void {
    const wakeUps = this.wakeUps;
    this.wakeUps = [];
    for (const wake of wakeUps) wake();
  }
}

function sumCost(slots: readonly Slot[]): number {
  return slots.reduce((sum, slot) => sum + slot.cost, 0);
}

/** A report that is still in force at `now`, or `null`. */
function current(report: ReportedWindow | null, now: number): ReportedWindow | null {
  return report !== null && now < report.resetAt ? report : null;
}

/** When our own last minute of requests leaves room for `cost` more under `limit`. */
function ownWindowReadyAt(slots: readonly Slot[], cost: number, limit: number): number {
  const capacity = Math.max(limit, cost);
  let excess = sumCost(slots) + cost - capacity;
  if (excess <= 0) return -Infinity;
  const answered = slots.filter((s) => s.settledAt !== null).sort((a, b) => a.settledAt! - b.settledAt!);
  for (const slot of answered) {
    excess -= slot.cost;
    if (excess <= 0) return slot.settledAt! + WINDOW_MS;
  }
  return Infinity;
}

/** When the vendor's last report leaves room for `cost` more, counting what is in flight since. */
function reportedReadyAt(report: ReportedWindow | null, slots: readonly Slot[], cost: number): number {
  if (report === null || report.ours) return -Infinity;
  const inFlight = sumCost(slots.filter((s) => s.settledAt === null));
  return report.remaining - inFlight >= cost ? -Infinity : report.resetAt;
}
