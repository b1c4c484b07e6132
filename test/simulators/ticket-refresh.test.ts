/**
 * The connector's own clients refresh a ticket from the simulators: the ticket, the rating just
 * given on it (Zendesk: the record the ticket names; Freshdesk: the ticket's ratings list) and,
 * for Freshdesk, the reply count, which the refresh leaves to `publicReplies`.
 */
import { createFreshdeskClient } from '@frontline/connector/vendors/freshdesk';
import { createZendeskClient } from '@frontline/connector/vendors/zendesk';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatedAccount } from './account.js';
import { createFreshdeskHandlers, DEFAULT_FRESHDESK_API_KEY } from './freshdesk-handlers.js';
import { generateHistory } from './history.js';
import { createManualClock } from './manual-clock.js';
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

describe('refreshing a ticket from the simulators with the connector clients', () => {
  it('Zendesk: brings the bad rating just given, with its comment', async () => {
    const { clock, account } = accountOf('zendesk');
    server.use(...createZendeskHandlers(account, { baseUrl: ZENDESK }));
    const client = createZendeskClient({
      tenant: 'acme',
      baseUrl: ZENDESK,
      clock,
      credentials: {
        kind: 'zendesk-token',
        email: DEFAULT_ZENDESK_CREDENTIALS.email,
        token: DEFAULT_ZENDESK_CREDENTIALS.apiToken,
      },
    });
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

  it('Freshdesk: brings the bad rating just given, and leaves the reply count to publicReplies', async () => {
    const { clock, account } = accountOf('freshdesk');
    server.use(...createFreshdeskHandlers(account, { baseUrl: FRESHDESK }));
    const client = createFreshdeskClient({
      tenant: 'acme',
      baseUrl: FRESHDESK,
      clock,
      apiKey: DEFAULT_FRESHDESK_API_KEY,
    });
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
    await expect(client.publicReplies(String(id))).resolves.toBe(2);
    await expect(client.ticket('99999')).resolves.toBeNull();
  });
});
