import { describe, expect, it, vi } from 'vitest';
import type { FreshworksClient } from './freshworks-client.js';
import { createFreshworksHost } from './freshworks-host.js';

function fakeClient(iparams: Record<string, unknown> = { connector_host: 'frontline.example.com', tenant: 'beta' }) {
  const handlers = new Map<string, (() => void)[]>();
  const invokeTemplate = vi.fn(async () => ({
    response: JSON.stringify({
      token: 's',
      expiresAt: '2026-11-20T15:15:00.000Z',
      tenant: 'beta',
      user: { id: '5', name: 'Bo', role: 'agent' },
    }),
  }));
  const client = {
    data: {
      get: async (name: string) =>
        ({
          loggedInUser: { loggedInUser: { id: 5, contact: { language: 'de' } } },
          ticket: { ticket: { id: 1234, requester_id: 77 } },
        })[name] ?? {},
    },
    events: { on: (name: string, handler: () => void) => handlers.set(name, [...(handlers.get(name) ?? []), handler]) },
    instance: { resize: vi.fn() },
    iparams: { get: async () => iparams },
    interface: { trigger: vi.fn(async () => undefined) },
    request: { invokeTemplate },
    fire: (name: string) => handlers.get(name)?.forEach((h) => h()),
  };
  return client as FreshworksClient & { fire(name: string): void; request: { invokeTemplate: typeof invokeTemplate } };
}

describe('the Freshdesk host', () => {
  it('reads the connector from the installation parameters and the ticket from the page', async () => {
    const host = createFreshworksHost(fakeClient(), 'ticket_sidebar');
    expect(await host.ready()).toEqual({
      location: 'ticket_sidebar',
      locale: 'de',
      connectorUrl: 'https://frontline.example.com',
    });
    expect(await host.currentTicket()).toEqual({ id: '1234', requesterId: '77' });
    expect(await createFreshworksHost(fakeClient(), 'full_page_app').currentTicket()).toBeNull();
  });

  it('signs in through the request template, naming the account and the agent', async () => {
    const client = fakeClient();
    const session = await createFreshworksHost(client, 'ticket_sidebar').signIn();
    expect(session.user.id).toBe('5');
    expect(client.request.invokeTemplate).toHaveBeenCalledWith('signIn', {
      body: JSON.stringify({ tenant: 'beta', agentId: '5' }),
    });
  });

  it('says what to do when the app is not set up', async () => {
    await expect(createFreshworksHost(fakeClient({}), 'ticket_sidebar').ready()).rejects.toThrow(/connector host/);
  });

  it('keeps within the 700 px the sidebar allows and hears ticket changes until unsubscribed', () => {
    const client = fakeClient();
    const host = createFreshworksHost(client, 'ticket_sidebar');
    host.resize(900);
    expect(client.instance.resize).toHaveBeenCalledWith({ height: '700px' });
    const listener = vi.fn();
    const stop = host.onTicketChanged(listener);
    client.fire('ticket.propertiesUpdated');
    stop();
    client.fire('ticket.statusChanged');
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
