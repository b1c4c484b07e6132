import type { Agent, History, Rating, Requester, Ticket } from '@frontline/kpi';
import {
  normalizeZendeskRatingPage,
  normalizeZendeskTicketPage,
  parseZendeskTicketMetricPage,
  ZendeskTicketMetrics,
} from '../vendors/zendesk/index.js';
import { PayloadError } from '../vendors/payload-error.js';
import { ExportError } from './export-error.js';
import { listJsonFiles, normalizeJsonFiles, requireJsonFiles } from './export-files.js';
import { warnUnknownValues, type ExportWarn } from './export-warnings.js';
import { LatestById } from './latest-by-id.js';
import { readSurveyAnswers } from './read-survey-answers.js';

const EXPECTED =
  'Zendesk export pages: tickets*.json (GET /api/v2/incremental/tickets/cursor.json?include=metric_sets,users), ' +
  'optional ticket_metrics*.json (GET /api/v2/ticket_metrics, for ticket pages without metric_sets), ' +
  'satisfaction_ratings*.json (GET /api/v2/satisfaction_ratings) and surveys*.json (Zigpoll GET /responses)';

const LISTED_TICKETS = 5;

/**
 * The history in a folder of Zendesk export pages (KPIS.md, "`frontline kpi`: input files").
 * Zendesk computes business minutes itself, so the history has no schedule, and its ratings
 * include surveys sent but not answered. Ticket pages need their metric sets, sideloaded or from
 * `ticket_metrics*.json`; unknown values and tickets left without metrics are told to `warn`.
 */
export async function readZendeskExport(dir: string, warn: ExportWarn = () => {}): Promise<History> {
  const tickets = new LatestById<Ticket>();
  const agents = new LatestById<Agent>();
  const requesters = new LatestById<Requester>();
  const ticketFiles = await requireJsonFiles(dir, 'tickets', dir, EXPECTED);
  const ticketMetrics = await readTicketMetrics(dir);
  const reportUnknown = warnUnknownValues(warn);
  const withoutMetrics = new Set<string>();
  const readPage = (json: unknown) => {
    try {
      return normalizeZendeskTicketPage(json, ticketMetrics);
    } catch (error) {
      // A page without metric sets: the folder may supply them too.
      if (!(error instanceof PayloadError) || error.path !== 'metric_sets') throw error;
      throw new PayloadError(
        error.path,
        `${error.problem}, or add ticket_metrics*.json pages (GET /api/v2/ticket_metrics)`,
      );
    }
  };
  for await (const page of normalizeJsonFiles(dir, ticketFiles, readPage)) {
    tickets.add(page.tickets);
    // The latest copy of a ticket decides whether it has metrics, as it decides everything else.
    for (const ticket of page.tickets) withoutMetrics.delete(ticket.id);
    for (const id of page.withoutMetrics) withoutMetrics.add(id);
    agents.add(page.agents);
    requesters.add(page.requesters);
    page.unknownValues.forEach(reportUnknown);
  }
  const allTickets = tickets.values();
  checkMetricCoverage(allTickets, withoutMetrics, warn);
  const ratings = new LatestById<Rating>();
  const ratingFiles = await listJsonFiles(dir, 'satisfaction_ratings', dir, EXPECTED);
  for await (const page of normalizeJsonFiles(dir, ratingFiles, normalizeZendeskRatingPage)) ratings.add(page);
  return {
    tickets: allTickets,
    ratings: ratings.values(),
    surveyAnswers: await readSurveyAnswers(dir),
    agents: agents.values(),
    requesters: requesters.values(),
    schedule: null,
    ratingsIncludeUnanswered: true,
  };
}

/** The `ticket_metrics*.json` pages, or none when the folder has none (ticket pages must then carry metric sets). */
async function readTicketMetrics(dir: string): Promise<ZendeskTicketMetrics | undefined> {
  const files = await listJsonFiles(dir, 'ticket_metrics', dir, EXPECTED);
  if (files.length === 0) return undefined;
  const metrics = new ZendeskTicketMetrics();
  for await (const records of normalizeJsonFiles(dir, files, parseZendeskTicketMetricPage)) metrics.add(records);
  return metrics;
}

/**
 * A ticket with no metric set has no reply or solve time. When that is every ticket, the export
 * would read as "nothing solved": refused. When it is some (GET /api/v2/ticket_metrics leaves
 * out archived tickets), they are kept, counting where their status and creation suffice
 * (volume, escalation, backlog), and named in one warning.
 */
function checkMetricCoverage(tickets: readonly Ticket[], withoutMetrics: ReadonlySet<string>, warn: ExportWarn): void {
  if (withoutMetrics.size === 0) return;
  const live = tickets.filter((ticket) => !ticket.removed).length;
  const listed = [...withoutMetrics].slice(0, LISTED_TICKETS).join(', ');
  const more = withoutMetrics.size > LISTED_TICKETS ? ', ...' : '';
  if (withoutMetrics.size === live) {
    throw new ExportError(
      `no ticket in tickets*.json has a metric set, on its page or in ticket_metrics*.json (tickets ${listed}${more}): ` +
        'nothing would read as replied or solved; export the tickets with include=metric_sets',
    );
  }
  warn(
    `warning: no metric set, on its page or in ticket_metrics*.json, for ${withoutMetrics.size} of ${live} tickets ` +
      `(${listed}${more}): they count in no reply or resolution KPI. GET /api/v2/ticket_metrics leaves out ` +
      'archived tickets; export the tickets with include=metric_sets to have them',
  );
}
