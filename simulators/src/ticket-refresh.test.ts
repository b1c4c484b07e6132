/**
 * The connector's own clients refresh a ticket from the simulators: the ticket, the rating just
 * given on it (Zendesk: the record the ticket names; Freshdesk: the ticket's ratings list) and,
 * for Freshdesk, the reply count, which the refresh leaves to `replies`. And the whole live
 * path: a bad rating arrives, the account sends its webhook, the ticket it names is refreshed.
 */
import { createFreshdeskClient } from '@frontline/connector/vendors/freshdesk';
import { createZendeskClient } from '@frontline/connector/vendors/zendesk';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VendorClient } from '@frontline/connector/vendors';
import { createSimulatedAccount, type SimulatedAccount } from './account.js';
import { createFreshdeskHandlers, DEFAULT_FRESHDESK_API_KEY } from './freshdesk-handlers.js';
import { generateHistory } from './history.js';
import { createManualClock } from './manual-clock.js';
import { rateTicket } from './rate-ticket.js';
import { createWebhookSender } from './webhook-sender.js';
import { createZendeskHandlers, DEFAULT_ZENDESK_CREDENTIALS } from './zendesk-handlers.js';

const NOW = Date.UTC(2026, 2, 1);
const ZENDESK = 'https://acme.zendesk.com';
const FRESHDESK = 'https://acme.freshdesk.com';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function accountOf<V extends 'zendesk' | 'freshdesk'>(vendor: V) {
  const history = generateHistory({ seed: 3, tickets: 200, days: 30, now: NOW });
  const clock = createManualClock(NOW + 120_000);
  return { clock, account: createSimulatedAccount({ vendor, history, clock }) };
}

/** A simulated account served to the connector's client of its vendor. */
function connected(vendor: 'zendesk' | 'freshdesk'): { account: SimulatedAccount; client: VendorClient } {
  if (vendor === 'zendesk') {
    const { clock, account } = accountOf('zendesk');
    server.use(...createZendeskHandlers(account, { baseUrl: ZENDESK }));
    const { email, apiToken: token } = DEFAULT_ZENDESK_CREDENTIALS;
    const credentials = { kind: 'zendesk-token', email, token } as const;
    return { account, client: createZendeskClient({ tenant: 'acme', baseUrl: ZENDESK, clock, credentials }) };
  }
  const { clock, account } = accountOf('freshdesk');
  server.use(...createFreshdeskHandlers(account, { baseUrl: FRESHDESK }));
  const apiKey = DEFAULT_FRESHDESK_API_KEY;
  return { account, client: createFreshdeskClient({ tenant: 'acme', baseUrl: FRESHDESK, clock, apiKey }) };
}

describe('refreshing a ticket from the simulators with the connector clients', () => {
  it('Zendesk: brings the bad rating just given, with its comment', async () => {
    const { account, client } = connected('zendesk');
    const id = account.addTicket();
    account.updateTicket(id, { kind: 'reply' });
    account.updateTicket(id, { kind: 'solve' });
    expect((await client.ticket(String(id)))?.ratings).toEqual([]);

    account.updateTicket(id, { kind: 'rate', score: 'bad', comment: 'Nobody called back' });
    const refreshed = await client.ticket(String(id));
    expect(refreshed?.synced).toMatchObject({ repliesKnown: true, ticket: { id: String(id), publicReplies: 1 } });
    expect(refreshed?.ratings).toEqual([
      expect.objectContaining({ ticketId: String(id), answered: true, positive: false, comment: 'Nobody called back' }),
    ]);
    expect(refreshed?.requesters.map((r) => r.id)).toEqual([refreshed?.synced.ticket.requesterId]);
    await expect(client.ticket('99999')).resolves.toBeNull();
  });

  it('Freshdesk: brings the bad rating just given, and leaves the reply count to replies', async () => {
    const { account, client } = connected('freshdesk');
    const id = account.addTicket();
    account.updateTicket(id, { kind: 'reply' });
    account.updateTicket(id, { kind: 'reply' });
    account.updateTicket(id, { kind: 'solve' });
    account.updateTicket(id, { kind: 'rate', score: 'bad', comment: 'Nobody called back' });

    const refreshed = await client.ticket(String(id));
    expect(refreshed?.synced).toMatchObject({ repliesKnown: false, ticket: { id: String(id) } });
    expect(refreshed?.ratings).toEqual([
      expect.objectContaining({ ticketId: String(id), answered: true, positive: false, comment: 'Nobody called back' }),
    ]);
    const replies = await client.replies(String(id));
    expect(replies.count).toBe(2);
    // The first of the two replies is the stats' first reply.
    expect(replies.firstAt).toBe(refreshed?.synced.ticket.firstReplyAt);
    await expect(client.ticket('99999')).resolves.toBeNull();
  });

  it('Freshdesk: a ticket marked spam or deleted comes back from its refresh as removed', async () => {
    const { account, client } = connected('freshdesk');
    const spam = account.addTicket();
    const deleted = account.addTicket();
    account.updateTicket(spam, { kind: 'spam' });
    account.updateTicket(deleted, { kind: 'delete' });
    expect((await client.ticket(String(spam)))?.synced.ticket.removed).toBe(true);
    expect((await client.ticket(String(deleted)))?.synced.ticket.removed).toBe(true);
  });

  it('a bad rating arrives: the webhook names the ticket, and its refresh brings the rating', async () => {
    for (const vendor of ['zendesk', 'freshdesk'] as const) {
      const { account, client } = connected(vendor);
      const id = account.addTicket();
      account.updateTicket(id, { kind: 'solve' });
      const bodies: string[] = [];
      const sender = createWebhookSender({
        account,
        url: 'https://frontline.test/webhooks',
        secret: 'secret',
        fetch: async (_url, init) => {
          bodies.push(String(init?.body));
          return new Response(null, { status: 204 });
        },
      });
      sender.start();
      rateTicket(account, id, 'bad', 'Still broken');
      await sender.settled();

      expect(bodies).toHaveLength(1);
      const body = JSON.parse(bodies[0]!) as { ticket_id?: string; freshdesk_webhook?: { ticket_id: number } };
      const named = String(body.ticket_id ?? body.freshdesk_webhook?.ticket_id);
      const refreshed = await client.ticket(named);
      expect(refreshed?.ratings).toEqual([
        expect.objectContaining({ ticketId: String(id), positive: false, comment: 'Still broken' }),
      ]);
      server.resetHandlers();
    }
  });
});
