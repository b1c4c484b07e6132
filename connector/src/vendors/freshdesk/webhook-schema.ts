/**
 * Zod schemas of the webhooks a Freshdesk automation rule sends (shared/reference/freshdesk.md
 * §4.1). The admin writes the body from placeholders; Frontline's setup asks for
 * `{"freshdesk_webhook": {"ticket_id": "{{ticket.id}}"}}`, and a flat `{"ticket_id": ...}` is read too.
 * UNSURE: the wrapper of the rule's "simple" content (the simulator sends it as above).
 */
import { z } from 'zod';
import { ticketNumber } from '../payload-fields.js';

/** Whether the body is wrapped: `{ "freshdesk_webhook": { ... } }`. */
export const freshdeskWrapperSchema = z.object({ freshdesk_webhook: z.record(z.string(), z.unknown()) });

export const freshdeskWrappedBodySchema = z.object({ freshdesk_webhook: z.object({ ticket_id: ticketNumber }) });

export const freshdeskFlatBodySchema = z.object({ ticket_id: ticketNumber });
