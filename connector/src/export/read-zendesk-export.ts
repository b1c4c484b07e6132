import type { Agent, History, Rating, Requester, Ticket } from '@frontline/kpi';
import type { UnknownValueReporter } from '../vendors/unknown-value.js';
import {
  normalizeZendeskRatingPage,
  normalizeZendeskSurveyResponsePage,
  normalizeZendeskTicketPage,
} from '../vendors/zendesk/index.js';
import { listJsonFiles, normalizeJsonFiles, requireJsonFiles } from './export-files.js';
import { LatestById } from './latest-by-id.js';
import { readSurveyAnswers } from './read-survey-answers.js';

const EXPECTED =
  'Zendesk export pages: tickets*.json (GET /api/v2/incremental/tickets/cursor.json?include=metric_sets,users), ' +
  'optional satisfaction_ratings*.json (GET /api/v2/satisfaction_ratings), ' +
  'survey_responses*.json (GET /api/v2/guide/survey_responses) and surveys*.json (Zigpoll GET /responses)';

/**
 * The history in a folder of Zendesk export pages (KPIS.md, "`frontline kpi`: input files").
 * Zendesk computes business minutes itself, so the history has no schedule. Legacy ratings include
 * surveys sent but not answered; survey responses (the current CSAT, beside the legacy pages of
 * an account that switched) do not, so with them there is no response rate, as in the sync.
 */
export async function readZendeskExport(dir: string, onUnknownValue?: UnknownValueReporter): Promise<History> {
  const tickets = new LatestById<Ticket>();
  const agents = new LatestById<Agent>();
  const requesters = new LatestById<Requester>();
  const ticketFiles = await requireJsonFiles(dir, 'tickets', dir, EXPECTED);
  for await (const page of normalizeJsonFiles(dir, ticketFiles, normalizeZendeskTicketPage)) {
    tickets.add(page.tickets);
    agents.add(page.agents);
    requesters.add(page.requesters);
  }
  const ratings = new LatestById<Rating>();
  const ratingFiles = await listJsonFiles(dir, 'satisfaction_ratings', dir, EXPECTED);
  for await (const page of normalizeJsonFiles(dir, ratingFiles, normalizeZendeskRatingPage)) ratings.add(page);
  const responseFiles = await listJsonFiles(dir, 'survey_responses', dir, EXPECTED);
  for await (const page of normalizeJsonFiles(dir, responseFiles, normalizeZendeskSurveyResponsePage)) {
    ratings.add(page.ratings);
    for (const unknown of page.unknownValues) onUnknownValue?.(unknown);
  }
  return {
    tickets: tickets.values(),
    ratings: ratings.values(),
    surveyAnswers: await readSurveyAnswers(dir),
    agents: agents.values(),
    requesters: requesters.values(),
    schedule: null,
    ratingsIncludeUnanswered: responseFiles.length === 0,
  };
}
