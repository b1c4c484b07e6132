import type { Agent, Rating } from '@frontline/kpi';
import type { ClientHttpOptions } from '../http/client-http-options.js';
import { basicAuthorization } from '../http/basic-authorization.js';
import { decodeCursor, encodeCursor } from '../http/opaque-cursor.js';
import { queryString } from '../http/query-string.js';
import { RateBudget } from '../http/rate-budget.js';
import { readPayload } from '../http/read-payload.js';
import { createVendorHttp } from '../http/vendor-http.js';
import type { Page, StreamStart, SyncedTicket, TicketPage, TicketRefresh, VendorClient } from '../vendor-client.js';
import { VendorUnsupportedError } from '../vendor-unsupported-error.js';
import { detectZendeskCsatMode, type ZendeskCsatMode } from './client-csat-mode.js';
import { getZendeskCursorPage } from './client-cursor-page.js';
import { zendeskMarketplaceHeaders, type ZendeskMarketplaceApp } from './marketplace.js';
import {
  zendeskRatingCursorSchema,
  zendeskTicketCursorSchema,
  type ZendeskRatingCursor,
  type ZendeskTicketCursor,
} from './client-cursors.js';
import {
  normalizeZendeskRatingPage,
  normalizeZendeskShownRating,
  normalizeZendeskShownTicket,
  zendeskRatingCreatedTimes,
  normalizeZendeskTicketPage,
  normalizeZendeskUserPage,
  zendeskTicketChangeTimes,
  type ZendeskShownTicket,
} from './normalize.js';

const INCREMENTAL_TICKETS = '/api/v2/incremental/tickets/cursor.json';
const SATISFACTION_RATINGS = '/api/v2/satisfaction_ratings';
const USERS = '/api/v2/users';
const TICKET = '/api/v2/tickets/{id}.json';
const SATISFACTION_RATING = '/api/v2/satisfaction_ratings/{id}.json';

/** Team plan; the `X-Rate-Limit` header of the first answer corrects it. */
const DEFAULT_PLAN_LIMIT = 200;
/** The incremental exports allow 10 requests a minute whatever the plan. */
const INCREMENTAL_LIMIT = 10;
/** The export leaves out the most recent minute; an earlier `start_time` is refused. */
const EXPORT_LAG_MS = 60_000;
const PAGE_SIZE = '100';

/** An API token (Basic `email/token`) or an OAuth access token (Bearer). */
export type ZendeskCredentials =
  | { readonly kind: 'zendesk-token'; readonly email: string; readonly token: string }
  | { readonly kind: 'zendesk-oauth'; readonly accessToken: string };

export interface ZendeskClientOptions extends ClientHttpOptions {
  /** The tenant's name, for error messages. */
  readonly tenant: string;
  /** `https://acme.zendesk.com`, or a compatible server. */
  readonly baseUrl: string;
  readonly credentials: ZendeskCredentials;
  /** Requests per minute of the account's plan (Team 200, Growth/Professional 400, Enterprise 700). */
  readonly planLimitPerMinute?: number;
  /** The Marketplace app Frontline runs as, named in every request's headers; `null` (default) for a private app. */
  readonly marketplace?: ZendeskMarketplaceApp | null;
}

function authorization(credentials: ZendeskCredentials): string {
  return credentials.kind === 'zendesk-token'
    ? basicAuthorization(`${credentials.email}/token`, credentials.token)
    : `Bearer ${credentials.accessToken}`;
}

