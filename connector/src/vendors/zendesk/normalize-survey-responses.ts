/**
 * Zendesk's current CSAT (survey responses) -> model ratings (KPIS.md, "Zendesk CSAT, both
 * kinds"). Pure: the unknown values it meets are returned for the caller to report.
 */
import type { Rating } from '@frontline/kpi';
import { parsePayload } from '../parse-payload.js';
import { PayloadError } from '../payload-error.js';
import type { UnknownValue } from '../unknown-value.js';
import { zendeskSurveyResponsePageSchema, type ZendeskSurveyAnswer, type ZendeskSurveyResponse } from './schema.js';

/**
 * Survey responses and legacy rating records share the tenant's ratings table: a prefix keeps a
 * response id from ever meeting a legacy id (legacy ids are plain numbers).
 */
export const SURVEY_RESPONSE_ID_PREFIX = 'survey-response:';

const TICKET_ZRN = /^zen:ticket:(\d+)$/;
const CSAT_SUB_TYPE = 'customer_satisfaction';
const KNOWN_CATEGORIES = new Set(['good', 'neutral', 'bad']);

/** What one page of survey responses holds, in model terms. */
export interface ZendeskSurveyResponsePageContent {
  /** One answered rating per response whose CSAT answer has a category, in page order. */
  readonly ratings: Rating[];
  /** Creation time of the page's last response (the list's order), `null` if it has none with a time. */
  readonly lastCreatedAt: number | null;
  readonly unknownValues: UnknownValue[];
}

function ticketIdOf(response: ZendeskSurveyResponse, index: number): string {
  const zrns = [
    ...(response.subjects ?? []).filter((s) => s.type === 'ticket').map((s) => s.zrn),
    ...[response.subject_zrns ?? []].flat(),
  ];
  for (const zrn of zrns) {
    const match = TICKET_ZRN.exec(zrn ?? '');
    if (match?.[1] !== undefined) return match[1];
  }
  throw new PayloadError(
    `survey_responses[${index}].subject_zrns`,
    'names no ticket (expected "zen:ticket:<id>"); only ticket CSAT survey responses can be read',
  );
}

/** When the response was made: its first answer's creation. */
function createdAtOf(response: ZendeskSurveyResponse): number | null {
  const times = response.answers.map((a) => a.created_at ?? a.updated_at).filter((t) => t !== null);
  return times.length === 0 ? null : Math.min(...times);
}

const isCsatAnswer = (answer: ZendeskSurveyAnswer): boolean => answer.question?.sub_type === CSAT_SUB_TYPE;

/**
 * The response as a model rating, or `null` when its CSAT answer was skipped or is absent. Such
 * a response is dropped rather than kept as an unanswered rating: the current CSAT lists no
 * surveys sent and unanswered, so the surveys sent are unknown either way (the response rate is
 * `null`), and a partial count of them would only mislead.
 */
function ratingOf(response: ZendeskSurveyResponse, index: number, unknownValues: UnknownValue[]): Rating | null {
  const answer = response.answers.find(isCsatAnswer);
  const category = answer?.rating_category ?? null;
  if (answer === undefined || answer.type === 'skipped' || category === null) return null;
  const at = answer.updated_at ?? answer.created_at;
  if (at === null) {
    throw new PayloadError(
      `survey_responses[${index}].answers`,
      'the customer_satisfaction answer has no updated_at or created_at (expected an ISO 8601 time)',
    );
  }
  if (!KNOWN_CATEGORIES.has(category)) {
    unknownValues.push({ field: 'rating_category', value: category, readAs: 'answered, not positive' });
  }
  const comment = response.answers.find((a) => a.type === 'open_ended' && a.value)?.value ?? null;
  return {
    id: `${SURVEY_RESPONSE_ID_PREFIX}${response.id}`,
    ticketId: ticketIdOf(response, index),
    // A response names no agent: the engine attributes it to the ticket's assignee.
    agentId: null,
    requesterId: response.responder_id,
    at,
    answered: true,
    positive: category === 'good',
    comment,
  };
}

/**
 * One page of `GET /api/v2/guide/survey_responses` as model ratings: `good` positive, `bad` and
 * `neutral` answered and not positive, an unknown category answered and not positive (and
 * returned in `unknownValues`). Throws a `PayloadError` naming the field that does not fit.
 */
export function normalizeZendeskSurveyResponsePage(page: unknown): ZendeskSurveyResponsePageContent {
  const parsed = parsePayload(zendeskSurveyResponsePageSchema, page);
  const ratings: Rating[] = [];
  const unknownValues: UnknownValue[] = [];
  let lastCreatedAt: number | null = null;
  parsed.survey_responses.forEach((response, index) => {
    const rating = ratingOf(response, index, unknownValues);
    if (rating !== null) ratings.push(rating);
    lastCreatedAt = createdAtOf(response) ?? lastCreatedAt;
  });
  return { ratings, lastCreatedAt, unknownValues };
}
