/**
 * Zod schemas of the webhooks a Zendesk account sends (shared/reference/zendesk.md §5): event
 * webhooks, fixed JSON of a `zen:event-type:*` type, and the body of the trigger webhook Frontline's
 * setup asks for, which the admin writes. Only the fields we use are declared.
 */
import { z } from 'zod';
import { describeValue } from '../parse-payload.js';
import { ticketNumber } from '../payload-fields.js';

const TICKET_ZRN = 'zen:ticket:';

/** Any event webhook: `{ type: "zen:event-type:<object>.<event>", ... }`. */
export const zendeskEventTypeSchema = z.object({ type: z.string() });

/** A ticket event: `subject` is the ticket's ZRN, `zen:ticket:<id>` (`detail.id` repeats it, as text). */
export const zendeskTicketEventSchema = z.object({
  subject: z
    .string()
    .startsWith(TICKET_ZRN, { error: (issue) => `expected "${TICKET_ZRN}<id>", got ${describeValue(issue.input)}` })
    .transform((zrn) => zrn.slice(TICKET_ZRN.length))
    .pipe(ticketNumber),
});

/** The trigger body of Frontline's setup: `{"ticket_id": "{{ticket.id}}"}`, other keys free. */
export const zendeskTriggerBodySchema = z.object({ ticket_id: ticketNumber });
