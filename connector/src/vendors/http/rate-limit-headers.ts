import type { HeaderRecord } from './header-record.js';

/** A limit window as a response's headers describe it. */
export interface WindowReading {
  /** Requests (or credits) per window; `null` when the headers do not say. */
  readonly limit: number | null;
  readonly remaining: number;
}

/** What one response's headers say about the account's rate limits. */
export interface RateLimitReading {
  /** The account-wide window: Zendesk `X-Rate-Limit[-Remaining]`, Freshdesk `X-RateLimit-Total/-Remaining`. */
  readonly account: WindowReading | null;
  /** The endpoint's own window: Zendesk's `ratelimit-limit/-remaining` on list endpoints. */
  readonly endpoint: WindowReading | null;
  /** Milliseconds until the window resets (`ratelimit-reset`, seconds); `null` when not sent. */
  readonly resetMs: number | null;
  /** Credits this request cost (Freshdesk `X-RateLimit-Used-CurrentRequest`); `null` when not sent. */
  readonly cost: number | null;
}

function number(headers: HeaderRecord, ...names: string[]): number | null {
  for (const name of names) {
    const text = headers[name]?.trim();
    if (text === undefined || !/^-?\d+(\.\d+)?$/.test(text)) continue;
    return Number(text);
  }
  return null;
}

function window(headers: HeaderRecord, limitNames: string[], remainingNames: string[]): WindowReading | null {
  const remaining = number(headers, ...remainingNames);
  return remaining === null ? null : { limit: number(headers, ...limitNames), remaining: Math.max(0, remaining) };
}

/** Reads the rate-limit headers of either vendor; names are lower case (see `toHeaderRecord`). */
export function readRateLimitHeaders(headers: HeaderRecord): RateLimitReading {
  const reset = number(headers, 'ratelimit-reset', 'x-ratelimit-reset', 'x-rate-limit-reset');
  const cost = number(headers, 'x-ratelimit-used-currentrequest');
  return {
    account: window(
      headers,
      ['x-rate-limit', 'x-ratelimit-total'],
      ['x-rate-limit-remaining', 'x-ratelimit-remaining'],
    ),
    endpoint: window(headers, ['ratelimit-limit'], ['ratelimit-remaining']),
    resetMs: reset === null ? null : Math.max(0, reset) * 1000,
    cost: cost === null || cost < 1 ? null : cost,
  };
}
