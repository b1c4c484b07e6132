// What code outside the connector may use of the vendor layer: the client contract and its errors,
// and each vendor's normalizers (through the vendor's own index).
export type {
  Page,
  StreamStart,
  SyncedTicket,
  TicketPage,
  TicketRefresh,
  VendorClient,
  VendorName,
} from './vendor-client.js';
export { VendorAuthError } from './vendor-auth-error.js';
export { VendorUnavailableError } from './vendor-unavailable-error.js';
export { VendorUnsupportedError } from './vendor-unsupported-error.js';
export { createSurveySource, createVendorClient, type ClientContext } from './create-vendor-client.js';
export { VENDOR_PLANS } from './vendor-plans.js';
