import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { CursorExpiredError } from '../cursor-expired-error.js';
import { createInstantClock } from '../http/instant-clock.js';
import type { UnknownValue } from '../unknown-value.js';
import { CONTRACT_NOW, serveDuringTests } from '../vendor-client.contract.js';
import type { Page, StreamStart } from '../vendor-client.js';
import type { Rating } from '@frontline/kpi';
import type { ZendeskCsatMode } from './client-csat-mode.js';
import { createZendeskClient } from './client.js';

const BASE_URL = 'https://acme.zendesk.test';
const TENANT = 'acme-zendesk';
const SINCE = Date.parse('2026-01-01T00:00:00Z');

const server = setupServer();
serveDuringTests(server);

function clientOf(onUnknownValue?: (unknown: UnknownValue) => void, csatMode?: ZendeskCsatMode) {
  return createZendeskClient({
    tenant: TENANT,
    baseUrl: BASE_URL,
    credentials: { kind: 'zendesk-token', email: 'admin@acme.example', token: 'secret' },
    clock: createInstantClock(CONTRACT_NOW),
    ...(onUnknownValue ? { onUnknownValue } : {}),
    ...(csatMode ? { csatMode } : {}),
  });
}

/** The account settings of an account on legacy CSAT (`true`) or not. */
const settings = (legacyCsat: boolean) =>
  http.get(`${BASE_URL}/api/v2/account/settings`, () =>
    HttpResponse.json({ settings: { active_features: { customer_satisfaction: legacyCsat } } }),
  );

/** Ticket `id` as `GET /api/v2/tickets/{id}` shows it: solved, assigned to 9002, no legacy rating. */
const shownTicket = (id: number) =>
  http.get(`${BASE_URL}/api/v2/tickets/:file`, () =>
    HttpResponse.json({
      ticket: {
        id,
        requester_id: 5000 + id,
        assignee_id: 9002,
        group_id: null,
        status: 'solved',
        created_at: '2026-02-01T09:00:00Z',
        updated_at: '2026-02-02T10:00:00Z',
        tags: [],
        satisfaction_rating: null,
      },
      metric_sets: [],
      users: [],
    }),
  );

/** A legacy rating record of ticket `ticket`, created at `iso`. */
const legacyRating = (id: number, ticket: number, score: string, iso: string) => ({
  id,
  ticket_id: ticket,
  assignee_id: 9001,
  requester_id: 5000 + ticket,
  score,
  comment: null,
  created_at: iso,
  updated_at: iso,
});

/** A survey response to ticket `ticket` with one CSAT answer, as the documented example has it. */
const surveyResponse = (id: string, ticket: number, category: string, iso: string) => ({
  id,
  responder_id: 5000 + ticket,
  subject_zrns: [`zen:ticket:${ticket}`],
  subjects: [{ id: String(ticket), type: 'ticket', zrn: `zen:ticket:${ticket}` }],
  survey: { id: '01HZSURVEY0000000000000001', version: 1, state: 'enabled' },
  expires_at: '2026-03-01T00:00:00Z',
  answers: [
    {
      type: 'rating_scale',
      rating: category === 'good' ? 5 : category === 'neutral' ? 3 : 1,
      rating_category: category,
      question: { id: 'q1', sub_type: 'customer_satisfaction', type: 'rating_scale_numeric' },
      created_at: iso,
      updated_at: iso,
    },
  ],
});

/** Serves `items` as cursor pages of `size` (`page[after]` = `a<offset>`), and keeps each request's URL. */
function cursorPages(path: string, key: string, items: readonly unknown[], size: number, seen: URL[]) {
  return http.get(`${BASE_URL}${path}`, ({ request }) => {
    const url = new URL(request.url);
    // The CSAT kind probe (one item) is not a read of the list.
    if (url.searchParams.get('page[size]') !== '1') seen.push(url);
    const after = url.searchParams.get('page[after]');
    const offset = after === null ? 0 : Number(after.slice(1));
    const slice = items.slice(offset, offset + size);
    const end = offset + slice.length;
    return HttpResponse.json({
      [key]: slice,
      meta: { has_more: end < items.length, after_cursor: `a${end}`, before_cursor: `a${offset}` },
    });
  });
}

/** Every page of the ratings stream from `start`, each call resuming from the cursor alone. */
async function drain(client: ReturnType<typeof clientOf>, start: StreamStart): Promise<Page<Rating>[]> {
  const pages: Page<Rating>[] = [];
  for (let next = start; pages.length < 20;) {
    const page = await client.ratingsSince(next);
    pages.push(page);
    if (page.done) return pages;
    next = { cursor: page.cursor };
  }
  throw new Error('the ratings stream never finished');
}

