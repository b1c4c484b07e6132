// The plan lists alone, not the vendors' indexes: the CLI reads them for every command, and the
// indexes bring the clients and schemas (axios, zod) with them.
import { FRESHDESK_PLANS } from './freshdesk/client-plans.js';
import type { VendorName } from './vendor-client.js';
import { ZENDESK_PLANS } from './zendesk/client-plans.js';

/** The plans an operator may name for a tenant of each vendor. */
export const VENDOR_PLANS: Readonly<Record<VendorName, readonly string[]>> = {
  zendesk: ZENDESK_PLANS,
  freshdesk: FRESHDESK_PLANS,
};
