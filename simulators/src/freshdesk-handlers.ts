/**
 * msw handlers that play the Freshdesk API v2 of one simulated account: tickets (list with
 * `updated_since`, ordering, includes and the 300-page cap; single), conversations, satisfaction
 * ratings (all, and one ticket's), agents (all, and the key's own: `/agents/me`) and business
 * hours. Behaviour follows shared/reference/freshdesk.md §3.
 */
import { createFreshdeskAdminHandlers } from './freshdesk-admin-handlers.js';
import { http, type HttpHandler } from 'msw';
import type { SimulatedAccount } from './account.js';
import {
  freshdeskAgent,
  freshdeskBusinessHours,
  freshdeskConversations,
  freshdeskRating,
  freshdeskStatusCode,
  freshdeskTicket,
  type FreshdeskIncludes,
} from './freshdesk-format.js';
import { basicCredentials, includes, intParam, withParam } from './http-util.js';
import { parseIsoTime } from './iso-time.js';
import type { RouteResult, RouteSpec, VendorDialect } from './request-gate.js';
import { TicketFlag } from './ticket-table.js';

export const DEFAULT_FRESHDESK_API_KEY = 'fd-api-key';

export interface FreshdeskHandlerOptions {
  /** A second key the account takes, an agent's: it reads tickets but may not change automations. */
  readonly agentApiKey?: string;
  /** e.g. `https://acme.freshdesk.com`; default: any origin (for `serveSimulator`). */
  readonly baseUrl?: string;
  readonly apiKey?: string;
  /** Extra credits per `include` value (default 2, per Freshdesk's docs as transcribed; UNSURE). */
  readonly includeCredits?: number;
}

/** Freshdesk refuses list pages past this one. */
export const FRESHDESK_MAX_PAGE = 300;
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;
/** Without `updated_since`, the list only has tickets created in the last 30 days. */
const DEFAULT_WINDOW_SEC = 30 * 86_400;
const TICKET_INCLUDES = ['stats', 'requester', 'description', 'company'];
const ORDER_BY = ['created_at', 'due_by', 'updated_at', 'status'];