describe('Zendesk CSAT: legacy ratings and current survey responses', () => {
  it('reads survey responses on an account on the current CSAT, from the start in epoch milliseconds', async () => {
    const seen: URL[] = [];
    const responses = [
      surveyResponse('r1', 1, 'good', '2026-01-02T10:00:00Z'),
      surveyResponse('r2', 2, 'bad', '2026-01-03T10:00:00Z'),
      surveyResponse('r3', 3, 'neutral', '2026-01-04T10:00:00Z'),
    ];
    server.use(
      settings(false),
      // An account that never ran legacy CSAT: the legacy list may refuse (UNSURE), which means "none".
      http.get(`${BASE_URL}/api/v2/satisfaction_ratings`, () =>
        HttpResponse.json({ error: 'Forbidden', description: 'legacy CSAT is off' }, { status: 403 }),
      ),
      cursorPages('/api/v2/guide/survey_responses', 'survey_responses', responses, 2, seen),
    );
    const pages = await drain(clientOf(), { since: SINCE });
    const ratings = pages.flatMap((p) => p.items);
    expect(ratings.map((r) => [r.ticketId, r.agentId, r.answered, r.positive])).toEqual([
      ['1', null, true, true],
      ['2', null, true, false],
      ['3', null, true, false],
    ]);
    expect(seen.map((url) => url.searchParams.get('filter[created_at_start]'))).toEqual([String(SINCE), String(SINCE)]);
    expect(seen.map((url) => url.searchParams.get('page[after]'))).toEqual([null, 'a2']);
    expect(seen[0]?.searchParams.get('page[size]')).toBe('100');
    expect(pages.at(-1)?.reachedTime).toBe(Date.parse('2026-01-04T10:00:00Z'));
  });

  it('reads a switched account as one stream: the legacy list, then the survey responses, resumable at any page', async () => {
    const legacySeen: URL[] = [];
    const responsesSeen: URL[] = [];
    const legacy = [
      legacyRating(71, 1, 'good', '2026-01-02T10:00:00Z'),
      legacyRating(72, 2, 'offered', '2026-01-03T10:00:00Z'),
      legacyRating(73, 3, 'bad', '2026-01-04T10:00:00Z'),
    ];
    const responses = [
      surveyResponse('r4', 4, 'good', '2026-02-02T10:00:00Z'),
      surveyResponse('r5', 5, 'neutral', '2026-02-03T10:00:00Z'),
    ];
    server.use(
      settings(false),
      cursorPages('/api/v2/satisfaction_ratings', 'satisfaction_ratings', legacy, 2, legacySeen),
      cursorPages('/api/v2/guide/survey_responses', 'survey_responses', responses, 1, responsesSeen),
    );
    const pages = await drain(clientOf(), { since: SINCE });
    expect(pages.flatMap((p) => p.items).map((r) => r.id)).toEqual([
      '71',
      '72',
      '73',
      'survey-response:r4',
      'survey-response:r5',
    ]);
    // Two legacy pages, then two response pages; only the last says done.
    expect(pages.map((p) => p.done)).toEqual([false, false, false, true]);
    expect(legacySeen.map((url) => url.searchParams.get('start_time'))).toEqual([
      String(SINCE / 1000),
      String(SINCE / 1000),
    ]);
    expect(responsesSeen[0]?.searchParams.get('filter[created_at_start]')).toBe(String(SINCE));
  });

  it('resumes a ratings checkpoint saved before survey responses were read, and goes on to them', async () => {
    const responsesSeen: URL[] = [];
    server.use(
      settings(false),
      cursorPages('/api/v2/satisfaction_ratings', 'satisfaction_ratings', [], 100, []),
      cursorPages(
        '/api/v2/guide/survey_responses',
        'survey_responses',
        [surveyResponse('r9', 9, 'good', '2026-02-02T10:00:00Z')],
        100,
        responsesSeen,
      ),
    );
    // The legacy stream's own cursor shape, as a legacy account's checkpoint holds it.
    const oldCheckpoint = JSON.stringify({ startTime: SINCE / 1000, after: 'a40' });
    const pages = await drain(clientOf(), { cursor: oldCheckpoint });
    expect(pages.flatMap((p) => p.items).map((r) => r.ticketId)).toEqual(['9']);
    expect(responsesSeen[0]?.searchParams.get('filter[created_at_start]')).toBe(String(SINCE));
  });

  it('throws CursorExpiredError when Zendesk refuses a survey responses cursor, so the sync restarts the stream', async () => {
    server.use(
      settings(false),
      http.get(`${BASE_URL}/api/v2/guide/survey_responses`, () =>
        HttpResponse.json(
          { error: 'InvalidPaginationParameter', description: 'page[after] is invalid' },
          { status: 400 },
        ),
      ),
    );
    const checkpoint = JSON.stringify({ responsesFrom: SINCE, after: 'expired' });
    await expect(clientOf().ratingsSince({ cursor: checkpoint })).rejects.toBeInstanceOf(CursorExpiredError);
  });

  it('never asks for survey responses on a legacy account', async () => {
    const responsesSeen: URL[] = [];
    server.use(
      settings(true),
      cursorPages(
        '/api/v2/satisfaction_ratings',
        'satisfaction_ratings',
        [legacyRating(71, 1, 'good', '2026-01-02T10:00:00Z')],
        100,
        [],
      ),
      cursorPages('/api/v2/guide/survey_responses', 'survey_responses', [], 100, responsesSeen),
    );
    const pages = await drain(clientOf(), { since: SINCE });
    expect(pages.flatMap((p) => p.items).map((r) => r.id)).toEqual(['71']);
    expect(responsesSeen).toEqual([]);
  });

  it('says unanswered surveys are listed on legacy CSAT only', async () => {
    server.use(settings(true));
    await expect(clientOf().ratingsIncludeUnanswered()).resolves.toBe(true);
    server.use(settings(false), cursorPages('/api/v2/guide/survey_responses', 'survey_responses', [], 1, []));
    await expect(clientOf().ratingsIncludeUnanswered()).resolves.toBe(false);
  });

  it("refreshes a ticket on the current CSAT with its survey responses, asked for by the ticket's ZRN", async () => {
    const seen: URL[] = [];
    server.use(
      settings(false),
      shownTicket(7),
      cursorPages(
        '/api/v2/guide/survey_responses',
        'survey_responses',
        [surveyResponse('r7', 7, 'bad', '2026-02-02T10:00:00Z')],
        100,
        seen,
      ),
    );
    const refreshed = await clientOf().ticket('7');
    expect(refreshed?.ratings).toEqual([
      {
        id: 'survey-response:r7',
        ticketId: '7',
        agentId: null,
        requesterId: '5007',
        at: Date.parse('2026-02-02T10:00:00Z'),
        answered: true,
        positive: false,
        comment: null,
      },
    ]);
    expect(seen.at(-1)?.searchParams.get('filter[subject_zrns]')).toBe('zen:ticket:7');
  });

  it('refreshes a ticket on the CSAT its last sync found without asking the account again', async () => {
    let settingsAsked = 0;
    server.use(
      http.get(`${BASE_URL}/api/v2/account/settings`, () => {
        settingsAsked++;
        return HttpResponse.json({ settings: { active_features: { customer_satisfaction: false } } });
      }),
      shownTicket(8),
      cursorPages(
        '/api/v2/guide/survey_responses',
        'survey_responses',
        [surveyResponse('r8', 8, 'good', '2026-02-02T10:00:00Z')],
        100,
        [],
      ),
    );
    const refreshed = await clientOf(undefined, 'survey-responses').ticket('8');
    expect(refreshed?.ratings.map((r) => [r.id, r.positive])).toEqual([['survey-response:r8', true]]);
    expect(settingsAsked).toBe(0);
    // Without what a sync found, the refresh asks which CSAT the account runs.
    await clientOf().ticket('8');
    expect(settingsAsked).toBe(1);
  });

  it('reports a rating category it does not know, once per page it meets it on, and keeps the answer', async () => {
    const reported: UnknownValue[] = [];
    server.use(
      settings(false),
      http.get(`${BASE_URL}/api/v2/satisfaction_ratings`, () => HttpResponse.json({}, { status: 404 })),
      cursorPages(
        '/api/v2/guide/survey_responses',
        'survey_responses',
        [surveyResponse('r1', 1, 'ecstatic', '2026-01-02T10:00:00Z')],
        100,
        [],
      ),
    );
    const pages = await drain(
      clientOf((u) => reported.push(u)),
      { since: SINCE },
    );
    expect(pages.flatMap((p) => p.items).map((r) => [r.answered, r.positive])).toEqual([[true, false]]);
    expect(reported).toEqual([{ field: 'rating_category', value: 'ecstatic', readAs: 'answered, not positive' }]);
  });
});
