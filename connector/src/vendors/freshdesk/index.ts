// The Freshdesk vendor's public surface; its field names stay inside this folder.
export { normalizeFreshdeskBusinessHours } from './business-hours.js';
export { createFreshdeskClient, type FreshdeskClientOptions } from './client.js';
export { FRESHDESK_PLANS, isFreshdeskPlan, type FreshdeskPlan } from './client-plans.js';
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