function dialect(apiKey: string): VendorDialect {
  return {
    authorize(request) {
      const basic = basicCredentials(request.headers.get('authorization'));
      return basic !== null && basic.user === apiKey;
    },
    unauthorized: () => ({
      status: 401,
      body: { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' },
    }),
    tooManyRequests: (seconds) => ({
      status: 429,
      body: {
        code: 'too_many_requests',
        message: `You have exceeded the limit of requests per minute. Retry after ${seconds} seconds.`,
      },
    }),
    serverError: (status) => ({
      description:
        status === 503 ? 'Service unavailable' : status === 504 ? 'Gateway timeout' : 'Internal server error',
      errors: [],
    }),
    limitHeaders: (limit, remaining, cost) => ({
      'x-ratelimit-total': String(limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-used-currentrequest': String(cost),
    }),
    retryAfterOn503: false,
  };
}

/** A Freshdesk validation error (400). */
function invalid(field: string, message: string, code = 'invalid_value'): RouteResult {
  return { status: 400, body: { description: 'Validation failed', errors: [{ field, message, code }] } };
}

const notFound = (): RouteResult => ({
  status: 404,
  body: { code: 'not_found', message: 'The requested resource was not found.' },
});

/** `page` and `per_page`, or the validation error. */
function paging(url: URL): { page: number; perPage: number } | RouteResult {
  const page = intParam(url, 'page', 1);
  const perPage = intParam(url, 'per_page', DEFAULT_PER_PAGE);
  if (!(page >= 1)) return invalid('page', 'It should be a Positive Integer');
  if (!(perPage >= 1 && perPage <= MAX_PER_PAGE))
    return invalid('per_page', `It should be a Positive Integer less than or equal to ${MAX_PER_PAGE}`);
  return { page, perPage };
}

/** A page of an array, with the `Link: <…>; rel="next"` header when more follow. */
function arrayPage(url: URL, items: unknown[], hasMore: boolean, page: number, key: string): RouteResult {
  const headers: Record<string, string> = {};
  if (hasMore) headers.link = `<${withParam(url, 'page', String(page + 1))}>; rel="next"`;
  const query = new URL(url.href);
  query.searchParams.delete('page');
  const base = `${key}:${query.search}`;
  return {
    status: 200,
    body: items,
    headers,
    page: { key: `${base}:${page}`, nextKey: hasMore ? `${base}:${page + 1}` : null },
  };
}

/** Creates the Freshdesk handlers of an account. */
export function createFreshdeskHandlers(
  account: SimulatedAccount<'freshdesk'>,
  options: FreshdeskHandlerOptions = {},
): HttpHandler[] {
  if (account.vendor !== 'freshdesk')
    throw new TypeError(`createFreshdeskHandlers needs a freshdesk account, got ${account.vendor}`);
  const state = account.state;
  const gate = account.gate;
  const adminVendor = dialect(options.apiKey ?? DEFAULT_FRESHDESK_API_KEY);
  const agentVendor = options.agentApiKey === undefined ? null : dialect(options.agentApiKey);
  const vendor: VendorDialect = {
    ...adminVendor,
    authorize: (request) => adminVendor.authorize(request) || (agentVendor?.authorize(request) ?? false),
  };
  const origin = options.baseUrl?.replace(/\/+$/, '') ?? '*';
  const includeCredits = options.includeCredits ?? 2;
  const t = state.table;

  function includeOf(url: URL): FreshdeskIncludes | RouteResult {
    const values = includes(url);
    for (const value of values) {
      if (!TICKET_INCLUDES.includes(value))
        return invalid('include', `It should be one of these values: '${TICKET_INCLUDES.join(',')}'`);
    }
    return { stats: values.has('stats'), requester: values.has('requester'), description: values.has('description') };
  }

  const isResult = (value: unknown): value is RouteResult =>
    typeof value === 'object' && value !== null && 'status' in value && 'body' in value;

  function listTickets(url: URL): RouteResult {
    const pages = paging(url);
    if (isResult(pages)) return pages;
    const { page, perPage } = pages;
    if (page > FRESHDESK_MAX_PAGE) {
      return invalid(
        'page',
        `You cannot access tickets beyond the ${FRESHDESK_MAX_PAGE}th page. Please provide a smaller page number.`,
      );
    }
    const include = includeOf(url);
    if (isResult(include)) return include;
    const orderBy = url.searchParams.get('order_by') ?? 'created_at';
    if (!ORDER_BY.includes(orderBy))
      return invalid('order_by', `It should be one of these values: '${ORDER_BY.join(',')}'`);
    const orderType = url.searchParams.get('order_type') ?? 'desc';
    if (orderType !== 'asc' && orderType !== 'desc')
      return invalid('order_type', "It should be one of these values: 'asc,desc'");
    const sinceText = url.searchParams.get('updated_since');
    let since = -1;
    if (sinceText !== null) {
      const ms = parseIsoTime(sinceText);
      if (Number.isNaN(ms)) return invalid('updated_since', "It should be in the 'valid date time' format");
      since = Math.floor(ms / 1000) + (ms % 1000 > 0 ? 1 : 0);
    }
    const filter = url.searchParams.get('filter');
    if (filter !== null && !['new_and_my_open', 'watching', 'spam', 'deleted'].includes(filter)) {
      return invalid('filter', "It should be one of these values: 'new_and_my_open,watching,spam,deleted'");
    }
    // Deleted and spam tickets only show up under their own filter; other filters are not simulated.
    const createdFloor = since < 0 ? state.nowSec() - DEFAULT_WINDOW_SEC : -1;
    const matches = (i: number): boolean => {
      if (filter === 'deleted') {
        if (!t.hasFlag(i, TicketFlag.deleted)) return false;
      } else if (filter === 'spam') {
        if (!t.hasFlag(i, TicketFlag.spam) || t.hasFlag(i, TicketFlag.deleted)) return false;
      } else if (state.isRemoved(i)) return false;
      if (since >= 0 && (t.updatedAt[i] ?? 0) < since) return false;
      return (t.createdAt[i] ?? 0) >= createdFloor;
    };
    const skip = (page - 1) * perPage;
    const found: number[] = [];
    const visit = (i: number): boolean => {
      if (!matches(i)) return true;
      found.push(i);
      return found.length <= skip + perPage;
    };
    const count = t.count;
    if (orderBy === 'updated_at') {
      const log = state.log;
      if (orderType === 'asc') {
        for (let p = since >= 0 ? log.firstAtOrAfter(since) : 0; p < log.length; p++)
          if (log.isCurrent(p) && !visit(log.ticketAt(p))) break;
      } else {
        for (let p = log.length - 1; p >= 0; p--) if (log.isCurrent(p) && !visit(log.ticketAt(p))) break;
      }
    } else if (orderBy === 'created_at') {
      if (orderType === 'asc') {
        for (let i = 0; i < count; i++) if (!visit(i)) break;
      } else {
        // Tickets are stored in creation order, so the 30-day window ends the scan early.
        for (let i = count - 1; i >= 0 && (t.createdAt[i] ?? 0) >= createdFloor; i--) if (!visit(i)) break;
      }
    } else {
      const all: number[] = [];
      for (let i = 0; i < count; i++) if (matches(i)) all.push(i);
      const key = (i: number): number =>
        orderBy === 'status'
          ? freshdeskStatusCode(state, i)
          : (t.createdAt[i] ?? 0) + (72 - 16 * (t.priority[i] ?? 1)) * 3600;
      all.sort((a, b) => (orderType === 'asc' ? key(a) - key(b) || a - b : key(b) - key(a) || b - a));
      found.push(...all.slice(0, skip + perPage + 1));
    }
    const pageItems = found.slice(skip, skip + perPage);
    return arrayPage(
      url,
      pageItems.map((i) => freshdeskTicket(state, i, include)),
      found.length > skip + perPage,
      page,
      'tickets',
    );
  }

  function ticketIndex(rawId: string): number {
    return /^\d+$/.test(rawId) ? state.indexOf(Number(rawId)) : -1;
  }

  function viewTicket(url: URL, rawId: string): RouteResult {
    const index = ticketIndex(rawId);
    if (index < 0) return notFound();
    const values = includes(url);
    const include = includeOf(
      new URL(withParam(url, 'include', [...values].filter((v) => v !== 'conversations').join(','))),
    );
    if (isResult(include)) return include;
    const ticket: Record<string, unknown> = { ...freshdeskTicket(state, index, include) };
    if (values.has('conversations'))
      ticket.conversations = freshdeskConversations(state, index, supportEmail(url)).slice(0, 10);
    return { status: 200, body: ticket };
  }

  function supportEmail(url: URL): string {
    return `support@${options.baseUrl ? new URL(origin).hostname : url.hostname}`;
  }

  function conversations(url: URL, rawId: string): RouteResult {
    const index = ticketIndex(rawId);
    if (index < 0) return notFound();
    const pages = paging(url);
    if (isResult(pages)) return pages;
    const all = freshdeskConversations(state, index, supportEmail(url));
    const start = (pages.page - 1) * pages.perPage;
    return arrayPage(
      url,
      all.slice(start, start + pages.perPage),
      all.length > start + pages.perPage,
      pages.page,
      `conversations:${rawId}`,
    );
  }

  function ratings(url: URL): RouteResult {
    const pages = paging(url);
    if (isResult(pages)) return pages;
    const sinceText = url.searchParams.get('created_since');
    let first = 0;
    if (sinceText !== null) {
      const ms = parseIsoTime(sinceText);
      if (Number.isNaN(ms)) return invalid('created_since', "It should be in the 'valid date time' format");
      first = state.ratings.firstCreatedAtOrAfter(Math.ceil(ms / 1000));
    }
    const start = first + (pages.page - 1) * pages.perPage;
    const end = Math.min(state.ratings.length, start + pages.perPage);
    const items = [];
    for (let p = start; p < end; p++) items.push(freshdeskRating(state, p));
    return arrayPage(url, items, state.ratings.length > end, pages.page, 'ratings');
  }

  /**
   * `GET /api/v2/tickets/<id>/satisfaction_ratings`: the ticket's answered surveys (at most one
   * here). UNSURE: whether it pages; served as the other lists are, so a client that follows Link
   * headers reads it either way.
   */
  function ticketRatings(url: URL, rawId: string): RouteResult {
    const index = ticketIndex(rawId);
    if (index < 0) return notFound();
    const pages = paging(url);
    if (isResult(pages)) return pages;
    const position = state.ratings.positionOf(index);
    const all = position < 0 ? [] : [freshdeskRating(state, position)];
    const start = (pages.page - 1) * pages.perPage;
    return arrayPage(
      url,
      all.slice(start, start + pages.perPage),
      all.length > start + pages.perPage,
      pages.page,
      `ticket-ratings:${rawId}`,
    );
  }

  function agents(url: URL): RouteResult {
    const pages = paging(url);
    if (isResult(pages)) return pages;
    const all = account.history.agents;
    const start = (pages.page - 1) * pages.perPage;
    const slice = all.slice(start, start + pages.perPage).map((agent) => freshdeskAgent(state, agent.index));
    return arrayPage(url, slice, all.length > start + pages.perPage, pages.page, 'agents');
  }

  const route = (name: string, scopes: readonly string[], cost = 1): RouteSpec => ({
    name: `freshdesk.${name}`,
    scopes,
    cost,
  });
  const costOf = (url: URL): number => 1 + includeCredits * [...includes(url)].filter((v) => v !== 'company').length;
  const setup = createFreshdeskAdminHandlers(account, {
    origin,
    vendor,
    // The account's key is its admin's; `agentApiKey` signs in as an agent, whom automations refuse.
    isAdmin: (request) => basicCredentials(request.headers.get('authorization'))?.user !== options.agentApiKey,
    route: (name) => route(name, ['account']),
  });
  return [
    ...setup,
    http.get(`${origin}/api/v2/tickets`, ({ request }) => {
      const url = new URL(request.url);
      return gate.handle(request, vendor, route('list-tickets', ['account', 'tickets-list'], costOf(url)), () =>
        listTickets(url),
      );
    }),
    http.get(`${origin}/api/v2/tickets/:id`, ({ request, params }) => {
      const url = new URL(request.url);
      return gate.handle(request, vendor, route('view-ticket', ['account'], costOf(url)), () =>
        viewTicket(url, String(params.id)),
      );
    }),
    http.get(`${origin}/api/v2/tickets/:id/conversations`, ({ request, params }) =>
      gate.handle(request, vendor, route('conversations', ['account']), () =>
        conversations(new URL(request.url), String(params.id)),
      ),
    ),
    http.get(`${origin}/api/v2/tickets/:id/satisfaction_ratings`, ({ request, params }) =>
      gate.handle(request, vendor, route('ticket-satisfaction-ratings', ['account']), () =>
        ticketRatings(new URL(request.url), String(params.id)),
      ),
    ),
    http.get(`${origin}/api/v2/surveys/satisfaction_ratings`, ({ request }) =>
      gate.handle(request, vendor, route('satisfaction-ratings', ['account']), () => ratings(new URL(request.url))),
    ),
    http.get(`${origin}/api/v2/agents`, ({ request }) =>
      gate.handle(request, vendor, route('agents', ['account']), () => agents(new URL(request.url))),
    ),
    // The agent the API key belongs to: the account's first agent, its admin.
    http.get(`${origin}/api/v2/agents/me`, ({ request }) =>
      gate.handle(request, vendor, route('agents-me', ['account']), () => ({
        status: 200,
        body: freshdeskAgent(state, 0),
      })),
    ),
    http.get(`${origin}/api/v2/business_hours`, ({ request }) =>
      gate.handle(request, vendor, route('business-hours', ['account']), () => ({
        status: 200,
        body: freshdeskBusinessHours(state),
      })),
    ),
  ];
}
