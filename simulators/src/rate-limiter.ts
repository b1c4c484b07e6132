/**
 * A per-minute request budget as a sliding window: at most `limit` credits in any 60 seconds of
 * the clock. Sliding is the strictest reading of "N per minute" (neither vendor documents whether
 * its window is fixed or sliding), so a client that passes here passes either way.
 */

/** What one request did to a window. */
export interface Admission {
  readonly admitted: boolean;
  /** Credits left in the window after this request. */
  readonly remaining: number;
  /** When refused: milliseconds until enough credits free up. */
  readonly retryAfterMs: number;
}

export class SlidingWindowLimiter {
  private readonly at: number[] = [];
  private readonly credits: number[] = [];
  private head = 0;
  private used = 0;

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {}

  private expire(now: number): void {
    while (this.head < this.at.length && (this.at[this.head] ?? 0) <= now - this.windowMs) {
      this.used -= this.credits[this.head] ?? 0;
      this.head++;
    }
    // Drop the consumed prefix now and then so the arrays stay small.
    if (this.head > 1024 && this.head * 2 > this.at.length) {
      this.at.splice(0, this.head);
      this.credits.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Credits left at `now`. */
  remaining(now: number): number {
    this.expire(now);
    return Math.max(0, this.limit - this.used);
  }

  /** Milliseconds from `now` until `cost` credits fit (0 if they fit now). */
  waitFor(now: number, cost: number): number {
    this.expire(now);
    let freed = this.limit - this.used;
    for (let i = this.head; i < this.at.length && freed < cost; i++) {
      freed += this.credits[i] ?? 0;
      if (freed >= cost) return (this.at[i] ?? now) + this.windowMs - now;
    }
    return freed >= cost ? 0 : this.windowMs;
  }

  /** Takes `cost` credits if they fit. */
  take(now: number, cost: number): Admission {
    const wait = this.waitFor(now, cost);
    if (wait > 0) return { admitted: false, remaining: Math.max(0, this.limit - this.used), retryAfterMs: wait };
    this.at.push(now);
    this.credits.push(cost);
    this.used += cost;
    return { admitted: true, remaining: Math.max(0, this.limit - this.used), retryAfterMs: 0 };
  }
}
