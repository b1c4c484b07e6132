// The Zendesk vendor's public surface; its field names stay inside this folder.
export { createZendeskClient, type ZendeskClientOptions, type ZendeskCredentials } from './client.js';
export { ZENDESK_PLANS, zendeskPlanLimit, type ZendeskPlan } from './client-plans.js';
export {
  normalizeZendeskRatingPage,
  normalizeZendeskShownRating,
  normalizeZendeskShownTicket,
  normalizeZendeskTicketPage,
  normalizeZendeskUserPage,
  zendeskTicketChangeTimes,
  type ZendeskShownTicket,
  type ZendeskTicketPageContent,
} from './normalize.js';
export {
  normalizeZendeskSurveyResponsePage,
  SURVEY_RESPONSE_ID_PREFIX,
  type ZendeskSurveyResponsePageContent,
} from './normalize-survey-responses.js';
export { ZendeskTicketMetrics, parseZendeskTicketMetricPage } from './ticket-metrics.js';
export { zendeskMarketplaceHeaders, type ZendeskMarketplaceApp } from './marketplace.js';
export { readZendeskWebhook } from './webhook.js';
export { exchangeZendeskCode, zendeskAuthorizeUrl, ZendeskOAuthError } from './oauth.js';