/** The fields of a response body object, or none. */
function fieldsOf(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

/** `meta.has_more` and `meta.after_cursor` of Zendesk's cursor pagination. */
function cursorMeta(body: unknown): { hasMore: boolean; after: string | null } {
  const meta = fieldsOf(fieldsOf(body).meta);
  return {
    hasMore: meta.has_more === true,
    after: typeof meta.after_cursor === 'string' && meta.after_cursor !== '' ? meta.after_cursor : null,
  };
}

const seconds = (ms: number): number => Math.max(0, Math.floor(ms / 1000));

/**
 * A {@link VendorClient} for one Zendesk account: tickets from the cursor-based incremental export
 * with their metric sets and users sideloaded (so reply counts come with them), legacy CSAT
 * ratings, and agents; a refresh reads one ticket and the rating record it names. Zendesk computes
 * business minutes itself, so there is no schedule to read.
 */
export function createZendeskClient(options: ZendeskClientOptions): VendorClient {
  const { tenant, clock } = options;
  const budget =
    options.rateBudget ??
    new RateBudget({
      clock,
      limitPerMinute: options.planLimitPerMinute ?? DEFAULT_PLAN_LIMIT,
      endpointLimits: { [INCREMENTAL_TICKETS]: INCREMENTAL_LIMIT },
      ...(options.ledger ? { ledger: options.ledger } : {}),
    });
  const http = createVendorHttp({
    tenant,
    baseUrl: options.baseUrl,
    authHeaders: { Authorization: authorization(options.credentials) },
    headers: zendeskMarketplaceHeaders(options.marketplace ?? null),
    clock,
    budget,
    timeoutMs: options.timeoutMs,
    observer: options.observer,
    retry: options.retry,
  });

  const reportUnknown = options.onUnknownValue ?? (() => {});

  let csatMode: Promise<ZendeskCsatMode> | null = null;
  const requireLegacyCsat = async (): Promise<void> => {
    csatMode ??= detectZendeskCsatMode(http).catch((error: unknown) => {
      csatMode = null;
      throw error;
    });
    if ((await csatMode) === 'survey-responses') {
      throw new VendorUnsupportedError(
        `${tenant} collects CSAT with Zendesk's newer survey responses, and survey-response CSAT is not supported yet: ` +
          'only legacy CSAT (satisfaction ratings) can be synced',
      );
    }
  };

  async function ticketsChangedSince(start: StreamStart): Promise<TicketPage> {
    const position: ZendeskTicketCursor =
      'since' in start
        ? { startTime: seconds(Math.min(start.since, clock.now() - EXPORT_LAG_MS)) }
        : decodeCursor(start.cursor, zendeskTicketCursorSchema, 'Zendesk ticket');
    const where: [string, string] =
      'after' in position ? ['cursor', position.after] : ['start_time', String(position.startTime)];
    const { body } = await getZendeskCursorPage(
      http,
      {
        url: `${INCREMENTAL_TICKETS}${queryString([['include', 'metric_sets,users'], where])}`,
        endpoint: INCREMENTAL_TICKETS,
      },
      'after' in position ? position.after : null,
    );
    const { content, times } = readPayload(tenant, INCREMENTAL_TICKETS, () => ({
      content: normalizeZendeskTicketPage(body),
      times: zendeskTicketChangeTimes(body),
    }));
    content.unknownValues.forEach(reportUnknown);
    const items: SyncedTicket[] = content.tickets.map((ticket, i) => ({
      ticket,
      updatedAt: times[i] ?? ticket.createdAt,
      repliesKnown: true,
    }));
    const fields = fieldsOf(body);
    const after = typeof fields.after_cursor === 'string' && fields.after_cursor !== '' ? fields.after_cursor : null;
    const next: ZendeskTicketCursor = after === null ? position : { after };
    return {
      items,
      agents: content.agents,
      requesters: content.requesters,
      cursor: encodeCursor(next),
      done: fields.end_of_stream === true,
      reachedTime: items.at(-1)?.updatedAt ?? null,
    };
  }

  async function ratingsSince(start: StreamStart): Promise<Page<Rating>> {
    await requireLegacyCsat();
    const position: ZendeskRatingCursor =
      'since' in start
        ? { startTime: seconds(start.since), after: null }
        : decodeCursor(start.cursor, zendeskRatingCursorSchema, 'Zendesk rating');
    const params: [string, string][] = [
      ['start_time', String(position.startTime)],
      ['page[size]', PAGE_SIZE],
    ];
    if (position.after !== null) params.push(['page[after]', position.after]);
    const { body } = await getZendeskCursorPage(
      http,
      { url: `${SATISFACTION_RATINGS}${queryString(params)}`, endpoint: SATISFACTION_RATINGS },
      position.after,
    );
    const { items, created } = readPayload(tenant, SATISFACTION_RATINGS, () => ({
      items: normalizeZendeskRatingPage(body),
      created: zendeskRatingCreatedTimes(body),
    }));
    const meta = cursorMeta(body);
    return {
      items,
      cursor: encodeCursor({ startTime: position.startTime, after: meta.after ?? position.after }),
      done: !meta.hasMore,
      // The list runs by creation time; a rating's `at` is when it was answered, often later.
      reachedTime: created.at(-1) ?? null,
    };
  }

  async function agents(): Promise<Agent[]> {
    const found: Agent[] = [];
    let after: string | null = null;
    for (;;) {
      const params: [string, string][] = [
        ['role[]', 'agent'],
        ['role[]', 'admin'],
        ['page[size]', PAGE_SIZE],
      ];
      if (after !== null) params.push(['page[after]', after]);
      const { body } = await http.get({ url: `${USERS}${queryString(params)}`, endpoint: USERS });
      const page = readPayload(tenant, USERS, () => normalizeZendeskUserPage(body));
      page.unknownValues.forEach(reportUnknown);
      found.push(...page.agents);
      const meta = cursorMeta(body);
      if (!meta.hasMore || meta.after === null || meta.after === after) return found;
      after = meta.after;
    }
  }

  /** The single-ticket answer with the given sideloads; `null` when the ticket is gone. */
  async function showTicket(ticketId: string, include: string): Promise<ZendeskShownTicket | null> {
    const url = `${TICKET.replace('{id}', encodeURIComponent(ticketId))}${queryString([['include', include]])}`;
    const response = await http.get({ url, endpoint: TICKET, accept: [404] });
    if (response.status === 404) return null;
    return readPayload(tenant, TICKET, () => normalizeZendeskShownTicket(response.body));
  }

  /** One rating record by id; none when it is gone or was never offered. */
  async function showRating(ratingId: string): Promise<Rating[]> {
    const url = SATISFACTION_RATING.replace('{id}', encodeURIComponent(ratingId));
    const response = await http.get({ url, endpoint: SATISFACTION_RATING, accept: [404] });
    if (response.status === 404) return [];
    const rating = readPayload(tenant, SATISFACTION_RATING, () => normalizeZendeskShownRating(response.body));
    return rating === null ? [] : [rating];
  }

  async function ticket(ticketId: string): Promise<TicketRefresh | null> {
    const shown = await showTicket(ticketId, 'metric_sets,users');
    if (shown === null) return null;
    shown.unknownValues.forEach(reportUnknown);
    // The ticket names its one rating record, whose agent and times the ticket does not carry.
    const ratings = shown.ratingId === null ? [] : await showRating(shown.ratingId);
    return {
      synced: { ticket: shown.ticket, updatedAt: shown.updatedAt, repliesKnown: true },
      ratings,
      agents: shown.agents,
      requesters: shown.requesters,
    };
  }

  return {
    vendor: 'zendesk',
    ratingsIncludeUnanswered: true,
    needsReplyCounts: false,
    ticketsChangedSince,
    ratingsSince,
    agents,
    businessSchedule: async () => null,
    // Never needed (the export carries `replies`); answered from the ticket for completeness.
    replies: async (ticketId) => {
      const shown = await showTicket(ticketId, 'metric_sets');
      return { count: shown?.ticket.publicReplies ?? 0, firstAt: shown?.ticket.firstReplyAt ?? null };
    },
    ticket,
  };
}
