// The Freshdesk vendor's public surface; its field names stay inside this folder.
export { normalizeFreshdeskBusinessHours } from './business-hours.js';
export { createFreshdeskClient, type FreshdeskClientOptions } from './client.js';
export { FRESHDESK_PLANS, isFreshdeskPlan, type FreshdeskPlan } from './client-plans.js';
export {
  combineReplies,
  freshdeskPageReplies,
  freshdeskRecordTimes,
  NO_REPLIES,
  normalizeFreshdeskAgentPage,
  normalizeFreshdeskRatingPage,
  normalizeFreshdeskRemovedPage,
  normalizeFreshdeskTicketPage,
  withReplies,
  type FreshdeskTicketPageContent,
  type TicketWithoutReplies,
} from './normalize.js';
export { readFreshdeskWebhook } from './webhook.js';
