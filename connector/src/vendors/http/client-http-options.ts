import type { Clock } from '../../clock.js';
import type { RetryPolicy } from './backoff.js';
import type { HttpObserver } from './http-observer.js';
import type { RateBudget } from './rate-budget.js';
import type { RequestLedger } from './request-ledger.js';
import type { UnknownValueReporter } from '../unknown-value.js';

/** Options every vendor client takes: its HTTP layer, and where it reports what it could not read. */
export interface ClientHttpOptions {
  /** Every wait (rate limits, Retry-After, backoff) runs on this clock. */
  readonly clock: Clock;
  /** Real milliseconds a request may take before it is retried; 30 s by default. */
  readonly timeoutMs?: number;
  /** Real milliseconds `checkAccess` waits for its one answer; 10 s by default. */
  readonly checkTimeoutMs?: number;
  readonly observer?: HttpObserver;
  /** The tenant's budget, when several clients of one tenant share it; else the client makes its own. */
  readonly rateBudget?: RateBudget;
  /** The tenant's sliding minute of requests, shared by its processes (workers on Redis); else the budget's own. */
  readonly ledger?: RequestLedger;
  readonly retry?: Partial<RetryPolicy>;
  /** Told of each enum value the normalizers do not know (the record is kept); default: ignored. */
  readonly onUnknownValue?: UnknownValueReporter;
}
