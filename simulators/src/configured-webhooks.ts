/**
 * Delivers what an admin set up through the account's API, as the vendor does: Zendesk's created
 * webhooks get the ticket events they subscribe to, signed with their own secrets, and a trigger on
 * "Satisfaction changed" sends its own body through its webhook; Freshdesk's automation rules
 * (on creation, on updates) send their content with their custom headers. What was deleted or
 * set inactive sends nothing. Like the fixed sender, no retries: a failure is recorded, never thrown.
 */
import type { SimulatedAccount } from './account.js';
import { adminOf, type AccountAdmin } from './account-admin.js';
import type { TicketEvent } from './ticket-events.js';
import type { WebhookRequest } from './webhook-request.js';
import { zendeskWebhookRequests } from './zendesk-webhooks.js';

/** A request and where it goes. */
export interface AddressedRequest extends WebhookRequest {
  readonly url: string;
}

export interface ConfiguredDelivery extends AddressedRequest {
  readonly ticketId: number;
  readonly status: number | null;
  readonly error: string | null;
}

export interface ConfiguredWebhookSender {
  requestsFor(event: TicketEvent): AddressedRequest[];
  /** Delivers on every change of the account from now on; returns the function that stops it. */
  start(): () => void;
  settled(): Promise<void>;
  readonly deliveries: readonly ConfiguredDelivery[];
}

/** UNSURE: how a "Satisfaction | Changed" condition reads in the Triggers API. */
const satisfactionChanged = (conditions: {
  all: readonly { field: string; operator: string }[];
  any: readonly { field: string; operator: string }[];
}) => [...conditions.all, ...conditions.any].some((c) => c.field === 'satisfaction_score' && c.operator === 'changed');

function zendeskRequests(account: SimulatedAccount, admin: AccountAdmin, event: TicketEvent): AddressedRequest[] {
  const now = account.clock.now();
  const requests: AddressedRequest[] = [];
  for (const webhook of admin.webhooks.values()) {
    if (webhook.status !== 'active' || webhook.subscriptions.includes('conditional_ticket_events')) continue;
    const made = zendeskWebhookRequests(account.state, event, { secret: webhook.secret, webhookId: webhook.id }, now);
    for (const request of made)
      if (webhook.subscriptions.includes(request.kind)) requests.push({ ...request, url: webhook.endpoint });
  }
  for (const trigger of admin.triggers.values()) {
    if (!trigger.active || !satisfactionChanged(trigger.conditions)) continue;
    for (const notification of trigger.notifications) {
      const webhook = admin.webhooks.get(notification.webhookId);
      if (webhook === undefined || webhook.status !== 'active') continue;
      const made = zendeskWebhookRequests(
        account.state,
        event,
        {
          secret: webhook.secret,
          ratingsSecret: webhook.secret,
          ratingsWebhookId: webhook.id,
          ratingsBody: notification.body,
        },
        now,
      );
      for (const request of made)
        if (request.kind === 'trigger:satisfaction-changed') requests.push({ ...request, url: webhook.endpoint });
    }
  }
  return requests;
}

function freshdeskRequests(admin: AccountAdmin, event: TicketEvent): AddressedRequest[] {
  // Creation rules run on a new ticket; update rules on every later change.
  const type = event.before === null ? 1 : 4;
  const requests: AddressedRequest[] = [];
  for (const rule of admin.rules.values()) {
    if (!rule.active || rule.type !== type) continue;
    for (const webhook of rule.webhooks) {
      requests.push({
        kind: `automation:${rule.type}:${rule.id}`,
        url: webhook.url,
        headers: { 'Content-Type': 'application/json', ...webhook.headers },
        body: webhook.content.replaceAll('{{ticket.id}}', String(event.ticketId)),
      });
    }
  }
  return requests;
}

export function createConfiguredWebhookSender(
  account: SimulatedAccount,
  options: { readonly fetch?: typeof fetch } = {},
): ConfiguredWebhookSender {
  const admin = adminOf(account);
  const send = options.fetch ?? fetch;
  const deliveries: ConfiguredDelivery[] = [];
  const pending = new Set<Promise<unknown>>();

  const requestsFor = (event: TicketEvent): AddressedRequest[] =>
    account.state.indexOf(event.ticketId) < 0
      ? []
      : account.vendor === 'zendesk'
        ? zendeskRequests(account, admin, event)
        : freshdeskRequests(admin, event);

  async function post(ticketId: number, request: AddressedRequest): Promise<void> {
    try {
      const response = await send(request.url, { method: 'POST', headers: request.headers, body: request.body });
      await response.arrayBuffer();
      deliveries.push({ ...request, ticketId, status: response.status, error: null });
    } catch (error) {
      deliveries.push({ ...request, ticketId, status: null, error: String(error) });
    }
  }

  return {
    requestsFor,
    start: () =>
      account.onChange((event) => {
        const sent = Promise.all(requestsFor(event).map((request) => post(event.ticketId, request)));
        pending.add(sent);
        void sent.finally(() => pending.delete(sent));
      }),
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    deliveries,
  };
}
