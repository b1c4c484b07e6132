import { noTicket, ticketNotice, type WebhookNotice } from '../webhook-notice.js';
import { zendeskEventTypeSchema, zendeskTicketEventSchema, zendeskTriggerBodySchema } from './webhook-schema.js';

const EVENT_TYPE = 'zen:event-type:';
const TICKET_EVENT_TYPE = 'zen:event-type:ticket.';
const TRIGGER_BODY = '{"ticket_id": "{{ticket.id}}"}';

/**
 * The ticket a Zendesk webhook is about. Every ticket event means "refresh ticket N", whatever
 * changed: new types (and the CSAT ones public code subscribes to, `ticket.csat_received`, which
 * the reference marks UNSURE) need no code here. Other events (users, organizations) name no
 * ticket. A body without an event type is a trigger's, which carries `ticket_id`.
 */
export function readZendeskWebhook(payload: unknown): WebhookNotice {
  const type = zendeskEventTypeSchema.safeParse(payload).data?.type;
  if (type?.startsWith(EVENT_TYPE)) {
    if (!type.startsWith(TICKET_EVENT_TYPE)) {
      return noTicket(`a ${type} event names no ticket: subscribe the webhook to ticket events only`);
    }
    return ticketNotice(
      zendeskTicketEventSchema,
      payload,
      (event) => event.subject,
      'ticket events name it as "subject": "zen:ticket:<id>"',
    );
  }
  return ticketNotice(
    zendeskTriggerBodySchema,
    payload,
    (body) => body.ticket_id,
    `send ticket events, or a trigger body ${TRIGGER_BODY}`,
  );
}
