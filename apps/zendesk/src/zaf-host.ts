import type { SessionResponse } from '@frontline/connector/api';
import { ConnectorError, type HostContext, type HostTicket, type SidebarHost } from '@frontline/sidebar-ui';
import type { ZafClient, ZafRegistration } from './zaf-client.js';

/** Helpdesk events after which the open ticket's numbers may have moved. */
const TICKET_EVENTS = ['ticket.updated', 'ticket.submit.done', 'ticket.requester.id.changed'] as const;

export interface ZafHostOptions {
  /** The signed-URL token the connector wrote into the page (`null` when the page was not signed). */
  readonly signedToken: string | null;
  /** The page's own URL: the connector serves it, so it says where the connector is. */
  readonly pageUrl?: string;
  readonly fetch?: typeof fetch;
}

/**
 * The connector the page came from: its URL up to `/apps/zendesk/` (Zendesk loads the page from
 * `{{setting.connector_url}}/apps/zendesk/...`), or null for a page served elsewhere.
 */
export function connectorUrlOfPage(pageUrl: string): string | null {
  const url = new URL(pageUrl);
  const at = url.pathname.indexOf('/apps/zendesk/');
  return at === -1 ? null : `${url.origin}${url.pathname.slice(0, at)}`;
}

/**
 * The Zendesk side of the sidebar: the ZAF client for context, ticket, resize and events, and
 * the page's signed-URL token, exchanged at the connector for a session.
 */
/** The colour scheme Zendesk puts in the app frame's URL (`?colorScheme=dark`), if any. */
export function colorSchemeOfPage(pageUrl: string | undefined): 'light' | 'dark' | undefined {
  if (pageUrl === undefined) return undefined;
  const scheme = new URL(pageUrl).searchParams.get('colorScheme');
  return scheme === 'dark' || scheme === 'light' ? scheme : undefined;
}

/** The body of a 2xx, or the API's error (its code and message) as a ConnectorError. */
async function readAnswer<T>(response: Response, what: string): Promise<T> {
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as T;
  const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
  throw new ConnectorError(
    response.status,
    error?.code ?? 'http',
    error?.message ?? `${what} (${response.status}): reopen the ticket`,
  );
}

export function createZafHost(client: ZafClient, options: ZafHostOptions): SidebarHost {
  const send = options.fetch ?? fetch;
  // Subscribed at once: the registration arrives after the handshake, never before this runs.
  const registered = new Promise<ZafRegistration>((resolve) =>
    client.on('app.registered', (data) => resolve((data ?? {}) as ZafRegistration)),
  );
  let context: Promise<HostContext> | null = null;

  const exchange = async (connectorUrl: string): Promise<SessionResponse> => {
    const response = await send(`${connectorUrl}/v1/auth/zendesk`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: options.signedToken }),
    });
    return readAnswer<SessionResponse>(response, 'sign-in failed');
  };
  // The first sign-in starts now, at the connector that served the page, instead of after the
  // handshake with Zendesk (tens of milliseconds off the sidebar's first numbers). It is used
  // only when the app's settings name that same connector.
  const pageConnector = options.pageUrl === undefined ? null : connectorUrlOfPage(options.pageUrl);
  let early: { readonly url: string; readonly session: Promise<SessionResponse> } | null =
    pageConnector === null || !options.signedToken ? null : { url: pageConnector, session: exchange(pageConnector) };
  early?.session.catch(() => {});

  const ready = (): Promise<HostContext> =>
    (context ??= (async () => {
      const [{ metadata, context: where }, user] = await Promise.all([
        registered,
        client.get('currentUser.locale').catch(() => ({ errors: {} }) as const),
      ]);
      const url = metadata?.settings?.['connector_url'];
      if (typeof url !== 'string' || url.trim() === '') {
        throw new Error('the app has no connector URL: an admin sets it in the app settings (Connector URL)');
      }
      const locale = (user as Record<string, unknown>)['currentUser.locale'];
      const colorScheme = colorSchemeOfPage(options.pageUrl);
      return {
        location: where?.location === 'nav_bar' ? 'nav_bar' : 'ticket_sidebar',
        locale: typeof locale === 'string' ? locale : 'en',
        connectorUrl: url.trim().replace(/\/+$/, ''),
        ...(colorScheme === undefined ? {} : { colorScheme }),
      };
    })());

  return {
    vendor: 'zendesk',
    ready,
    async currentTicket(): Promise<HostTicket | null> {
      const result = await client.get(['ticket.id', 'ticket.requester.id']).catch(() => null);
      const id = result?.['ticket.id'];
      const requesterId = result?.['ticket.requester.id'];
      if (id === undefined || id === null || requesterId === undefined || requesterId === null) return null;
      return { id: String(id), requesterId: String(requesterId) };
    },
    async signIn(): Promise<SessionResponse> {
      if (options.signedToken === null || options.signedToken === '') {
        throw new Error(
          'Zendesk did not sign this page: reinstall the app (it needs signed URLs), then reopen the ticket',
        );
      }
      const { connectorUrl } = await ready();
      const started = early;
      early = null;
      return started?.url === connectorUrl ? started.session : exchange(connectorUrl);
    },
    async startConnect(): Promise<string> {
      const { connectorUrl } = await ready();
      const response = await send(`${connectorUrl}/v1/connect/zendesk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: options.signedToken }),
      });
      return (await readAnswer<{ authorizeUrl: string }>(response, 'Connect failed')).authorizeUrl;
    },
    // What ZAF says of the user: a hint for the view; the connector asks Zendesk's API itself.
    async isHelpdeskAdmin(): Promise<boolean> {
      const result = await client.get('currentUser.role').catch(() => null);
      return result?.['currentUser.role'] === 'admin';
    },
    resize(heightPx) {
      void client.invoke('resize', { width: '100%', height: `${Math.ceil(heightPx)}px` });
    },
    onTicketChanged(listener) {
      const handler = () => listener();
      for (const event of TICKET_EVENTS) client.on(event, handler);
      return () => {
        for (const event of TICKET_EVENTS) client.off?.(event, handler);
      };
    },
    openTicket(ticketId) {
      void client.invoke('routeTo', 'ticket', ticketId);
    },
    // Zendesk tells its apps when the agent switches between light and dark (its dark-mode guide).
    onColorSchemeChanged(listener) {
      const handler = (scheme: unknown) => {
        const value =
          typeof scheme === 'object' && scheme !== null ? (scheme as { colorScheme?: unknown }).colorScheme : scheme;
        if (value === 'dark' || value === 'light') listener(value);
      };
      client.on('colorScheme.changed', handler);
      return () => client.off?.('colorScheme.changed', handler);
    },
  };
}
