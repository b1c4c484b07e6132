import { describe, expect, it, vi } from 'vitest';
import type { ZafClient } from './zaf-client.js';
import { createZafHost } from './zaf-host.js';

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
});
