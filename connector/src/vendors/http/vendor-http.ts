import type { AxiosInstance } from 'axios';
import type { Clock } from '../../clock.js';
import { VendorAuthError } from '../vendor-auth-error.js';
import { VendorUnavailableError } from '../vendor-unavailable-error.js';
import { VendorUnsupportedError } from '../vendor-unsupported-error.js';
import { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff.js';
import { createHttpInstance, DEFAULT_TIMEOUT_MS } from './create-http-instance.js';
import { describeErrorBody, describeNetworkError, describeNoAnswer } from './describe-failure.js';
import { toHeaderRecord, type HeaderRecord } from './header-record.js';
import type { HttpObserver } from './http-observer.js';
import type { RateBudget } from './rate-budget.js';
import { readRateLimitHeaders } from './rate-limit-headers.js';
import { parseRetryAfter } from './retry-after.js';

/** Statuses that say "try again later" rather than "this request is wrong". */
const TRANSIENT_4XX = new Set([408, 409, 425]);
/** Waited after a 429 that names no `Retry-After`: the vendors' windows are a minute. */
const RATE_LIMITED_FALLBACK_MS = 60_000;
const JSON_BODY = { 'Content-Type': 'application/json' } as const;

export interface VendorHttpOptions {
  /** The tenant's name, for error messages; never a credential. */
  readonly tenant: string;
  readonly baseUrl: string;
  /** The credentials, as headers (`Authorization`); never logged nor put in an error. */
  readonly authHeaders: Readonly<Record<string, string>>;
  /** Other headers every request carries (who is calling); not secret. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly clock: Clock;
  readonly budget: RateBudget;
  readonly timeoutMs?: number;
  readonly observer?: HttpObserver;
  readonly retry?: Partial<RetryPolicy>;
}

/** One request to a vendor: a GET unless it names another method. */
export interface VendorRequest {
  /** Path and query, relative to the base URL. */
  readonly url: string;
  /** Default GET; the others are the admin calls that set an account up (webhooks, rules). */
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  readonly body?: unknown;
  /** The path pattern that names the endpoint in errors, events and rate limits: `/api/v2/tickets/{id}`. */
  readonly endpoint: string;
  /** Statuses the caller handles itself (404 for a ticket that is gone): returned, not thrown. */
  readonly accept?: readonly number[];
}

/** A vendor's answer: a 2xx with a JSON body, or one of the request's `accept` statuses. */
export interface VendorResponse {
  readonly status: number;
  /** The parsed JSON body; `null` for an accepted status, or an answer to a write, whose body is not JSON (204). */
  readonly body: unknown;
  readonly headers: HeaderRecord;
}

/** What one try of a request found: no answer at all (and why), or the answer whatever its status. */
export type ProbeAnswer =
  | { readonly answered: false; readonly reason: string }
  | {
      readonly answered: true;
      readonly status: number;
      /** The parsed JSON body, or `ok: false` when the body is not JSON (a web page, nothing). */
      readonly json: { readonly ok: true; readonly value: unknown } | { readonly ok: false };
      readonly headers: HeaderRecord;
    };

/** Requests to one vendor account within its rate limits, retrying what is worth retrying. */
export interface VendorHttp {
  readonly tenant: string;
  get(request: VendorRequest): Promise<VendorResponse>;
  /**
   * Any method, as `get` does it, except that a POST is never retried after it may have reached
   * the vendor (a timeout, a 5xx): a second try could create a second webhook. A 429 is retried,
   * since the vendor refused it unread.
   */
  send(request: VendorRequest): Promise<VendorResponse>;
  /**
   * One try of a GET within the rate budget, waiting at most `timeoutMs` for the answer: no
   * retries, nothing thrown for a status. For checks that must answer in seconds.
   */
  probe(request: VendorRequest, timeoutMs: number): Promise<ProbeAnswer>;
}

type Outcome =
  | { readonly kind: 'done'; readonly response: VendorResponse }
  | { readonly kind: 'rate-limited'; readonly waitMs: number }
  | { readonly kind: 'transient'; readonly reason: string; readonly retryAfterMs: number | null };

export function parseJson(text: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * The HTTP layer every vendor client stands on: waits for the tenant's {@link RateBudget} before
 * each request; waits exactly `Retry-After` after a 429; retries 5xx, timeouts, network errors and
 * malformed JSON with exponential backoff and full jitter, then throws `VendorUnavailableError`;
 * throws `VendorAuthError` at once on 401/403 and `VendorUnsupportedError` on an unexpected 404.
 * Errors carry no axios error as cause, because that holds the request's headers.
 */
export function createVendorHttp(options: VendorHttpOptions): VendorHttp {
  const { tenant, clock, budget, observer } = options;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const instance: AxiosInstance = createHttpInstance({
    baseUrl: options.baseUrl,
    headers: { ...options.headers, ...options.authHeaders },
    timeoutMs,
  });

  async function attempt(request: VendorRequest, attemptNo: number): Promise<Outcome> {
    const { slot, waitedMs } = await budget.acquire(request.endpoint);
    if (waitedMs > 0) observer?.onRateLimitWait?.(waitedMs);
    observer?.onRequest?.({ tenant, endpoint: request.endpoint, attempt: attemptNo });
    let status: number;
    let data: unknown;
    let headers: HeaderRecord;
    const method = request.method ?? 'GET';
    try {
      const response = await instance.request<unknown>({
        method,
        url: request.url,
        ...(request.body === undefined ? {} : { data: JSON.stringify(request.body), headers: JSON_BODY }),
      });
      status = response.status;
      data = response.data;
      headers = toHeaderRecord(response.headers);
    } catch (error) {
      budget.settle(slot, null);
      return { kind: 'transient', reason: describeNetworkError(error, timeoutMs), retryAfterMs: null };
    }
    const retryAfterMs = parseRetryAfter(headers['retry-after'], clock.now());
    const rateLimited = status === 429;
    const waitMs = retryAfterMs ?? RATE_LIMITED_FALLBACK_MS;
    budget.settle(slot, readRateLimitHeaders(headers), rateLimited ? waitMs : null);

    if (status >= 200 && status < 300) {
      const parsed = parseJson(data);
      if (!parsed.ok && method !== 'GET') return { kind: 'done', response: { status, body: null, headers } };
      if (!parsed.ok) return { kind: 'transient', reason: `malformed JSON body (HTTP ${status})`, retryAfterMs: null };
      return { kind: 'done', response: { status, body: parsed.value, headers } };
    }
    if (request.accept?.includes(status)) {
      const parsed = parseJson(data);
      return { kind: 'done', response: { status, body: parsed.ok ? parsed.value : null, headers } };
    }
    if (status === 401 || status === 403) throw new VendorAuthError(tenant, status);
    const name = `${method} ${request.endpoint}`;
    if (rateLimited) return { kind: 'rate-limited', waitMs };
    if (status >= 500 || TRANSIENT_4XX.has(status))
      return { kind: 'transient', reason: `HTTP ${status}`, retryAfterMs };
    const detail = describeErrorBody(parseJson(data));
    if (status === 404) {
      throw new VendorUnsupportedError(
        `${tenant}: ${name} does not exist on this account (HTTP 404${detail}); check the tenant's URL and plan`,
      );
    }
    throw new VendorUnavailableError(`${tenant}: ${name} was refused (HTTP ${status}${detail})`);
  }

  async function send(request: VendorRequest): Promise<VendorResponse> {
    const name = `${request.method ?? 'GET'} ${request.endpoint}`;
    const retriesAfterSent = request.method !== 'POST';
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      const outcome = await attempt(request, failures + 1);
      if (outcome.kind === 'done') return outcome.response;
      if (outcome.kind === 'rate-limited') {
        rateLimited++;
        if (rateLimited > policy.maxRateLimited) {
          throw new VendorUnavailableError(
            `${tenant}: ${name} was still rate limited (HTTP 429) after ${policy.maxRateLimited} waits`,
          );
        }
        // The budget holds every request of the tenant until then; the next acquire waits it out.
        budget.pauseUntil(clock.now() + outcome.waitMs);
        continue;
      }
      rateLimited = 0;
      failures++;
      if (!retriesAfterSent) {
        throw new VendorUnavailableError(
          `${tenant}: ${name} failed (${outcome.reason}); it is not sent again, since it may have been done`,
        );
      }
      if (failures >= policy.maxAttempts) {
        throw new VendorUnavailableError(
          `${tenant}: ${name} failed ${failures} times in a row; last: ${outcome.reason}`,
        );
      }
      const delayMs = outcome.retryAfterMs ?? backoffDelay(policy, failures);
      observer?.onRetry?.({ tenant, endpoint: request.endpoint, attempt: failures, reason: outcome.reason, delayMs });
      await clock.sleep(delayMs);
    }
  }

  async function probe(request: VendorRequest, probeTimeoutMs: number): Promise<ProbeAnswer> {
    const { slot, waitedMs } = await budget.acquire(request.endpoint);
    if (waitedMs > 0) observer?.onRateLimitWait?.(waitedMs);
    observer?.onRequest?.({ tenant, endpoint: request.endpoint, attempt: 1 });
    try {
      const response = await instance.get<unknown>(request.url, { timeout: probeTimeoutMs });
      const headers = toHeaderRecord(response.headers);
      const refusedForMs =
        response.status === 429
          ? (parseRetryAfter(headers['retry-after'], clock.now()) ?? RATE_LIMITED_FALLBACK_MS)
          : null;
      budget.settle(slot, readRateLimitHeaders(headers), refusedForMs);
      return { answered: true, status: response.status, json: parseJson(response.data), headers };
    } catch (error) {
      budget.settle(slot, null);
      return { answered: false, reason: describeNoAnswer(error, probeTimeoutMs) };
    }
  }

  return { tenant, get: (request) => send({ ...request, method: 'GET' }), send, probe };
}
