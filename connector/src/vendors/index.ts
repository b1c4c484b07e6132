// What code outside the connector may use of the vendor layer: the client contract and its errors,
// and each vendor's normalizers (through the vendor's own index).
export type {
  NamedRequester,
  Page,
  RemovedTicket,
  StreamStart,
  SyncedTicket,
  TicketPage,
  TicketRefresh,
  TicketReplies,
  VendorClient,
  VendorName,
} from './vendor-client.js';
export { AccountCheckError, type AccountCheckProblem } from './account-check-error.js';
export { DEFAULT_CHECK_TIMEOUT_MS } from './check-access.js';
export { CursorExpiredError } from './cursor-expired-error.js';
export { reportEachOnce, type UnknownValue, type UnknownValueReporter } from './unknown-value.js';
export { VendorAuthError } from './vendor-auth-error.js';
export { VendorUnavailableError } from './vendor-unavailable-error.js';
export { VendorUnsupportedError } from './vendor-unsupported-error.js';
export { readVendorWebhook } from './read-webhook.js';
export type { WebhookNotice } from './webhook-notice.js';
export { createSurveySource, createVendorClient, type ClientContext } from './create-vendor-client.js';
export { VENDOR_PLANS } from './vendor-plans.js';
