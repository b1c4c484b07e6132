/**
 * One limit on attempts: at most `limit` in each fixed window of `windowMs` (windows start at
 * multiples of `windowMs` of the clock). `counts` says which attempts it counts: every one
 * (counted as it arrives) or only the refused ones (counted once refused).
 */
export interface Counter {
  /** Who is counted, e.g. `sign-in:failed:address:203.0.113.9`. */
  readonly key: string;
  readonly limit: number;
  readonly windowMs: number;
  readonly counts: 'every' | 'failures';
  /** What is counted, for the 429's message: "failed sign-ins from this address". */
  readonly what: string;
}

/** A counter over its limit, and when its window ends (epoch ms). */
export interface Exceeded {
  readonly counter: Counter;
  readonly until: number;
}

/**
 * Counts attempts per counter and window: in memory for one API process, in Redis when the
 * replicas must share one count.
 */
export interface AttemptCounter {
  /**
   * Counts this attempt on each `every` counter and reads each `failures` counter; the counter
   * over its limit whose window ends last, or null when the attempt may go ahead.
   */
  check(counters: readonly Counter[], now: number): Promise<Exceeded | null>;
  /** Counts a refused attempt on each `failures` counter (others are left alone). */
  fail(counters: readonly Counter[], now: number): Promise<void>;
}

/** The window `now` falls in: its key (counter and window start) and its end. */
export function windowOf(counter: Counter, now: number): { key: string; end: number } {
  const start = Math.floor(now / counter.windowMs) * counter.windowMs;
  return { key: `${counter.key}:${start}`, end: start + counter.windowMs };
}

/**
 * Whether `count` is over the counter's limit: an `every` count includes this attempt; a
 * `failures` count is of the attempts before it, so one more would be past the limit.
 */
export function isOver(counter: Counter, count: number): boolean {
  return counter.counts === 'every' ? count > counter.limit : count >= counter.limit;
}

/** Of the counters over their limits, the one that holds the caller back longest. */
export function latest(exceeded: readonly Exceeded[]): Exceeded | null {
  return exceeded.reduce<Exceeded | null>((last, e) => (last === null || e.until > last.until ? e : last), null);
}
