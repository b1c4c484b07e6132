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
