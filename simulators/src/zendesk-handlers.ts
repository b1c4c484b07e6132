/**
 * msw handlers that play the Zendesk Support API of one simulated account: the incremental
 * cursor ticket export (with metric sets and users), legacy satisfaction ratings (list and one by
 * id), the current CSAT's survey responses, the account settings that say which CSAT is on,
 * users, the signed-in user (`/users/me`), and a single ticket. Behaviour follows
 * shared/reference/zendesk.md §4.
 */
import { ZENDESK_FORBIDDEN } from './zendesk-forbidden.js';
import { http, type HttpHandler } from 'msw';
import type { SimulatedAccount } from './account.js';
import {
  basicCredentials,
  bearerToken,
  decodeCursor,
  encodeCursor,
  includes,
  intParam,
  isoRequired,
  withParam,
} from './http-util.js';
import { ID_BASE } from './people.js';
import type { RouteResult, RouteSpec, VendorDialect } from './request-gate.js';
import {
  ratingCommentOf,
  ticketUsers,
  userRefId,
  zendeskMetricSet,
  zendeskRating,
  zendeskTicket,
  zendeskUser,
  type UserRef,
  type ZendeskUserJson,
} from './zendesk-format.js';
import { RatingState } from './ticket-table.js';
import { adminOf } from './account-admin.js';
import { createZendeskAdminHandlers, type ZendeskOAuthClient } from './zendesk-admin-handlers.js';
import { zendeskSurveyResponse } from './zendesk-survey-format.js';

/** API token and OAuth token the simulated account accepts. */
export interface ZendeskCredentials {
  readonly email: string;
  readonly apiToken: string;
  readonly oauthToken?: string;
  /**
   * The role of the user they sign in as (default `admin`). An end-user's credentials are
   * accepted, but only `/users/me` answers them; every other endpoint refuses them with 403.
   */
  readonly role?: ZendeskUserJson['role'];
}

export const DEFAULT_ZENDESK_CREDENTIALS: ZendeskCredentials = {
  email: 'admin@acme.example',
  apiToken: 'zd-api-token',
  oauthToken: 'zd-oauth-token',
};

export interface ZendeskHandlerOptions {
  /** e.g. `https://acme.zendesk.com`; default: any origin (for `serveSimulator`). */
  readonly baseUrl?: string;
  readonly credentials?: ZendeskCredentials;
  /**
   * The export leaves out changes younger than this (clock ms; default 60 000): "data isn't
   * provided for the most recent minute".
   */
  readonly exportLagMs?: number;
  /**
   * Which time `start_time`/`end_time` of the ratings list filter on; default `created_at`.
   * UNSURE in the reference (the filters are prose only).
   */
  readonly ratingsTimeField?: 'created_at' | 'updated_at';
  /**
   * Cursors (the export's and the lists') older than this, in clock ms, are refused with 400;
   * default: they never expire. UNSURE: Zendesk documents neither a lifetime nor the answer to an
   * expired cursor; the answer here is the one it gives an invalid cursor.
   */
  readonly cursorMaxAgeMs?: number;
  /** The OAuth client Connect uses; without it the account has no consent page. */
  readonly oauth?: ZendeskOAuthClient;
  /** The Marketplace app whose public key `/api/v2/apps/{id}/public_key.pem` serves. */
  readonly app?: { readonly appId: number; readonly publicKeyPem: string };
}

const MAX_EXPORT_PAGE = 1000;
const MAX_CURSOR_PAGE = 100;

