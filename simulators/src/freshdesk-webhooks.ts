/**
 * The webhooks a Freshdesk account sends for one ticket change (shared/reference/freshdesk.md
 * §4.1): automation rules with a "Trigger webhook" action, one rule per event Frontline's setup
 * asks for (ticket created; status changed; customer feedback received; deleted or spam). The body
 * is the "simple" content, placeholders under `freshdesk_webhook`; there is no signature, only the
 * custom header the admin puts on the request.
 */
import type { AccountState } from './account-state.js';
import { RatingState, TicketState } from './ticket-table.js';
import type { TicketEvent } from './ticket-events.js';
import type { WebhookRequest } from './webhook-request.js';

export interface FreshdeskWebhookSetup {
  /** Value of the secret header every rule's webhook sends. */
  readonly secret: string;
  /** Name of that header; default {@link FRESHDESK_SECRET_HEADER}. */
  readonly secretHeader?: string;
}

export const FRESHDESK_SECRET_HEADER = 'X-Frontline-Webhook-Secret';

/** Status names as `{{ticket.status}}` renders them; `hold` is the default custom status 7. */
const STATUS_NAMES: Readonly<Record<number, string>> = {
  [TicketState.new]: 'Open',
  [TicketState.open]: 'Open',
  [TicketState.pending]: 'Pending',
  [TicketState.hold]: 'Waiting on Third Party',
  [TicketState.solved]: 'Resolved',
  [TicketState.closed]: 'Closed',
};

const statusName = (status: number): string => STATUS_NAMES[status] ?? 'Open';

/**
 * What `{{triggered_event}}` renders for each rule. `{ticket_action:created}` is seen in real
 * payloads; UNSURE: the other three are our reading of the same pattern.
 */
function triggeredEvents(event: TicketEvent): string[] {
  const { before, after, change } = event;
  if (before === null) return ['{ticket_action:created}'];
  if (!before.removed && after.removed)
    return [change.kind === 'spam' ? '{ticket_action:marked_as_spam}' : '{ticket_action:deleted}'];
  const fired: string[] = [];
  const from = statusName(before.status);
  const to = statusName(after.status);
  if (from !== to) fired.push(`{status:{from:${from},to:${to}}}`);
  const answered = after.rating === RatingState.good || after.rating === RatingState.bad;
  if (change.kind === 'rate' && change.score !== 'offered' && answered) fired.push('{customer_feedback:received}');
  return fired;
}

/** The requests Freshdesk's rules send for one change (none when no rule covers it). */
export function freshdeskWebhookRequests(
  state: AccountState,
  event: TicketEvent,
  setup: FreshdeskWebhookSetup,
): WebhookRequest[] {
  const index = state.indexOf(event.ticketId);
  if (index < 0) return [];
  const status = statusName(state.table.status[index] ?? TicketState.open);
  return triggeredEvents(event).map((triggered) => ({
    kind: triggered,
    headers: {
      'Content-Type': 'application/json',
      [setup.secretHeader ?? FRESHDESK_SECRET_HEADER]: setup.secret,
    },
    // UNSURE: the "simple" content's wrapper and key names (`ticket_id`, `ticket_status`, `triggered_event`).
    body: JSON.stringify({
      freshdesk_webhook: { ticket_id: event.ticketId, ticket_status: status, triggered_event: triggered },
    }),
  }));
}
