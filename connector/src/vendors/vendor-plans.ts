import { FRESHDESK_PLANS } from './freshdesk/index.js';
import type { VendorName } from './vendor-client.js';
import { ZENDESK_PLANS } from './zendesk/index.js';

/** The plans an operator may name for a tenant of each vendor. */
export const VENDOR_PLANS: Readonly<Record<VendorName, readonly string[]>> = {
  zendesk: ZENDESK_PLANS,
  freshdesk: FRESHDESK_PLANS,
};
