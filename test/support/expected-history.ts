import {
  freshdeskPageReplies,
  normalizeFreshdeskRatingPage,
  normalizeFreshdeskTicketPage,
  withReplies,
} from '@frontline/connector/vendors/freshdesk';
import {
  normalizeZendeskRatingPage,
  normalizeZendeskSurveyResponsePage,
  normalizeZendeskTicketPage,
} from '@frontline/connector/vendors/zendesk';
import type { Rating, Ticket } from '@frontline/kpi';
import type { FreshdeskTruth, ZendeskTruth } from '@frontline/simulators';

/** What a complete, correct sync must have stored: the vendor's truth through our normalizers. */
export function expectedHistory(truth: ZendeskTruth | FreshdeskTruth): { tickets: Ticket[]; ratings: Rating[] } {
  if (truth.vendor === 'zendesk') {
    const page = normalizeZendeskTicketPage({
      tickets: truth.tickets,
      metric_sets: truth.metricSets,
      users: truth.users,
    });
    return {
      tickets: page.tickets,
      ratings: [
        ...normalizeZendeskRatingPage({ satisfaction_ratings: truth.satisfactionRatings }),
        ...normalizeZendeskSurveyResponsePage({ survey_responses: truth.surveyResponses }).ratings,
      ],
    };
  }
  const page = normalizeFreshdeskTicketPage(truth.tickets);
  // Freshdesk's ticket list leaves out spam and deleted tickets: a sync never sees them.
  const tickets = page.tickets
    .filter((ticket) => !ticket.removed)
    .map((ticket) =>
      withReplies(ticket, freshdeskPageReplies(truth.conversations[Number(ticket.id)] ?? [], ticket.id)),
    );
  return { tickets, ratings: normalizeFreshdeskRatingPage(truth.satisfactionRatings) };
}
