import type { Rating } from '@frontline/kpi';
import { decodeCursor, encodeCursor } from '../http/opaque-cursor.js';
import { queryString } from '../http/query-string.js';
import { readPayload } from '../http/read-payload.js';
import type { VendorHttp } from '../http/vendor-http.js';
import type { UnknownValueReporter } from '../unknown-value.js';
import type { Page, StreamStart } from '../vendor-client.js';
import { detectZendeskCsatMode, type ZendeskCsatMode } from './client-csat-mode.js';
import { getZendeskCursorPage } from './client-cursor-page.js';
import {
  zendeskRatingCursorSchema,
  type ZendeskLegacyRatingCursor,
  type ZendeskSurveyResponseCursor,
} from './client-cursors.js';
import { cursorMeta } from './cursor-meta.js';
import { normalizeZendeskRatingPage, normalizeZendeskShownRating, zendeskRatingCreatedTimes } from './normalize.js';
import { normalizeZendeskSurveyResponsePage } from './normalize-survey-responses.js';

const SATISFACTION_RATINGS = '/api/v2/satisfaction_ratings';
const SATISFACTION_RATING = '/api/v2/satisfaction_ratings/{id}.json';
const SURVEY_RESPONSES = '/api/v2/guide/survey_responses';
const PAGE_SIZE = '100';
/**
 * How an account on the current CSAT may answer the legacy endpoints. UNSURE: the reference does
 * not say; a refusal means "no legacy history", never a failed sync.
 */
const LEGACY_GONE = [403, 404];

/** The CSAT side of a Zendesk client: legacy satisfaction ratings and current survey responses. */
export interface ZendeskRatingReader {
  /** The ratings stream (see `zendeskRatingCursorSchema`); a cursor Zendesk refuses: `CursorExpiredError`. */
  ratingsSince(start: StreamStart): Promise<Page<Rating>>;
  /** One ticket's ratings: the legacy record it names, and its survey responses on the current CSAT. */
  ticketRatings(ticketId: string, legacyRatingId: string | null): Promise<Rating[]>;
  /**
   * Legacy CSAT lists surveys sent and unanswered (`offered`); survey responses are only answers,
   * so an account on the current CSAT gives no count of surveys sent, and no response rate. That
   * holds for a switched account's legacy years too: one answer per tenant keeps it simple and
   * never wrong (a rate over the mixed history would count the newer period as all answered).
   */
  ratingsIncludeUnanswered(): Promise<boolean>;
}

export interface ZendeskRatingReaderOptions {
  readonly http: VendorHttp;
  readonly tenant: string;
  readonly onUnknownValue: UnknownValueReporter;
  /** The CSAT the account ran at its last sync: what a ticket refresh reads, without asking again. */
  readonly knownMode?: ZendeskCsatMode | undefined;
}

const seconds = (ms: number): number => Math.max(0, Math.floor(ms / 1000));

