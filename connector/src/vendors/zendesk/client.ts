import { createZendeskSetup } from './setup.js';
import type { Agent } from '@frontline/kpi';
import type { ClientHttpOptions } from '../http/client-http-options.js';
import { checkAccess, DEFAULT_CHECK_TIMEOUT_MS } from '../check-access.js';
import { basicAuthorization } from '../http/basic-authorization.js';
import { decodeCursor, encodeCursor } from '../http/opaque-cursor.js';
import { queryString } from '../http/query-string.js';
import { RateBudget } from '../http/rate-budget.js';
import { readPayload } from '../http/read-payload.js';
import { createVendorHttp } from '../http/vendor-http.js';
import type { StreamStart, SyncedTicket, TicketPage, TicketRefresh, VendorClient } from '../vendor-client.js';
import { getZendeskCursorPage } from './client-cursor-page.js';
import type { ZendeskCsatMode } from './client-csat-mode.js';
import { createZendeskRatingReader } from './client-ratings.js';
import { zendeskTicketCursorSchema, type ZendeskTicketCursor } from './client-cursors.js';
import { cursorMeta, fieldsOf } from './cursor-meta.js';
import { zendeskMarketplaceHeaders, type ZendeskMarketplaceApp } from './marketplace.js';
import { readZendeskSignedInUser } from './signed-in-user.js';
import {
  normalizeZendeskShownTicket,
  normalizeZendeskTicketPage,
  normalizeZendeskUserPage,
  zendeskTicketChangeTimes,
  type ZendeskShownTicket,
} from './normalize.js';

const INCREMENTAL_TICKETS = '/api/v2/incremental/tickets/cursor.json';
const USERS = '/api/v2/users';
const TICKET = '/api/v2/tickets/{id}.json';
const ME = '/api/v2/users/me.json';

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
  /**
   * The CSAT the account ran at its last sync. A webhook refresh trusts it rather than asking the
   * account again (one or two calls per refreshed ticket); the sync itself always asks.
   */
  readonly csatMode?: ZendeskCsatMode;
}

function authorization(credentials: ZendeskCredentials): string {
  return credentials.kind === 'zendesk-token'
    ? basicAuthorization(`${credentials.email}/token`, credentials.token)
    : `Bearer ${credentials.accessToken}`;
}

const seconds = (ms: number): number => Math.max(0, Math.floor(ms / 1000));

/**
 * A {@link VendorClient} for one Zendesk account: tickets from the cursor-based incremental export
 * with their metric sets and users sideloaded (so reply counts come with them), CSAT (legacy
 * ratings, current survey responses: see client-ratings.ts), and agents; a refresh reads one
 * ticket and its ratings. Zendesk computes business minutes itself, so there is no schedule to read.
 * The access check reads the signed-in user (`/users/me`), who must be an agent or admin.
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
  const csat = createZendeskRatingReader({ http, tenant, onUnknownValue: reportUnknown, knownMode: options.csatMode });

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
      subject: content.subjects[i] ?? null,
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

  async function ticket(ticketId: string): Promise<TicketRefresh | null> {
    const shown = await showTicket(ticketId, 'metric_sets,users');
    if (shown === null) return null;
    shown.unknownValues.forEach(reportUnknown);
    const ratings = await csat.ticketRatings(ticketId, shown.ratingId);
    return {
      synced: { ticket: shown.ticket, updatedAt: shown.updatedAt, repliesKnown: true, subject: shown.subject },
      ratings,
      agents: shown.agents,
      requesters: shown.requesters,
    };
  }

  return {
    vendor: 'zendesk',
    checkAccess: () =>
      checkAccess({
        http,
        helpdesk: 'Zendesk',
        baseUrl: options.baseUrl,
        request: { url: ME, endpoint: ME },
        timeoutMs: options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
        read: readZendeskSignedInUser,
      }),
    ratingsIncludeUnanswered: csat.ratingsIncludeUnanswered,
    needsReplyCounts: false,
    ticketsChangedSince,
    ratingsSince: csat.ratingsSince,
    agents,
    businessSchedule: async () => null,
    // Never needed (the export carries `replies`); answered from the ticket for completeness.
    replies: async (ticketId) => {
      const shown = await showTicket(ticketId, 'metric_sets');
      return { count: shown?.ticket.publicReplies ?? 0, firstAt: shown?.ticket.firstReplyAt ?? null };
    },
    ticket,
    setup: createZendeskSetup(http, { revocable: options.credentials.kind === 'zendesk-oauth' }),
  };
}
