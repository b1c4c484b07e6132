import { describe, expect, it, vi } from 'vitest';
import type { FreshworksClient } from './freshworks-client.js';
import { createFreshworksHost } from './freshworks-host.js';

const SESSION = {
  token: 's',
  expiresAt: '2026-11-20T15:15:00.000Z',
  tenant: 'beta',
  user: { id: '5', name: 'Bo', role: 'agent' },
};

function fakeClient(iparams: Record<string, unknown> = { connector_host: 'frontline.example.com' }) {
  const handlers = new Map<string, (() => void)[]>();
  const invokeTemplate = vi.fn(async (_name: string, _options: { body?: string }) => ({
    response: JSON.stringify(SESSION),
  }));
  const client = {
    data: {
      get: async (name: string) =>
        ({
          loggedInUser: { loggedInUser: { id: 5, contact: { language: 'de' } } },
          currentHost: { currentHost: { endpoint_urls: { freshdesk: 'https://beta.freshdesk.com' } } },
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
      body: JSON.stringify({ host: 'beta.freshdesk.com', agentId: '5' }),
    });
  });

  it("registers a new install's account at its first sign-in, then signs in", async () => {
    const client = fakeClient();
    const notConnected = {
      status: 409,
      response: JSON.stringify({ error: { code: 'not_connected', message: 'Frontline is not connected yet' } }),
    };
    client.request.invokeTemplate
      .mockRejectedValueOnce(notConnected)
      .mockResolvedValueOnce({ response: JSON.stringify({ tenant: 'beta', created: true }) });
    const session = await createFreshworksHost(client, 'ticket_sidebar').signIn();
    expect(session.tenant).toBe('beta');
    expect(client.request.invokeTemplate.mock.calls.map(([name, options]) => [name, options.body])).toEqual([
      ['signIn', JSON.stringify({ host: 'beta.freshdesk.com', agentId: '5' })],
      ['register', JSON.stringify({ host: 'beta.freshdesk.com' })],
      ['signIn', JSON.stringify({ host: 'beta.freshdesk.com', agentId: '5' })],
    ]);
  });

  it('does not register the account again once it was disconnected under an open sidebar', async () => {
    const client = fakeClient();
    const notConnected = {
      status: 409,
      response: JSON.stringify({ error: { code: 'not_connected', message: 'Frontline is not connected yet' } }),
    };
    const host = createFreshworksHost(client, 'ticket_sidebar');
    await host.signIn();
    client.request.invokeTemplate.mockRejectedValueOnce(notConnected);
    await expect(host.signIn()).rejects.toMatchObject({ code: 'not_connected' });
    expect(client.request.invokeTemplate.mock.calls.map(([name]) => name)).toEqual(['signIn', 'signIn']);
  });

  it("says the connector's own words when it refuses the key", async () => {
    const client = fakeClient();
    client.request.invokeTemplate.mockRejectedValueOnce({
      status: 401,
      response: JSON.stringify({
        error: {
          code: 'unauthenticated',
          message: 'the API key in the app’s settings is not one of this Freshdesk account',
        },
      }),
    });
    await expect(createFreshworksHost(client, 'ticket_sidebar').signIn()).rejects.toThrow(
      /API key .* is not one of this Freshdesk account/,
    );
  });

  it('signs a lead in as an agent when their personal key is refused, so the team view can ask for the new one', async () => {
    const client = fakeClient();
    // The key the team view's form kept in this browser.
    vi.stubGlobal('localStorage', { getItem: (key: string) => (key === 'frontline.userKey' ? 'old-key' : null) });
    try {
      client.request.invokeTemplate.mockRejectedValueOnce({
        status: 401,
        response: JSON.stringify({ error: { code: 'unauthenticated', message: 'the personal key is wrong' } }),
      });
      const session = await createFreshworksHost(client, 'full_page_app').signIn();
      expect(session.user.role).toBe('agent');
      expect(client.request.invokeTemplate.mock.calls.map((c) => c[1].body)).toEqual([
        JSON.stringify({ host: 'beta.freshdesk.com', agentId: '5', userKey: 'old-key' }),
        JSON.stringify({ host: 'beta.freshdesk.com', agentId: '5' }),
      ]);
    } finally {
      vi.unstubAllGlobals();
    }
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