function dialect(credentials: ZendeskCredentials): VendorDialect {
  return {
    authorize(request) {
      const header = request.headers.get('authorization');
      const basic = basicCredentials(header);
      if (basic) return basic.user === `${credentials.email}/token` && basic.password === credentials.apiToken;
      const bearer = bearerToken(header);
      return bearer !== null && credentials.oauthToken !== undefined && bearer === credentials.oauthToken;
    },
    unauthorized: () => ({ status: 401, body: { error: "Couldn't authenticate you" } }),
    tooManyRequests: () => ({
      status: 429,
      body: { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' },
    }),
    serverError: (status) =>
      status === 503
        ? { error: 'ServiceUnavailable', description: 'The service is temporarily unavailable. Try again later.' }
        : status === 504
          ? { error: 'GatewayTimeout', description: 'The request took too long.' }
          : { error: 'InternalError', description: 'Something went wrong on our side.' },
    limitHeaders: (limit, remaining) => ({
      'x-rate-limit': String(limit),
      'x-rate-limit-remaining': String(remaining),
    }),
    retryAfterOn503: true,
  };
}

const badRequest = (error: string, description: string): RouteResult => ({ status: 400, body: { error, description } });

/**
 * `/users/me` without credentials: Zendesk answers the anonymous user rather than 401. UNSURE:
 * the fields are as public clients show them, not from Zendesk's reference.
 */
const ANONYMOUS_USER = {
  id: null,
  url: null,
  name: 'Anonymous user',
  email: 'invalid@example.com',
  role: 'end-user',
  role_type: null,
  active: true,
  verified: false,
  suspended: false,
  created_at: null,
  updated_at: null,
};

/** Zendesk-looking export cursor: base64 of `<time>.0||<position>|<issued>` (times in seconds). */
function exportCursor(timeSec: number, position: number, issuedSec: number): string {
  return Buffer.from(`${timeSec}.0||${position}|${issuedSec}`).toString('base64');
}

function readExportCursor(text: string): { position: number; issuedSec: number } | null {
  const match = /^(\d+)\.0\|\|(\d+)\|(\d+)$/.exec(Buffer.from(text, 'base64').toString('utf8'));
  return match ? { position: Number(match[2]), issuedSec: Number(match[3]) } : null;
}

/** Creates the Zendesk handlers of an account. */
export function createZendeskHandlers(
  account: SimulatedAccount<'zendesk'>,
  options: ZendeskHandlerOptions = {},
): HttpHandler[] {
  if (account.vendor !== 'zendesk')
    throw new TypeError(`createZendeskHandlers needs a zendesk account, got ${account.vendor}`);
  const state = account.state;
  const gate = account.gate;
  const credentials = options.credentials ?? DEFAULT_ZENDESK_CREDENTIALS;
  const admin = adminOf(account);
  const apiVendor = dialect(credentials);
  // Tokens its OAuth flow issued sign in too, as the user who consented.
  const grantedAgent = (request: Request): number | undefined => {
    const bearer = bearerToken(request.headers.get('authorization'));
    return bearer === null ? undefined : admin.tokens.get(bearer);
  };
  const vendor: VendorDialect = {
    ...apiVendor,
    authorize: (request) => apiVendor.authorize(request) || grantedAgent(request) !== undefined,
  };
  const signedInRole = credentials.role ?? 'admin';
  const roleOf = (request: Request): string | null => {
    const granted = grantedAgent(request);
    if (granted !== undefined) return account.history.agents[granted]?.role ?? null;
    return apiVendor.authorize(request) ? signedInRole : null;
  };
  // `/users/me` also answers a request without credentials (the anonymous user); wrong ones get 401.
  const meVendor: VendorDialect = {
    ...vendor,
    authorize: (request) => request.headers.get('authorization') === null || vendor.authorize(request),
  };
  const origin = options.baseUrl?.replace(/\/+$/, '') ?? '*';
  const lagSec = Math.ceil((options.exportLagMs ?? 60_000) / 1000);
  const ratingsByUpdate = options.ratingsTimeField === 'updated_at';
  const route = (name: string, scopes: readonly string[]): RouteSpec => ({ name: `zendesk.${name}`, scopes, cost: 1 });
  const paths = (path: string): string[] => [`${origin}${path}`, `${origin}${path}.json`];
  const originOf = (url: URL): string => (options.baseUrl ? origin : url.origin);
  const expired = (issuedSec: number): boolean =>
    options.cursorMaxAgeMs !== undefined && (state.nowSec() - issuedSec) * 1000 > options.cursorMaxAgeMs;

  function exportPage(url: URL): RouteResult {
    const log = state.log;
    const nowSec = state.nowSec();
    const horizon = nowSec - lagSec;
    const cursorText = url.searchParams.get('cursor');
    let start: number;
    if (cursorText !== null) {
      const cursor = readExportCursor(cursorText);
      if (cursor === null || cursor.position > log.length || expired(cursor.issuedSec))
        return badRequest('InvalidPaginationParameter', 'cursor is invalid');
      start = cursor.position;
    } else {
      const startTime = intParam(url, 'start_time', NaN);
      if (Number.isNaN(startTime))
        return badRequest('InvalidValue', 'start_time or cursor is required, start_time in Unix seconds');
      if (startTime > nowSec - 60)
        return badRequest('InvalidValue', 'Too recent start_time. Use a start_time older than 1 minute');
      start = log.firstAtOrAfter(startTime);
    }
    const perPage = Math.min(
      MAX_EXPORT_PAGE,
      Math.max(1, intParam(url, 'per_page', MAX_EXPORT_PAGE) || MAX_EXPORT_PAGE),
    );
    const excludeDeleted = url.searchParams.get('exclude_deleted') === 'true';
    const visible = (p: number): boolean => log.timeAt(p) <= horizon;
    const wanted = (p: number): boolean => log.isCurrent(p) && !(excludeDeleted && state.isRemoved(log.ticketAt(p)));
    const found: number[] = [];
    let p = start;
    for (; p < log.length && found.length < perPage && visible(p); p++) if (wanted(p)) found.push(log.ticketAt(p));
    // Step over stale entries so end_of_stream is exact; a stale entry never becomes current again.
    while (p < log.length && visible(p) && !wanted(p)) p++;
    const endOfStream = !(p < log.length && visible(p));
    const base = originOf(url);
    const sideloads = includes(url);
    const cursorAt = (position: number): string =>
      exportCursor(position > 0 ? log.timeAt(position - 1) : 0, position, nowSec);
    const afterCursor = cursorAt(p);
    const next = new URL(`${base}/api/v2/incremental/tickets/cursor.json${url.search}`);
    next.searchParams.delete('start_time');
    next.searchParams.set('cursor', afterCursor);
    const body: Record<string, unknown> = {
      tickets: found.map((i) => zendeskTicket(state, i, base)),
      after_url: next.href,
      after_cursor: afterCursor,
      before_url: found.length > 0 && start > 0 ? withParam(next, 'cursor', cursorAt(start)) : null,
      before_cursor: found.length > 0 && start > 0 ? cursorAt(start) : null,
      end_of_stream: endOfStream,
    };
    if (sideloads.has('metric_sets'))
      body.metric_sets = found.filter((i) => !state.isRemoved(i)).map((i) => zendeskMetricSet(state, i, base));
    if (sideloads.has('users')) body.users = usersOf(found, base);
    return { status: 200, body, page: { key: `export:${start}`, nextKey: endOfStream ? null : `export:${p}` } };
  }

  function usersOf(tickets: readonly number[], base: string): ZendeskUserJson[] {
    const seen = new Map<number, UserRef>();
    for (const i of tickets) for (const user of ticketUsers(state, i)) seen.set(userRefId(state, user), user);
    return [...seen.values()].map((user) => zendeskUser(state, user, base));
  }

  /**
   * One page of a list with Zendesk's two pagination styles: cursor (`page[size]`, `page[after]`,
   * `page[before]` not simulated) when asked for, else offset (`page`, `per_page`).
   */
  function listPage(
    url: URL,
    key: string,
    total: number,
    firstCandidate: number,
    matches: (position: number) => boolean,
    render: (position: number) => unknown,
    cursorOnly = false,
  ): RouteResult {
    const cursorMode = cursorOnly || url.searchParams.has('page[size]') || url.searchParams.has('page[after]');
    if (cursorMode) {
      const size = intParam(url, 'page[size]', MAX_CURSOR_PAGE);
      if (!(size >= 1 && size <= MAX_CURSOR_PAGE))
        return badRequest('InvalidPaginationParameter', `page[size] must be between 1 and ${MAX_CURSOR_PAGE}`);
      const afterText = url.searchParams.get('page[after]');
      let start = firstCandidate;
      if (afterText !== null) {
        const decoded = decodeCursor(afterText, ['p', 't']);
        if (decoded === null || expired(decoded.t))
          return badRequest('InvalidPaginationParameter', 'page[after] is invalid');
        start = Math.max(start, decoded.p);
      }
      const items: unknown[] = [];
      let p = start;
      for (; p < total && items.length < size; p++) if (matches(p)) items.push(render(p));
      while (p < total && !matches(p)) p++;
      const hasMore = p < total;
      const issued = state.nowSec();
      const afterCursor = encodeCursor({ p, t: issued });
      const beforeCursor = encodeCursor({ p: start, t: issued });
      return {
        status: 200,
        body: {
          [key]: items,
          meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
          links: {
            // Paging backwards (`page[before]`) is not simulated; a sync never needs it.
            prev: null,
            next: hasMore ? withParam(url, 'page[after]', afterCursor) : null,
          },
        },
        page: { key: `${key}:${start}`, nextKey: hasMore ? `${key}:${p}` : null },
      };
    }
    const page = intParam(url, 'page', 1);
    const perPage = intParam(url, 'per_page', 100);
    if (!(page >= 1) || !(perPage >= 1 && perPage <= 100))
      return badRequest('InvalidPaginationParameter', 'page and per_page must be positive, per_page at most 100');
    const positions: number[] = [];
    for (let p = firstCandidate; p < total; p++) if (matches(p)) positions.push(p);
    const slice = positions.slice((page - 1) * perPage, page * perPage);
    const hasMore = page * perPage < positions.length;
    return {
      status: 200,
      body: {
        [key]: slice.map(render),
        next_page: hasMore ? withParam(url, 'page', String(page + 1)) : null,
        previous_page: page > 1 ? withParam(url, 'page', String(page - 1)) : null,
        count: positions.length,
      },
      page: {
        key: `${key}:offset:${perPage}:${page}`,
        nextKey: hasMore ? `${key}:offset:${perPage}:${page + 1}` : null,
      },
    };
  }

  const SCORE_FILTERS: Readonly<Record<string, (rating: number, comment: boolean) => boolean>> = {
    offered: (r) => r === RatingState.offered,
    received: (r) => r === RatingState.good || r === RatingState.bad,
    received_with_comment: (r, c) => (r === RatingState.good || r === RatingState.bad) && c,
    received_without_comment: (r, c) => (r === RatingState.good || r === RatingState.bad) && !c,
    good: (r) => r === RatingState.good,
    good_with_comment: (r, c) => r === RatingState.good && c,
    good_without_comment: (r, c) => r === RatingState.good && !c,
    bad: (r) => r === RatingState.bad,
    bad_with_comment: (r, c) => r === RatingState.bad && c,
    bad_without_comment: (r, c) => r === RatingState.bad && !c,
  };

  /**
   * The legacy list. An account on the current CSAT still answers it with its legacy records
   * (none if it never ran legacy CSAT). UNSURE: the reference does not say what Zendesk answers
   * there; the connector takes a 403 or 404 as "no legacy history" too.
   */
  function ratingsPage(url: URL): RouteResult {
    const ratings = state.ratings;
    const startTime = intParam(url, 'start_time', 0);
    const endTime = intParam(url, 'end_time', Infinity);
    if (Number.isNaN(startTime) || Number.isNaN(endTime))
      return badRequest('InvalidValue', 'start_time and end_time are Unix seconds');
    const score = url.searchParams.get('score');
    const scoreFilter = score === null ? null : SCORE_FILTERS[score];
    if (score !== null && scoreFilter === undefined) {
      // `unoffered` tickets have no rating record here, so that filter lists nothing.
      if (score !== 'unoffered') return badRequest('InvalidValue', `score "${score}" is not a valid filter`);
    }
    const base = originOf(url);
    const timeOf = (p: number): number => {
      if (!ratingsByUpdate) return ratings.createdAt(p);
      return Math.max(ratings.createdAt(p), state.table.ratingAnsweredAt[ratings.ticketAt(p)] ?? 0);
    };
    const first = ratingsByUpdate ? 0 : ratings.firstCreatedAtOrAfter(startTime);
    return listPage(
      url,
      'satisfaction_ratings',
      ratings.length,
      first,
      (p) => {
        if (score === 'unoffered') return false;
        const time = timeOf(p);
        if (time < startTime || time > endTime) return false;
        if (!scoreFilter) return true;
        const index = ratings.ticketAt(p);
        return scoreFilter(state.table.rating[index] ?? 0, !!ratingCommentOf(state, index));
      },
      (p) => zendeskRating(state, p, base),
    );
  }

  /**
   * `GET /api/v2/guide/survey_responses`: cursor pages only, filtered by `filter[created_at_start]`
   * / `filter[created_at_end]` (epoch ms, on the response's creation), `filter[subject_zrns]` and
   * `filter[responder_ids]` (comma-separated). `sort=id` is the list's order; `-id` is not simulated.
   */
  function surveyResponsesPage(url: URL): RouteResult {
    const responses = state.responses;
    const from = intParam(url, 'filter[created_at_start]', 0);
    const to = intParam(url, 'filter[created_at_end]', Infinity);
    if (Number.isNaN(from) || Number.isNaN(to))
      return badRequest('InvalidValue', 'filter[created_at_start] and filter[created_at_end] are epoch milliseconds');
    const sort = url.searchParams.get('sort');
    if (sort !== null && sort !== 'id')
      return badRequest('InvalidValue', `sort "${sort}" is not simulated; use sort=id`);
    const listed = (name: string): Set<string> | null => {
      const value = url.searchParams.get(name);
      return value === null ? null : new Set(value.split(',').filter((v) => v !== ''));
    };
    const zrns = listed('filter[subject_zrns]');
    const responders = listed('filter[responder_ids]');
    return listPage(
      url,
      'survey_responses',
      responses.length,
      responses.firstCreatedAtOrAfter(Math.ceil(from / 1000)),
      (p) => {
        const index = responses.ticketAt(p);
        const createdMs = responses.createdAt(p) * 1000;
        if (createdMs < from || createdMs > to) return false;
        if (zrns !== null && !zrns.has(`zen:ticket:${state.ticketId(index)}`)) return false;
        const responder = account.history.requesters.id(state.table.requester[index] ?? 0);
        return responders === null || responders.has(String(responder));
      },
      (p) => zendeskSurveyResponse(state, p),
      true,
    );
  }

  function usersPage(url: URL): RouteResult {
    const agents = account.history.agents;
    const requesters = account.history.requesters;
    const roles = new Set([...url.searchParams.getAll('role'), ...url.searchParams.getAll('role[]')]);
    for (const role of roles)
      if (!['end-user', 'agent', 'admin'].includes(role))
        return badRequest('InvalidValue', `role "${role}" is not one of end-user, agent, admin`);
    const total = agents.length + requesters.count;
    const ref = (p: number): UserRef => (p < agents.length ? { agent: p } : { requester: p - agents.length });
    const roleOf = (p: number): string => (p < agents.length ? (agents[p]?.role ?? 'agent') : 'end-user');
    const onlyEndUsers = roles.size === 1 && roles.has('end-user');
    const base = originOf(url);
    return listPage(
      url,
      'users',
      roles.size > 0 && !roles.has('end-user') ? agents.length : total,
      onlyEndUsers ? agents.length : 0,
      (p) => roles.size === 0 || roles.has(roleOf(p)),
      (p) => zendeskUser(state, ref(p), base),
    );
  }

  /**
   * `GET /api/v2/users/me`: the user the credentials sign in as: the account's agent of that
   * e-mail address and role, else a user of its own (id 10000 for staff, 1000000 for an
   * end-user) with the credentials' address; no credentials, the anonymous user.
   */
  function signedInUser(request: Request): RouteResult {
    if (request.headers.get('authorization') === null) return { status: 200, body: { user: ANONYMOUS_USER } };
    const base = originOf(new URL(request.url));
    const granted = grantedAgent(request);
    if (granted !== undefined) return { status: 200, body: { user: zendeskUser(state, { agent: granted }, base) } };
    const agent = account.history.agents.find((a) => a.email === credentials.email);
    if (agent !== undefined && agent.role === signedInRole) {
      return { status: 200, body: { user: zendeskUser(state, { agent: agent.index }, base) } };
    }
    const id = signedInRole === 'end-user' ? ID_BASE.requester : ID_BASE.agent;
    const since = isoRequired(Math.floor(account.history.from / 1000) - 30 * 86_400);
    const user: ZendeskUserJson = {
      id,
      url: `${base}/api/v2/users/${id}.json`,
      name: signedInRole === 'end-user' ? 'Erin Enduser' : 'Account Owner',
      email: credentials.email,
      role: signedInRole,
      role_type: signedInRole === 'admin' ? 4 : signedInRole === 'agent' ? 0 : null,
      active: true,
      verified: true,
      suspended: false,
      time_zone: account.history.schedule.freshdeskTimeZone,
      iana_time_zone: account.history.schedule.timeZone,
      default_group_id: null,
      organization_id: null,
      created_at: since,
      updated_at: since,
    };
    return { status: 200, body: { user } };
  }

  function showTicket(url: URL, rawId: string): RouteResult {
    const id = Number(rawId.replace(/\.json$/, ''));
    const index = state.indexOf(id);
    if (index < 0 || state.isRemoved(index))
      return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
    const base = originOf(url);
    const body: Record<string, unknown> = { ticket: zendeskTicket(state, index, base) };
    const sideloads = includes(url);
    if (sideloads.has('metric_sets')) body.metric_sets = [zendeskMetricSet(state, index, base)];
    if (sideloads.has('users')) body.users = usersOf([index], base);
    return { status: 200, body };
  }

  /** One rating record by id (a ticket's `satisfaction_rating.id` names it), as `{ satisfaction_rating }`. */
  function showRating(url: URL, rawId: string): RouteResult {
    const text = rawId.replace(/\.json$/, '');
    const position = /^\d+$/.test(text) ? state.ratings.positionOfId(Number(text)) : -1;
    if (position < 0) return { status: 404, body: { error: 'RecordNotFound', description: 'Not found' } };
    return { status: 200, body: { satisfaction_rating: zendeskRating(state, position, originOf(url)) } };
  }

  const exportRoute = route('incremental-tickets', ['account', 'incremental']);
  const ratingsRoute = route('satisfaction-ratings', ['account']);
  const ratingRoute = route('show-satisfaction-rating', ['account']);
  const usersRoute = route('users', ['account']);
  const ticketRoute = route('show-ticket', ['account']);
  const settingsRoute = route('account-settings', ['account']);
  const surveyResponsesRoute = route('survey-responses', ['account']);
  const meRoute = route('users-me', ['account']);
  // UNSURE: that settings' `customer_satisfaction` means legacy CSAT and turns off on a switch.
  const legacyCsatOn = state.csatSwitchSec === Number.POSITIVE_INFINITY;
  // An end-user's credentials sign in, but reach nothing an agent's would.
  const staff = (request: Request, spec: RouteSpec, produce: () => RouteResult): Promise<Response> =>
    gate.handle(request, vendor, spec, () => (signedInRole === 'end-user' ? ZENDESK_FORBIDDEN : produce()));
  const handlers: HttpHandler[] = [
    ...paths('/api/v2/incremental/tickets/cursor').map((path) =>
      http.get(path, ({ request }) => staff(request, exportRoute, () => exportPage(new URL(request.url)))),
    ),
    ...paths('/api/v2/satisfaction_ratings').map((path) =>
      http.get(path, ({ request }) => staff(request, ratingsRoute, () => ratingsPage(new URL(request.url)))),
    ),
    http.get(`${origin}/api/v2/satisfaction_ratings/:id`, ({ request, params }) =>
      staff(request, ratingRoute, () => showRating(new URL(request.url), String(params.id))),
    ),
    ...paths('/api/v2/users').map((path) =>
      http.get(path, ({ request }) => staff(request, usersRoute, () => usersPage(new URL(request.url)))),
    ),
    http.get(`${origin}/api/v2/tickets/:id`, ({ request, params }) =>
      staff(request, ticketRoute, () => showTicket(new URL(request.url), String(params.id))),
    ),
    ...paths('/api/v2/account/settings').map((path) =>
      http.get(path, ({ request }) =>
        staff(request, settingsRoute, () => ({
          status: 200,
          body: { settings: { active_features: { customer_satisfaction: legacyCsatOn } } },
        })),
      ),
    ),
    // On a legacy account the list is empty. UNSURE: Zendesk may refuse it there instead.
    ...paths('/api/v2/guide/survey_responses').map((path) =>
      http.get(path, ({ request }) =>
        staff(request, surveyResponsesRoute, () => surveyResponsesPage(new URL(request.url))),
      ),
    ),
  ];
  const me = paths('/api/v2/users/me').map((path) =>
    http.get(path, ({ request }) => gate.handle(request, meVendor, meRoute, () => signedInUser(request))),
  );
  const setup = createZendeskAdminHandlers(account, {
    origin,
    vendor,
    roleOf,
    route: (name) => route(name, ['account']),
    ...(options.oauth === undefined ? {} : { oauth: options.oauth }),
    ...(options.app === undefined ? {} : { app: options.app }),
  });
  return [...handlers, ...me, ...setup];
}
