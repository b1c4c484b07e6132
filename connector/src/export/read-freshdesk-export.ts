import { join } from 'node:path';
import type { Agent, BusinessSchedule, History, Rating, Requester } from '@frontline/kpi';
import {
  combineReplies,
  freshdeskPageReplies,
  NO_REPLIES,
  normalizeFreshdeskBusinessHours,
  normalizeFreshdeskAgentPage,
  normalizeFreshdeskRatingPage,
  normalizeFreshdeskTicketPage,
  withReplies,
  type TicketWithoutReplies,
} from '../vendors/freshdesk/index.js';
import type { TicketReplies } from '../vendors/vendor-client.js';
import { ExportError } from './export-error.js';
import { warnUnknownValues, type ExportWarn } from './export-warnings.js';
import { listJsonFiles, normalizeJsonFile, normalizeJsonFiles, requireJsonFiles } from './export-files.js';
import { LatestById } from './latest-by-id.js';
import { readSurveyAnswers } from './read-survey-answers.js';

const EXPECTED =
  'Freshdesk export pages: tickets*.json (GET /api/v2/tickets?include=stats), ' +
  'conversations/<ticket id>*.json (GET /api/v2/tickets/<id>/conversations), agents*.json (GET /api/v2/agents), ' +
  'optional satisfaction_ratings*.json (GET /api/v2/surveys/satisfaction_ratings), business_hours.json ' +
  '(GET /api/v2/business_hours) and surveys*.json (Zigpoll GET /responses)';

const CONVERSATIONS = 'conversations';

const BUSINESS_HOURS = 'business_hours.json';

/** The ticket id a conversation page belongs to: the leading digits of its name (`1001.json`, `1001-2.json`). */
function ticketIdOfConversationFile(name: string): string {
  const match = /^(\d+)/.exec(name);
  if (match?.[1] === undefined) {
    throw new ExportError(
      `${CONVERSATIONS}/${name}: the name does not start with a ticket id; name conversation pages <ticket id>*.json, e.g. 1001.json`,
    );
  }
  return match[1];
}

/** Public agent replies per ticket id, over each ticket's conversation pages. */
async function readReplies(dir: string): Promise<Map<string, TicketReplies>> {
  const folder = join(dir, CONVERSATIONS);
  const replies = new Map<string, TicketReplies>();
  for (const name of await listJsonFiles(folder, '', `${dir}/${CONVERSATIONS}`, EXPECTED)) {
    const ticketId = ticketIdOfConversationFile(name);
    const page = await normalizeJsonFile(dir, `${CONVERSATIONS}/${name}`, (json) =>
      freshdeskPageReplies(json, ticketId),
    );
    replies.set(ticketId, combineReplies([replies.get(ticketId) ?? NO_REPLIES, page]));
  }
  return replies;
}

/** A requester seen on several pages keeps the e-mail any page gave. */
const keepEmail = (earlier: Requester, later: Requester): Requester =>
  later.email === null && earlier.email !== null ? { ...later, email: earlier.email } : later;

/** The business hours in the optional business_hours.json; `null` (business = calendar) without it. */
async function readSchedule(dir: string): Promise<BusinessSchedule | null> {
  const names = await listJsonFiles(dir, 'business_hours', dir, EXPECTED);
  return names.includes(BUSINESS_HOURS)
    ? normalizeJsonFile(dir, BUSINESS_HOURS, normalizeFreshdeskBusinessHours)
    : null;
}

/**
 * The history in a folder of Freshdesk export pages (KPIS.md, "`frontline kpi`: input files").
 * Every ticket that is not spam or deleted needs its conversation pages, since public replies
 * (and the first reply, where the stats lack it) come from them. Freshdesk lists answered surveys
 * only, so the response rate is unknown. Each status and source the normalizer does not know is
 * one line to `warn`; its tickets are kept.
 */
export async function readFreshdeskExport(dir: string, warn: ExportWarn = () => {}): Promise<History> {
  const reportUnknown = warnUnknownValues(warn);
  const drafts = new LatestById<TicketWithoutReplies>();
  const requesters = new LatestById<Requester>();
  const ticketFiles = await requireJsonFiles(dir, 'tickets', dir, EXPECTED);
  for await (const page of normalizeJsonFiles(dir, ticketFiles, normalizeFreshdeskTicketPage)) {
    drafts.add(page.tickets);
    requesters.add(page.requesters, keepEmail);
    page.unknownValues.forEach(reportUnknown);
  }
  const kept = drafts.values().filter((ticket) => !ticket.removed);
  const replies = kept.length === 0 ? new Map<string, TicketReplies>() : await readReplies(dir);
  for (const ticket of kept) {
    if (!replies.has(ticket.id)) {
      throw new ExportError(
        `${CONVERSATIONS}/${ticket.id}.json: missing; export GET /api/v2/tickets/${ticket.id}/conversations for every ticket (an empty array [] when it has none)`,
      );
    }
  }
  // A spam or deleted ticket needs no conversation pages.
  const tickets = drafts.values().map((ticket) => withReplies(ticket, replies.get(ticket.id) ?? NO_REPLIES));

  const agents = new LatestById<Agent>();
  const agentFiles = await requireJsonFiles(dir, 'agents', dir, EXPECTED);
  for await (const page of normalizeJsonFiles(dir, agentFiles, normalizeFreshdeskAgentPage)) agents.add(page);
  const ratings = new LatestById<Rating>();
  const ratingFiles = await listJsonFiles(dir, 'satisfaction_ratings', dir, EXPECTED);
  for await (const page of normalizeJsonFiles(dir, ratingFiles, normalizeFreshdeskRatingPage)) ratings.add(page);
  return {
    tickets,
    ratings: ratings.values(),
    surveyAnswers: await readSurveyAnswers(dir),
    agents: agents.values(),
    requesters: requesters.values(),
    schedule: await readSchedule(dir),
    ratingsIncludeUnanswered: false,
  };
}
