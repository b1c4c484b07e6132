/** How a client retries server errors, timeouts and malformed bodies. */
export interface RetryPolicy {
  /** Tries in all, the first included, before giving up with `VendorUnavailableError`. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** How many 429s in a row one request may get before the vendor counts as unavailable. */
  readonly maxRateLimited: number;
  /** A number in [0, 1); injected so tests can fix the jitter. */
  readonly random: () => number;
}

/** About 2 minutes of tries at most, then the sync job gives the vendor time on its own schedule. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxRateLimited: 10,
  random: Math.random,
};

/**
 * The wait after failed attempt `attempt` (1 for the first): exponential with full jitter, so
 * clients that failed together do not retry together.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * ceiling);
}