export function createZendeskRatingReader({
  http,
  tenant,
  onUnknownValue,
  knownMode,
}: ZendeskRatingReaderOptions): ZendeskRatingReader {
  let mode: Promise<ZendeskCsatMode> | null = null;
  /** Asked once per client; a failed probe is asked again next time. */
  const csatMode = (): Promise<ZendeskCsatMode> =>
    (mode ??= detectZendeskCsatMode(http).catch((error: unknown) => {
      mode = null;
      throw error;
    }));

  /**
   * One legacy page; on the current CSAT, the stream then continues with survey responses from
   * the same start. Legacy records all precede the switch, so the stream's times keep rising
   * across the two lists and a history stream's boundary falls in the right one.
   */
  async function legacyPage(position: ZendeskLegacyRatingCursor): Promise<Page<Rating>> {
    const current = (await csatMode()) === 'survey-responses';
    const params: [string, string][] = [
      ['start_time', String(position.startTime)],
      ['page[size]', PAGE_SIZE],
    ];
    if (position.after !== null) params.push(['page[after]', position.after]);
    const response = await getZendeskCursorPage(
      http,
      {
        url: `${SATISFACTION_RATINGS}${queryString(params)}`,
        endpoint: SATISFACTION_RATINGS,
        ...(current ? { accept: LEGACY_GONE } : {}),
      },
      position.after,
    );
    const responses: ZendeskSurveyResponseCursor = { responsesFrom: position.startTime * 1000, after: null };
    if (response.status !== 200) return { items: [], cursor: encodeCursor(responses), done: false, reachedTime: null };
    const { items, created } = readPayload(tenant, SATISFACTION_RATINGS, () => ({
      items: normalizeZendeskRatingPage(response.body),
      created: zendeskRatingCreatedTimes(response.body),
    }));
    const meta = cursorMeta(response.body);
    const legacyDone = !meta.hasMore;
    const legacyNext: ZendeskLegacyRatingCursor = {
      startTime: position.startTime,
      after: meta.after ?? position.after,
    };
    return {
      items,
      cursor: encodeCursor(current && legacyDone ? responses : legacyNext),
      done: legacyDone && !current,
      // The list runs by creation time; a rating's `at` is when it was answered, often later.
      reachedTime: created.at(-1) ?? null,
    };
  }

  /** One page of survey responses, by `filter` and cursor. */
  async function responsePage(filter: [string, string], after: string | null) {
    // UNSURE: the list's default order is not documented; ascending ids keep new responses
    // after the cursor.
    const params: [string, string][] = [filter, ['sort', 'id'], ['page[size]', PAGE_SIZE]];
    if (after !== null) params.push(['page[after]', after]);
    const { body } = await getZendeskCursorPage(
      http,
      { url: `${SURVEY_RESPONSES}${queryString(params)}`, endpoint: SURVEY_RESPONSES },
      after,
    );
    const content = readPayload(tenant, SURVEY_RESPONSES, () => normalizeZendeskSurveyResponsePage(body));
    content.unknownValues.forEach(onUnknownValue);
    return { ...content, meta: cursorMeta(body) };
  }

  async function surveyResponsesSince(position: ZendeskSurveyResponseCursor): Promise<Page<Rating>> {
    const page = await responsePage(['filter[created_at_start]', String(position.responsesFrom)], position.after);
    return {
      items: page.ratings,
      cursor: encodeCursor({ responsesFrom: position.responsesFrom, after: page.meta.after ?? position.after }),
      done: !page.meta.hasMore,
      reachedTime: page.lastCreatedAt,
    };
  }

  /** One legacy record by id; none when it is gone, was never offered, or the account left legacy CSAT. */
  async function showLegacyRating(ratingId: string, current: boolean): Promise<Rating[]> {
    const url = SATISFACTION_RATING.replace('{id}', encodeURIComponent(ratingId));
    const response = await http.get({ url, endpoint: SATISFACTION_RATING, accept: current ? LEGACY_GONE : [404] });
    if (response.status !== 200) return [];
    const rating = readPayload(tenant, SATISFACTION_RATING, () => normalizeZendeskShownRating(response.body));
    return rating === null ? [] : [rating];
  }

  async function ticketSurveyResponses(ticketId: string): Promise<Rating[]> {
    const found: Rating[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await responsePage(['filter[subject_zrns]', `zen:ticket:${ticketId}`], after);
      found.push(...page.ratings);
      if (!page.meta.hasMore || page.meta.after === null || page.meta.after === after) return found;
      after = page.meta.after;
    }
  }

  return {
    async ratingsSince(start) {
      const position =
        'since' in start
          ? { startTime: seconds(start.since), after: null }
          : decodeCursor(start.cursor, zendeskRatingCursorSchema, 'Zendesk rating');
      return 'responsesFrom' in position ? surveyResponsesSince(position) : legacyPage(position);
    },
    async ticketRatings(ticketId, legacyRatingId) {
      const current = (knownMode ?? (await csatMode())) === 'survey-responses';
      // The ticket names its legacy record, whose agent and times the ticket does not carry.
      const legacy = legacyRatingId === null ? [] : await showLegacyRating(legacyRatingId, current);
      return current ? [...legacy, ...(await ticketSurveyResponses(ticketId))] : legacy;
    },
    ratingsIncludeUnanswered: async () => (await csatMode()) === 'legacy',
  };
}
