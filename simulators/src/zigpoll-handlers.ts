/**
 * msw handler that plays Zigpoll's `GET /responses` for one simulated account: NPS and CES answers
 * of requesters after their tickets were solved, cursor-paged (`startCursor` -> `endCursor`).
 */
import { http, type HttpHandler } from 'msw';
import { DEFAULT_ZIGPOLL_ACCOUNT_ID, type SimulatedAccount } from './account.js';
import { intParam } from './http-util.js';
import type { RouteResult, RouteSpec, VendorDialect } from './request-gate.js';
import { zigpollPosition, zigpollResponse } from './zigpoll-format.js';

export const DEFAULT_ZIGPOLL_API_KEY = 'zp-api-key';
export const DEFAULT_ZIGPOLL_BASE_URL = 'https://v1.zigpoll.com';

export interface ZigpollHandlerOptions {
  /** Default {@link DEFAULT_ZIGPOLL_BASE_URL}; `'*'` matches any origin (for `serveSimulator`). */
  readonly baseUrl?: string;
  /** Sent as the whole `Authorization` header. */
  readonly apiKey?: string;
  readonly accountId?: string;
}

/** Page size when `limit` is absent, and the largest allowed (UNSURE: Zigpoll documents neither). */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 100;

function dialect(apiKey: string): VendorDialect {
  return {
    authorize: (request) => request.headers.get('authorization') === apiKey,
    unauthorized: () => ({ status: 401, body: { error: 'Unauthorized', message: 'Invalid API key.' } }),
    tooManyRequests: () => ({ status: 429, body: { error: 'Too Many Requests' } }),
    serverError: () => ({ error: 'Internal Server Error' }),
    limitHeaders: () => ({}),
    retryAfterOn503: false,
  };
}

/** Creates the Zigpoll handler of an account (either vendor). */
export function createZigpollHandlers(account: SimulatedAccount, options: ZigpollHandlerOptions = {}): HttpHandler[] {
  const state = account.state;
  const vendor = dialect(options.apiKey ?? DEFAULT_ZIGPOLL_API_KEY);
  const accountId = options.accountId ?? DEFAULT_ZIGPOLL_ACCOUNT_ID;
  const origin = (options.baseUrl ?? DEFAULT_ZIGPOLL_BASE_URL).replace(/\/+$/, '');
  const route: RouteSpec = { name: 'zigpoll.responses', scopes: [], cost: 1 };

  function responses(url: URL): RouteResult {
    const asked = url.searchParams.get('accountId');
    if (asked === null) return { status: 400, body: { error: 'Bad Request', message: 'accountId is required.' } };
    if (asked !== accountId) return { status: 404, body: { error: 'Not Found', message: 'No such account.' } };
    const limit = intParam(url, 'limit', DEFAULT_LIMIT);
    if (!(limit >= 1))
      return { status: 400, body: { error: 'Bad Request', message: 'limit must be a positive number.' } };
    const startCursor = url.searchParams.get('startCursor');
    let start = 0;
    if (startCursor !== null && startCursor !== '') {
      const position = zigpollPosition(startCursor);
      if (position < 0) return { status: 400, body: { error: 'Bad Request', message: 'startCursor is invalid.' } };
      start = position + 1;
    }
    state.catchUpSurveys();
    const store = state.zigpoll;
    const end = Math.min(store.length, start + Math.min(limit, MAX_LIMIT));
    const data = [];
    for (let p = start; p < end; p++) data.push(zigpollResponse(state, store.at(p), accountId));
    const last = data[data.length - 1];
    const hasNextPage = end < store.length;
    return {
      status: 200,
      body: { data, hasNextPage, endCursor: last?._id ?? startCursor ?? null },
      page: { key: `zigpoll:${start}`, nextKey: hasNextPage ? `zigpoll:${end}` : null },
    };
  }

  return [
    http.get(`${origin}/responses`, ({ request }) =>
      account.gate.handle(request, vendor, route, () => responses(new URL(request.url))),
    ),
  ];
}
