/** One request about to go out, as an observer sees it: never its headers or credentials. */
export interface RequestEvent {
  readonly tenant: string;
  /** The endpoint's path pattern, e.g. `/api/v2/tickets/{id}`. */
  readonly endpoint: string;
  /** 1 for the first try, counting retries after server errors (not after 429s). */
  readonly attempt: number;
}

/** A retry after a transient failure, for logs and metrics. */
export interface RetryEvent {
  readonly tenant: string;
  readonly endpoint: string;
  readonly attempt: number;
  /** What went wrong: `HTTP 503`, `timeout`, `malformed JSON`... */
  readonly reason: string;
  readonly delayMs: number;
}

/**
 * What a vendor client reports as it works, so a progress bar can show rate-limit waits. Every
 * member is optional; the runtime's `ClientObserver` fits it as is.
 */
export interface HttpObserver {
  /** The client waited this long (clock milliseconds) for the vendor's rate limit. */
  onRateLimitWait?(ms: number): void;
  onRequest?(event: RequestEvent): void;
  onRetry?(event: RetryEvent): void;
}
