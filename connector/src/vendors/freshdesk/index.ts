// The Freshdesk vendor's public surface; its field names stay inside this folder.
export { normalizeFreshdeskBusinessHours } from './business-hours.js';
export { createFreshdeskClient, type FreshdeskClientOptions, type FreshdeskPlan } from './client.js';
export {
  countFreshdeskPublicReplies,
  freshdeskRecordTimes,
  normalizeFreshdeskAgentPage,
  normalizeFreshdeskRatingPage,
  normalizeFreshdeskTicketPage,
  withPublicReplies,
  type FreshdeskTicketPageContent,
  type TicketWithoutReplies,
} from './normalize.js';
export { readFreshdeskWebhook } from './webhook.js';
