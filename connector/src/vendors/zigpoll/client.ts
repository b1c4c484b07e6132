import type { SurveyAnswer } from '@frontline/kpi';
import { z } from 'zod';
import type { ClientHttpOptions } from '../http/client-http-options.js';
import { decodeCursor, encodeCursor } from '../http/opaque-cursor.js';
import { queryString } from '../http/query-string.js';
import { RateBudget } from '../http/rate-budget.js';
import { readPayload } from '../http/read-payload.js';
import { createVendorHttp } from '../http/vendor-http.js';
import type { Page, StreamStart } from '../vendor-client.js';
import { normalizeZigpollResponsePage } from './normalize.js';

const RESPONSES = '/responses';
/** UNSURE: the API host as Zigpoll's integrations use it. */
const DEFAULT_BASE_URL = 'https://v1.zigpoll.com';
/** UNSURE: Zigpoll publishes no rate limit; a request a second stays clear of any sensible one. */
const DEFAULT_LIMIT_PER_MINUTE = 60;
const DEFAULT_PAGE_SIZE = 100;

/** Where the responses list stands: Zigpoll's `endCursor`, and the time before which answers are skipped. */
const zigpollCursorSchema = z.object({ after: z.string().min(1).nullable(), since: z.number() });
type ZigpollCursor = z.infer<typeof zigpollCursorSchema>;

export interface ZigpollClientOptions extends ClientHttpOptions {
  readonly apiKey: string;
  readonly accountId: string;
  readonly baseUrl?: string;
  /** Names the account in error messages; `Zigpoll account <accountId>` by default. */
  readonly tenant?: string;
  readonly limitPerMinute?: number;
  /** Responses per page (`limit`). */
  readonly pageSize?: number;
}

/** Pulse-survey answers (NPS, CES) of one Zigpoll account, page by page. */
export interface ZigpollClient {
  /** Answers since the start, one page per call; `done` when Zigpoll has no next page. */
  answersSince(start: StreamStart): Promise<Page<SurveyAnswer>>;
}

/**
 * A {@link ZigpollClient} over `GET /responses` (`data`, `hasNextPage`, `endCursor`). Zigpoll
 * takes the API key as the whole `Authorization` header. UNSURE: the list has no time filter we
 * know of, so a first call reads from the beginning and skips answers older than `since`.
 */
export function createZigpollClient(options: ZigpollClientOptions): ZigpollClient {
  const { clock, accountId } = options;
  const tenant = options.tenant ?? `Zigpoll account ${accountId}`;
  const budget =
    options.rateBudget ?? new RateBudget({ clock, limitPerMinute: options.limitPerMinute ?? DEFAULT_LIMIT_PER_MINUTE });
  const http = createVendorHttp({
    tenant,
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    authHeaders: { Authorization: options.apiKey },
    clock,
    budget,
    timeoutMs: options.timeoutMs,
    observer: options.observer,
    retry: options.retry,
  });
  const pageSize = String(options.pageSize ?? DEFAULT_PAGE_SIZE);

  async function answersSince(start: StreamStart): Promise<Page<SurveyAnswer>> {
    const position: ZigpollCursor =
      'since' in start
        ? { after: null, since: start.since }
        : decodeCursor(start.cursor, zigpollCursorSchema, 'Zigpoll');
    const params: [string, string][] = [
      ['accountId', accountId],
      ['limit', pageSize],
    ];
    if (position.after !== null) params.push(['startCursor', position.after]);
    const { body } = await http.get({ url: `${RESPONSES}${queryString(params)}`, endpoint: RESPONSES });
    const answers = readPayload(tenant, RESPONSES, () => normalizeZigpollResponsePage(body));
    const items = answers.filter((answer) => answer.at >= position.since);
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const endCursor = typeof fields.endCursor === 'string' && fields.endCursor !== '' ? fields.endCursor : null;
    return {
      items,
      cursor: encodeCursor({ after: endCursor ?? position.after, since: position.since }),
      done: fields.hasNextPage !== true,
      reachedTime: items.at(-1)?.at ?? null,
    };
  }

  return { answersSince };
}
