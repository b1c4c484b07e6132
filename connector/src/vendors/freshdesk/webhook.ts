import { ticketNotice, type WebhookNotice } from '../webhook-notice.js';
import { freshdeskFlatBodySchema, freshdeskWrappedBodySchema, freshdeskWrapperSchema } from './webhook-schema.js';

const FIX = 'set the rule\'s JSON body to {"freshdesk_webhook": {"ticket_id": "{{ticket.id}}"}}';

/** The ticket a Freshdesk automation rule's webhook is about: every rule means "refresh ticket N". */
export function readFreshdeskWebhook(payload: unknown): WebhookNotice {
  if (freshdeskWrapperSchema.safeParse(payload).success) {
    return ticketNotice(freshdeskWrappedBodySchema, payload, (body) => body.freshdesk_webhook.ticket_id, FIX);
  }
  return ticketNotice(freshdeskFlatBodySchema, payload, (body) => body.ticket_id, FIX);
}
