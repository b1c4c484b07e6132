import type { Clock } from '../../clock.js';
import { createMemoryRequestLedger, WINDOW_MS } from './memory-request-ledger.js';
import type { RateLimitReading, WindowReading } from './rate-limit-headers.js';
import type { RequestLedger } from './request-ledger.js';

export interface RateBudgetOptions {
  readonly clock: Clock;
  /** Requests per minute of the account's plan, until a response's headers say otherwise. */
  readonly limitPerMinute: number;
  /** Requests per minute of endpoints with a limit of their own, by endpoint pattern. */
  readonly endpointLimits?: Readonly<Record<string, number>>;
  /**
   * The endpoint limits of the plan whose account limit the headers report, or `null` for a
   * limit of no known plan (Freshdesk's plans differ mostly in their Tickets List limit).
   */
  readonly endpointLimitsOfPlan?: (accountLimit: number) => Readonly<Record<string, number>> | null;
  /** Credits a request to each endpoint is expected to cost until an answer says (default 1). */
  readonly endpointCosts?: Readonly<Record<string, number>>;
  /** The tenant's sliding minute, shared with its other clients and processes; else this budget's own. */
  readonly ledger?: RequestLedger;
}

/** A request the budget let through; hand it back to {@link RateBudget.settle} when it is answered. */
export interface RateSlot {
  readonly endpoint: string;
}

interface Slot extends RateSlot {
  /** Names it in the ledger. */
  readonly id: string;
  /** Requests to its endpoint in the tenant's minute before it. */
  readonly endpointUsed: number;
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
 * before any request the vendor would refuse, by three rules: the tenant's sliding minute of
 * requests (its {@link RequestLedger}) against the plan limit and each endpoint's limit; what the
 * vendor's headers last said was left; and a pause after a 429. A 429 from an endpoint with a
 * limit of its own lowers that limit to what the minute held, since the vendor just said so.
 */
export class RateBudget {
  private readonly clock: Clock;
  private readonly planLimit: number;
  private endpointLimits: Readonly<Record<string, number>>;
  private readonly endpointLimitsOfPlan: RateBudgetOptions['endpointLimitsOfPlan'];
  /** This budget's requests in flight or answered within the minute, for the headers' rules. */
  private readonly slots: Slot[] = [];
  private readonly costs: Map<string, number>;
  private readonly reportedEndpoints = new Map<string, ReportedWindow>();
  private reportedAccount: ReportedWindow | null = null;
  private learnedLimit: number | null = null;
  private pausedUntil = -Infinity;
  private wakeUps: (() => void)[] = [];
  private readonly ledger: RequestLedger;
  /** Credits of the tenant's minute at this budget's last request, its own included. */
  private windowUsed = 0;

  constructor(options: RateBudgetOptions) {
    this.clock = options.clock;
    this.planLimit = options.limitPerMinute;
    this.endpointLimits = options.endpointLimits ?? {};
    this.endpointLimitsOfPlan = options.endpointLimitsOfPlan;
    this.costs = new Map(Object.entries(options.endpointCosts ?? {}));
    this.ledger = options.ledger ?? createMemoryRequestLedger();
  }

  /** Waits until a request to `endpoint` would be accepted, then counts it as sent. */
  async acquire(endpoint: string, signal?: AbortSignal): Promise<{ slot: RateSlot; waitedMs: number }> {
    const started = this.clock.now();
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      this.prune(now);
      let until = this.headersReadyAt(endpoint, now);
      if (until <= now) {
        const reservation = await this.ledger.reserve(
          {
            endpoint,
            cost: this.costs.get(endpoint) ?? 1,
            limit: this.learnedLimit ?? this.planLimit,
            endpointLimit: this.endpointLimit(endpoint),
          },
          now,
        );
        if (reservation.granted) {
          const { id, cost, used, endpointUsed } = reservation;
          const slot: Slot = { endpoint, id, cost, endpointUsed, settledAt: null };
          this.slots.push(slot);
          this.windowUsed = used + cost;
          return { slot, waitedMs: now - started };
        }
        until = reservation.retryAt;
      }
      await this.waitForChange(until === Infinity ? null : until - this.clock.now(), signal);
    }
  }

