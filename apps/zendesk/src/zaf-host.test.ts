import { describe, expect, it, vi } from 'vitest';
import type { ZafClient } from './zaf-client.js';
import { colorSchemeOfPage, connectorUrlOfPage, createZafHost } from './zaf-host.js';

const REGISTRATION = {
  metadata: { settings: { connector_url: 'https://frontline.example.com/' } },
  context: { location: 'ticket_sidebar' },
};

/** A ZAF client that registers as Zendesk would, right after the host subscribes. */
function fakeClient(overrides: Partial<ZafClient> = {}, registration: unknown = REGISTRATION) {
  const handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  const client: ZafClient & { fire(event: string): void } = {
    get: vi.fn(async (paths: string | readonly string[]) => {
      const values: Record<string, unknown> = { 'currentUser.locale': 'de', 'ticket.id': 42, 'ticket.requester.id': 7 };
      return Object.fromEntries(
        [...(typeof paths === 'string' ? [paths] : paths)].map((p) => [p, values[p]]).concat([['errors', {}]]),
      );
    }) as ZafClient['get'],
    invoke: vi.fn(async () => undefined),
    on: (event, handler) => {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
      if (event === 'app.registered') queueMicrotask(() => handler(registration));
    },
    off: (event, handler) =>
      handlers.set(
        event,
        (handlers.get(event) ?? []).filter((h) => h !== handler),
      ),
    fire: (event) => handlers.get(event)?.forEach((h) => h()),
    ...overrides,
  };
  return client;
}

describe('the Zendesk host', () => {
  it('reads the location, the agent language and the connector URL from Zendesk', async () => {
    const host = createZafHost(fakeClient(), { signedToken: 't' });
    expect(await host.ready()).toEqual({
      location: 'ticket_sidebar',
      locale: 'de',
      connectorUrl: 'https://frontline.example.com',
    });
    expect(await host.currentTicket()).toEqual({ id: '42', requesterId: '7' });
  });

  it('exchanges the signed token of the page at the connector', async () => {
    const session = {
      token: 's',
      expiresAt: '2026-11-20T15:15:00.000Z',
      tenant: 'acme',
      user: { id: '9', name: 'Ann', role: 'agent' },
    };
    const fetch = vi.fn(async () => new Response(JSON.stringify(session), { status: 200 }));
    const host = createZafHost(fakeClient(), { signedToken: 'zendesk-signed', fetch });
    expect(await host.signIn()).toEqual(session);
    expect(fetch).toHaveBeenCalledWith(
      'https://frontline.example.com/v1/auth/zendesk',
      expect.objectContaining({ method: 'POST', body: JSON.stringify({ token: 'zendesk-signed' }) }),
    );
  });

  it('signs in at the connector that served the page while Zendesk is still registering the app', async () => {
    let register: () => void = () => {};
    const client = fakeClient({
      on: (event, handler) => {
        if (event === 'app.registered') register = () => handler(REGISTRATION);
      },
    });
    const fetch = vi.fn(async () => new Response(JSON.stringify({ token: 'early' }), { status: 200 }));
    const host = createZafHost(client, {
      signedToken: 'zendesk-signed',
      pageUrl: 'https://frontline.example.com/apps/zendesk/sidebar.html?origin=https%3A%2F%2Facme.zendesk.com',
      fetch,
    });
    const signedIn = host.signIn();
    // The exchange is under way before Zendesk has answered the handshake...
    expect(fetch).toHaveBeenCalledWith('https://frontline.example.com/v1/auth/zendesk', expect.anything());
    register();
    // ...and it is the session the sidebar gets, once the settings confirm the connector.
    expect(await signedIn).toEqual({ token: 'early' });
    expect(fetch).toHaveBeenCalledTimes(1);
    // A later sign-in (a renewal that lost its session) asks the connector again.
    await host.signIn();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("signs in at the settings' connector when the page came from another", async () => {
    const fetch = vi.fn(
      async (url: string | URL | Request) => new Response(JSON.stringify({ token: String(url) }), { status: 200 }),
    );
    const host = createZafHost(fakeClient(), {
      signedToken: 'zendesk-signed',
      pageUrl: 'https://old-connector.example.com/apps/zendesk/sidebar.html',
      fetch,
    });
    expect(await host.signIn()).toEqual({ token: 'https://frontline.example.com/v1/auth/zendesk' });
  });

  it("finds the connector in the page's URL, under a path prefix too", () => {
    expect(connectorUrlOfPage('https://c.example.com/apps/zendesk/team.html?x=1')).toBe('https://c.example.com');
    expect(connectorUrlOfPage('https://c.example.com/frontline/apps/zendesk/sidebar.html')).toBe(
      'https://c.example.com/frontline',
    );
    expect(connectorUrlOfPage('https://c.example.com/sidebar.html')).toBeNull();
  });

  it('says what to do when the page was not signed or the connector refuses', async () => {
    await expect(createZafHost(fakeClient(), { signedToken: null }).signIn()).rejects.toThrow(/signed URLs/);
    const refused = vi.fn(
      async () =>
        new Response(
          JSON.stringify({ error: { code: 'unauthenticated', message: 'the app token expired: reopen the ticket' } }),
          { status: 401 },
        ),
    );
    await expect(createZafHost(fakeClient(), { signedToken: 'old', fetch: refused }).signIn()).rejects.toThrow(
      'the app token expired: reopen the ticket',
    );
    const unset = fakeClient({}, { metadata: { settings: {} }, context: { location: 'ticket_sidebar' } });
    await expect(createZafHost(unset, { signedToken: 't' }).ready()).rejects.toThrow(/connector URL/);
  });

  it('resizes its frame, opens tickets, and hears ticket updates until unsubscribed', async () => {
    const client = fakeClient();
    const host = createZafHost(client, { signedToken: 't' });
    host.resize(321.4);
    expect(client.invoke).toHaveBeenCalledWith('resize', { width: '100%', height: '322px' });
    host.openTicket('99');
    expect(client.invoke).toHaveBeenCalledWith('routeTo', 'ticket', '99');
    const listener = vi.fn();
    const stop = host.onTicketChanged(listener);
    client.fire('ticket.updated');
    stop();
    client.fire('ticket.updated');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('takes the colour scheme Zendesk puts in the frame URL, and follows its changes', async () => {
    expect(colorSchemeOfPage('https://f.example.com/apps/zendesk/sidebar.html?origin=x&colorScheme=dark')).toBe('dark');
    expect(colorSchemeOfPage('https://f.example.com/apps/zendesk/sidebar.html?colorScheme=sepia')).toBeUndefined();
    expect(colorSchemeOfPage(undefined)).toBeUndefined();
    const handlers: Record<string, (...args: unknown[]) => void> = {};
    const base = fakeClient();
    const client: ZafClient = {
      ...base,
      on: (event, handler) => {
        handlers[event] = handler;
        base.on(event, handler);
      },
    };
    const host = createZafHost(client, {
      signedToken: 't',
      pageUrl: 'https://f.example.com/apps/zendesk/sidebar.html?colorScheme=dark',
    });
    expect((await host.ready()).colorScheme).toBe('dark');
    const listener = vi.fn();
    host.onColorSchemeChanged!(listener);
    handlers['colorScheme.changed']!('light');
    handlers['colorScheme.changed']!({ colorScheme: 'dark' });
    handlers['colorScheme.changed']!('sepia');
    expect(listener.mock.calls).toEqual([['light'], ['dark']]);
  });
});
