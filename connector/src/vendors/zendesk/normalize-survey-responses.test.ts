import { describe, expect, it } from 'vitest';
import { payloadErrorOf as errorOf } from '../expect-payload-error.js';
import { normalizeZendeskSurveyResponsePage } from './normalize-survey-responses.js';

const at = (iso: string): number => Date.parse(iso);

/** The CSAT question of a survey, as a response's answers carry it (reference/zendesk.md §4.5). */
const CSAT_QUESTION = {
  id: '01HZCSATQUESTION000000000A',
  sub_type: 'customer_satisfaction',
  type: 'rating_scale_numeric',
};
const COMMENT_QUESTION = { id: '01HZCSATQUESTION000000000B', type: 'open_ended' };

function csatAnswer(category: string, rating: number, fields: Record<string, unknown> = {}) {
  return {
    type: 'rating_scale',
    rating,
    rating_category: category,
    question: CSAT_QUESTION,
    created_at: '2026-01-05T11:05:00Z',
    updated_at: '2026-01-05T11:06:00Z',
    ...fields,
  };
}

/** A response to ticket 99 by requester 5001, with the given answers. */
function aResponse(answers: unknown[], fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '01HZRESPONSE00000000000001',
    responder_id: 5001,
    subject_zrns: ['zen:ticket:99'],
    subjects: [{ id: '99', type: 'ticket', zrn: 'zen:ticket:99' }],
    survey: { id: '01HZSURVEY0000000000000001', version: 3, state: 'enabled' },
    expires_at: '2026-01-19T11:05:00Z',
    answers,
    ...fields,
  };
}

const aPage = (...responses: unknown[]) => ({
  survey_responses: responses,
  meta: { after_cursor: 'xyz', before_cursor: 'abc', has_more: false },
});

describe('normalizeZendeskSurveyResponsePage', () => {
  it('reads a good answer as a positive rating of the ticket, with no agent and the comment', () => {
    const page = aPage(
      aResponse([
        csatAnswer('good', 5),
        {
          type: 'open_ended',
          value: 'Quick and kind',
          question: COMMENT_QUESTION,
          created_at: '2026-01-05T11:05:00Z',
          updated_at: '2026-01-05T11:05:00Z',
        },
      ]),
    );
    expect(normalizeZendeskSurveyResponsePage(page)).toEqual({
      ratings: [
        {
          id: 'survey-response:01HZRESPONSE00000000000001',
          ticketId: '99',
          agentId: null,
          requesterId: '5001',
          // The CSAT answer's updated_at, not its created_at.
          at: at('2026-01-05T11:06:00Z'),
          answered: true,
          positive: true,
          comment: 'Quick and kind',
        },
      ],
      lastCreatedAt: at('2026-01-05T11:05:00Z'),
      unknownValues: [],
    });
  });

  it('reads bad and neutral as answered, not positive', () => {
    const page = aPage(
      aResponse([csatAnswer('bad', 1)], { id: 'r-bad' }),
      aResponse([csatAnswer('neutral', 3)], { id: 'r-neutral' }),
    );
    const { ratings } = normalizeZendeskSurveyResponsePage(page);
    expect(ratings.map((r) => [r.id, r.answered, r.positive])).toEqual([
      ['survey-response:r-bad', true, false],
      ['survey-response:r-neutral', true, false],
    ]);
  });

  it('drops a response whose CSAT question was skipped, or that has no CSAT answer at all', () => {
    const skipped = aResponse(
      [
        { type: 'skipped', question: CSAT_QUESTION, created_at: '2026-01-05T11:05:00Z', updated_at: null },
        { type: 'open_ended', value: 'no stars from me', question: COMMENT_QUESTION },
      ],
      { id: 'r-skipped' },
    );
    const commentOnly = aResponse([{ type: 'open_ended', value: 'hi', question: COMMENT_QUESTION }], {
      id: 'r-comment',
    });
    const page = normalizeZendeskSurveyResponsePage(aPage(skipped, commentOnly));
    expect(page.ratings).toEqual([]);
    // The list has still reached the skipped response's time.
    expect(page.lastCreatedAt).toBe(at('2026-01-05T11:05:00Z'));
  });

  it('keeps an unknown rating category as answered, not positive, and returns it to report', () => {
    const { ratings, unknownValues } = normalizeZendeskSurveyResponsePage(
      aPage(aResponse([csatAnswer('delighted', 5)])),
    );
    expect(ratings.map((r) => [r.answered, r.positive])).toEqual([[true, false]]);
    expect(unknownValues).toEqual([{ field: 'rating_category', value: 'delighted', readAs: 'answered, not positive' }]);
  });

  it('takes the answer time from created_at when the answer has no updated_at', () => {
    const page = aPage(aResponse([csatAnswer('good', 4, { updated_at: null })]));
    expect(normalizeZendeskSurveyResponsePage(page).ratings[0]?.at).toBe(at('2026-01-05T11:05:00Z'));
  });

  it('finds the ticket in subjects or in a single subject_zrns string', () => {
    const bySubjects = aResponse([csatAnswer('good', 5)], { subject_zrns: undefined });
    const byZrnText = aResponse([csatAnswer('good', 5)], { subjects: undefined, subject_zrns: 'zen:ticket:42' });
    const { ratings } = normalizeZendeskSurveyResponsePage(aPage(bySubjects, byZrnText));
    expect(ratings.map((r) => r.ticketId)).toEqual(['99', '42']);
  });

  it('names the response that names no ticket', () => {
    const error = errorOf(() =>
      normalizeZendeskSurveyResponsePage(
        aPage(aResponse([csatAnswer('good', 5)], { subject_zrns: ['zen:user:5001'], subjects: [] })),
      ),
    );
    expect(error.message).toMatch(
      /survey_responses\[0\]\.subject_zrns: names no ticket \(expected "zen:ticket:<id>"\)/,
    );
  });

  it('says what a survey responses page is when given something else', () => {
    const error = errorOf(() => normalizeZendeskSurveyResponsePage({ satisfaction_ratings: [] }));
    expect(error.message).toMatch(/survey_responses/);
  });
});