  /**
   * Records the answer to a request (`reading` is `null` when none came): its cost and what the
   * headers say is left. `refusedForMs`, for a 429, is its `Retry-After`: it replaces the
   * headers' reset.
   */
  settle(slot: RateSlot, reading: RateLimitReading | null, refusedForMs: number | null = null): void {
    const now = this.clock.now();
    const own = this.slots.find((s) => s === slot);
    if (own === undefined) return;
    own.settledAt = now;
    if (reading?.cost != null) {
      own.cost = reading.cost;
      this.costs.set(slot.endpoint, reading.cost);
    }
    this.ledger.settle(own.id, own.cost, now);
    if (reading !== null) {
      const resetMs = refusedForMs ?? reading.resetMs;
      if (reading.account !== null) {
        if (reading.account.limit !== null && reading.account.limit > 0) this.learnLimit(reading.account.limit);
        const ours = Math.max(this.windowUsed, sumCost(this.slots.filter((s) => s.settledAt !== null)));
        this.reportedAccount = this.reported(reading.account, resetMs, now, ours);
      }
      if (reading.endpoint !== null) {
        const mine = this.slots.filter((s) => s.endpoint === slot.endpoint && s.settledAt !== null);
        this.reportedEndpoints.set(slot.endpoint, this.reported(reading.endpoint, resetMs, now, sumCost(mine)));
      }
    }
    if (refusedForMs !== null) this.learnFromRefusal(own, reading);
    this.wake();
  }

  /** Holds every request of the tenant until `time` (after a 429: the vendor said when to come back). */
  pauseUntil(time: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, time);
    this.ledger.pause(time);
    this.wake();
  }

  private learnLimit(accountLimit: number): void {
    this.learnedLimit = accountLimit;
    const plan = this.endpointLimitsOfPlan?.(accountLimit);
    if (plan != null) this.endpointLimits = plan;
    this.ledger.learn({ account: accountLimit, ...(plan != null && { endpoints: plan }) }, this.clock.now());
  }

  /**
   * A 429 while the headers say the account had room left was the endpoint's own limit: it is at
   * most what the tenant sent there in the minute before, even when the plan promised more (for
   * a while: see REFUSAL_MS).
   */
  private learnFromRefusal(slot: Slot, reading: RateLimitReading | null): void {
    const limit = this.endpointLimit(slot.endpoint);
    if (limit === null || slot.endpointUsed === 0 || slot.endpointUsed >= limit) return;
    if (reading?.account == null || reading.account.remaining < slot.cost) return;
    this.ledger.learn({ refused: { [slot.endpoint]: slot.endpointUsed } }, this.clock.now());
  }

  /** The plan's limit of the endpoint; the ledger holds any lower one a 429 revealed. */
  private endpointLimit(endpoint: string): number | null {
    return this.endpointLimits[endpoint] ?? null;
  }

  private reported(window: WindowReading, resetMs: number | null, now: number, oursUsed: number): ReportedWindow {
    const used = window.limit === null ? Infinity : window.limit - window.remaining;
    return {
      remaining: window.remaining,
      resetAt: now + (resetMs ?? WINDOW_MS),
      // With a reset time the vendor's word is exact; without one, a minute is only a safe guess,
      // needless when the used requests are all the tenant's and age out of its own window anyway.
      ours: resetMs === null && oursUsed >= used,
    };
  }

  /** The earliest time a request to `endpoint` may go by the pause and the vendor's last reports. */
  private headersReadyAt(endpoint: string, now: number): number {
    const cost = this.costs.get(endpoint) ?? 1;
    const mine = this.slots.filter((s) => s.endpoint === endpoint);
    let until = this.pausedUntil;
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

/** When the vendor's last report leaves room for `cost` more, counting what is in flight since. */
function reportedReadyAt(report: ReportedWindow | null, slots: readonly Slot[], cost: number): number {
  if (report === null || report.ours) return -Infinity;
  const inFlight = sumCost(slots.filter((s) => s.settledAt === null));
  return report.remaining - inFlight >= cost ? -Infinity : report.resetAt;
}
