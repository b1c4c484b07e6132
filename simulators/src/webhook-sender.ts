/**
 * Makes a simulated account deliver webhooks to a URL as its vendor would when a ticket changes:
 * Zendesk's signed event webhooks (and a CSAT trigger's), Freshdesk's automation-rule webhooks with
 * their secret header. Bodies are made at the moment of the change, from the ticket as it is then.
 * Not simulated: the vendors' retries after a failed delivery, and Freshdesk counting webhooks
 * against the API limit; a failure is recorded in `deliveries`, never thrown.
 */
import type { SimulatedAccount } from './account.js';
import { freshdeskWebhookRequests } from './freshdesk-webhooks.js';
import type { TicketEvent } from './ticket-events.js';
import type { WebhookRequest } from './webhook-request.js';
import { zendeskWebhookRequests } from './zendesk-webhooks.js';

export interface WebhookSenderOptions {
  readonly account: SimulatedAccount;
  /** Where every webhook goes (the receiver under test). */
  readonly url: string;
  /**
   * Zendesk: the event webhook's signing secret (the HMAC key, as the string Zendesk shows).
   * Freshdesk: the value of the secret header the automation rules send.
   */
  readonly secret: string;
  /** Zendesk: signing secret of the ratings trigger's webhook, a separate webhook; default `secret`. */
  readonly ratingsSecret?: string;
  /** Zendesk: `X-Zendesk-Webhook-Id` of the event webhook and of the ratings one. */
  readonly webhookId?: string;
  readonly ratingsWebhookId?: string;
  /** Zendesk: `account_id` of the events. */
  readonly accountId?: number;
  /** Freshdesk: the secret header's name; default `X-Frontline-Webhook-Secret`. */
  readonly secretHeader?: string;
  /** Sends the requests; default the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/** One webhook sent, and how the receiver answered. */
export interface WebhookDelivery extends WebhookRequest {
  readonly ticketId: number;
  /** The receiver's status; `null` when the request failed. */
  readonly status: number | null;
  readonly error: string | null;
}

export interface WebhookSender {
  /** The webhooks the vendor sends for one change now (none when nothing covers it). */
  requestsFor(event: TicketEvent): WebhookRequest[];
  /** Sends the webhooks of one change, made from the ticket as it is now; never rejects. */
  deliver(event: TicketEvent): Promise<WebhookDelivery[]>;
  /** Delivers on every change of the account from now on; returns the function that stops it. */
  start(): () => void;
  /** Resolves once every delivery begun so far has been answered (or has failed). */
  settled(): Promise<void>;
  /** Every delivery so far, in the order they were answered. */
  readonly deliveries: readonly WebhookDelivery[];
}

/** A webhook sender for the account; see {@link WebhookSenderOptions}. */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const { account, url } = options;
  const send = options.fetch ?? fetch;
  const deliveries: WebhookDelivery[] = [];
  const pending = new Set<Promise<unknown>>();

  const requestsFor = (event: TicketEvent): WebhookRequest[] =>
    account.vendor === 'zendesk'
      ? zendeskWebhookRequests(account.state, event, options, account.clock.now())
      : freshdeskWebhookRequests(account.state, event, options);

  async function post(ticketId: number, request: WebhookRequest): Promise<WebhookDelivery> {
    let delivery: WebhookDelivery;
    try {
      const response = await send(url, { method: 'POST', headers: request.headers, body: request.body });
      // Read to the end, so a keep-alive connection is free for the next one.
      await response.arrayBuffer();
      delivery = { ...request, ticketId, status: response.status, error: null };
    } catch (error) {
      delivery = { ...request, ticketId, status: null, error: String(error) };
    }
    deliveries.push(delivery);
    return delivery;
  }

  function deliver(event: TicketEvent): Promise<WebhookDelivery[]> {
    // Made now, before any await: the body shows the ticket as the change left it.
    const requests = requestsFor(event);
    const sent = Promise.all(requests.map((request) => post(event.ticketId, request)));
    pending.add(sent);
    void sent.finally(() => pending.delete(sent));
    return sent;
  }

  return {
    requestsFor,
    deliver,
    start: () => account.onChange((event) => void deliver(event)),
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    deliveries,
  };
}
