/**
 * Account state -> the current CSAT's survey responses (`GET /api/v2/guide/survey_responses`),
 * in the shape of reference/zendesk.md §4.5. The fields the connector reads are in
 * connector/src/vendors/zendesk/schema.ts.
 */
import type { AccountState } from './account-state.js';
import { isoRequired } from './http-util.js';
import { RatingState } from './ticket-table.js';
import { ratingCommentOf } from './zendesk-format.js';

const SURVEY = { id: '01HZCSATSURVEY000000000001', version: 1, state: 'enabled' } as const;
const CSAT_QUESTION = {
  id: '01HZCSATQUESTION0000000001',
  sub_type: 'customer_satisfaction',
  type: 'rating_scale_numeric',
  headline: 'How would you rate the support you received?',
} as const;
const COMMENT_QUESTION = { id: '01HZCSATQUESTION0000000002', type: 'open_ended', headline: 'Tell us more' } as const;
/** UNSURE: how long a responder may edit the response; the reference names `expires_at` only. */
const EDITABLE_SEC = 14 * 86_400;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

type Category = 'good' | 'neutral' | 'bad';

interface AnswerJson {
  type: 'rating_scale' | 'open_ended' | 'skipped';
  rating?: number;
  rating_category?: Category;
  value?: string;
  question: typeof CSAT_QUESTION | typeof COMMENT_QUESTION;
  created_at: string;
  updated_at: string;
}

export interface ZendeskSurveyResponseJson {
  id: string;
  responder_id: number;
  subject_zrns: string[];
  subjects: { id: string; type: 'ticket'; zrn: string }[];
  survey: typeof SURVEY;
  expires_at: string;
  answers: AnswerJson[];
}

/** `count` Crockford base-32 digits of `value`, most significant first. */
function base32(value: number, count: number): string {
  let out = '';
  for (let i = 0, v = value; i < count; i++, v = Math.floor(v / 32)) out = CROCKFORD[v % 32]! + out;
  return out;
}

/** A ULID-like id (time, then position): ids sort in the list's creation order, as `sort=id` asks. */
export function surveyResponseId(createdSec: number, position: number): string {
  return base32(createdSec * 1000, 10) + base32(position + 1, 16);
}

/** The CSAT answer's category and its number on the 1-5 scale. */
function categoryOf(state: AccountState, index: number): { category: Category; rating: number } | null {
  const choice = state.surveyChoices.get(index);
  if (choice === 'skipped') return null;
  if (choice === 'neutral') return { category: 'neutral', rating: 3 };
  return state.table.rating[index] === RatingState.good
    ? { category: 'good', rating: 5 }
    : { category: 'bad', rating: 1 };
}

export function zendeskSurveyResponse(state: AccountState, position: number): ZendeskSurveyResponseJson {
  const index = state.responses.ticketAt(position);
  const ticketId = state.ticketId(index);
  const created = state.responses.createdAt(position);
  const createdAt = isoRequired(created);
  const updatedAt = isoRequired(Math.max(created, state.table.ratingAnsweredAt[index] ?? 0));
  const zrn = `zen:ticket:${ticketId}`;
  const scored = categoryOf(state, index);
  const answers: AnswerJson[] = [
    scored === null
      ? { type: 'skipped', question: CSAT_QUESTION, created_at: createdAt, updated_at: updatedAt }
      : {
          type: 'rating_scale',
          rating: scored.rating,
          rating_category: scored.category,
          question: CSAT_QUESTION,
          created_at: createdAt,
          updated_at: updatedAt,
        },
  ];
  const comment = ratingCommentOf(state, index);
  if (comment) {
    answers.push({
      type: 'open_ended',
      value: comment,
      question: COMMENT_QUESTION,
      created_at: createdAt,
      updated_at: updatedAt,
    });
  }
  return {
    id: surveyResponseId(created, position),
    responder_id: state.history.requesters.id(state.table.requester[index] ?? 0),
    subject_zrns: [zrn],
    subjects: [{ id: String(ticketId), type: 'ticket', zrn }],
    survey: SURVEY,
    expires_at: isoRequired(created + EDITABLE_SEC),
    answers,
  };
}
