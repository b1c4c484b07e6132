// The vendor simulators: seeded account histories, live simulated Zendesk/Freshdesk accounts, and
// msw handlers (plus a loopback HTTP server) that play their APIs, Zigpoll's included, and the
// webhooks the accounts send when their tickets change.
export { generateHistory, CLOSE_AFTER_MS, TOPICS, type HistoryOptions, type SimHistory } from './history.js';
export { ID_BASE, type RequesterDirectory, type SimAgent, type SimGroup } from './people.js';
export { PROFILE_ARCHETYPES, teamProfiles, type AgentProfile, type AgentProfileKind } from './agent-profiles.js';
export { backlogOf, startLifecycleTraffic, type LifecycleTrafficOptions } from './lifecycle-traffic.js';
export { BAD_COMMENTS, GOOD_COMMENTS } from './text-snippets.js';
export { berlinSchedule, toBusinessSchedule, type SimSchedule, type FreshdeskBusinessHoursJson } from './schedule.js';
export { TicketTable, TicketState, RatingState, TicketFlag, NO_ASSIGNEE } from './ticket-table.js';
export {
  createSimulatedAccount,
  DEFAULT_BASE_URLS,
  DEFAULT_ZIGPOLL_ACCOUNT_ID,
  type AccountTruth,
  type FreshdeskTruth,
  type LiveTrafficOptions,
  type SimulatedAccount,
  type SimulatedAccountOf,
  type SimulatedAccountOptions,
  type ZendeskTruth,
} from './account.js';
export type { AccountState, SimVendor, SurveyChoice, ZendeskCsat } from './account-state.js';
export type { NewTicket, RateScore, TicketChange } from './ticket-changes.js';
export type { TicketEvent, TicketEventListener, TicketSnapshot } from './ticket-events.js';
export { rateTicket } from './rate-ticket.js';
export {
  createWebhookSender,
  type WebhookDelivery,
  type WebhookSender,
  type WebhookSenderOptions,
} from './webhook-sender.js';
export type { WebhookRequest } from './webhook-request.js';
export {
  DEFAULT_ZENDESK_ACCOUNT_ID,
  DEFAULT_ZENDESK_RATINGS_WEBHOOK_ID,
  DEFAULT_ZENDESK_WEBHOOK_ID,
  signZendeskWebhook,
  ZENDESK_RATING_TRIGGER_BODY,
} from './zendesk-webhooks.js';
export { FRESHDESK_SECRET_HEADER } from './freshdesk-webhooks.js';
export { FRESHDESK_PLANS, ZENDESK_PLANS, ZENDESK_INCREMENTAL_PER_MINUTE, planLimits } from './plans.js';
export type { FreshdeskPlan, RateLimitOverrides, RateLimits, ZendeskPlan } from './plans.js';
export { FAULT_KINDS, type FaultKind, type FaultOptions } from './faults.js';
export type { RequestGate, RouteStats, SeenRequest, SimulatorStats } from './request-gate.js';
export {
  createZendeskHandlers,
  DEFAULT_ZENDESK_CREDENTIALS,
  type ZendeskCredentials,
  type ZendeskHandlerOptions,
} from './zendesk-handlers.js';
export {
  createFreshdeskHandlers,
  DEFAULT_FRESHDESK_API_KEY,
  FRESHDESK_MAX_PAGE,
  type FreshdeskHandlerOptions,
} from './freshdesk-handlers.js';
export {
  createZigpollHandlers,
  DEFAULT_ZIGPOLL_API_KEY,
  DEFAULT_ZIGPOLL_BASE_URL,
  type ZigpollHandlerOptions,
} from './zigpoll-handlers.js';
export { serveSimulator, type ServeOptions, type SimulatorServer } from './serve-simulator.js';
export { createManualClock, type ManualClock } from './manual-clock.js';
export type {
  ZendeskCommentJson,
  ZendeskMetricSetJson,
  ZendeskRatingJson,
  ZendeskTicketJson,
  ZendeskUserJson,
} from './zendesk-format.js';
export type { ZendeskSurveyResponseJson } from './zendesk-survey-format.js';
export type {
  FreshdeskAgentJson,
  FreshdeskConversationJson,
  FreshdeskRatingJson,
  FreshdeskStatsJson,
  FreshdeskTicketJson,
} from './freshdesk-format.js';
export type { ZigpollResponseJson } from './zigpoll-format.js';
export {
  adminOf,
  type AccountAdmin,
  type CreatedRule,
  type CreatedTrigger,
  type CreatedWebhook,
} from './account-admin.js';
export {
  createConfiguredWebhookSender,
  type AddressedRequest,
  type ConfiguredDelivery,
  type ConfiguredWebhookSender,
} from './configured-webhooks.js';
export type { ZendeskOAuthClient } from './zendesk-admin-handlers.js';
