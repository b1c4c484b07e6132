import { readFreshdeskWebhook } from './freshdesk/index.js';
import type { VendorName } from './vendor-client.js';
import type { WebhookNotice, WebhookParser } from './webhook-notice.js';
import { readZendeskWebhook } from './zendesk/index.js';

const PARSERS: Readonly<Record<VendorName, WebhookParser>> = {
  zendesk: readZendeskWebhook,
  freshdesk: readFreshdeskWebhook,
};

/** What a webhook from the vendor asks for: the one place that picks a webhook parser by vendor. */
export function readVendorWebhook(vendor: VendorName, payload: unknown): WebhookNotice {
  return PARSERS[vendor](payload);
}
