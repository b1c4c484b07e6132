import type { SessionResponse } from '@frontline/connector/api';
import {
  ConnectorError,
  USER_KEY_STORAGE,
  type HostContext,
  type HostLocation,
  type HostTicket,
  type SidebarHost,
} from '@frontline/sidebar-ui';
import type { FreshworksClient } from './freshworks-client.js';

/** Ticket-page events after which the open ticket's numbers may have moved (freshdesk.md 2.2). */
const TICKET_EVENTS = [
  'ticket.propertiesUpdated',
  'ticket.statusChanged',
  'ticket.agentChanged',
  'ticket.sendReply',
  'ticket.updated',
] as const;

/** How many times a just-registered account's sign-in is tried, a second apart, while its agents are read. */
const AGENT_READ_ATTEMPTS = 30;

/** Freshdesk's sidebar is at most 700 px tall (freshdesk.md 2.3). */
const MAX_HEIGHT = 700;

/**
 * The Freshdesk side of the sidebar. Sign-in goes through the `signIn` request template, whose
 * header carries the API key of the secure installation parameter: that proves the account, and
 * the connector checks the agent id against the account's agents (docs/api.md says what stays
 * open). A new install's first sign-in registers the account (`register`) and signs in again.
 */
/** The account's host (`acme.freshdesk.com`): 3.0's `currentHost`, else the older `domainName`. */
async function accountHostOf(client: FreshworksClient): Promise<string> {
  // A platform without `currentHost` rejects the name: `domainName` below is the older way.
  const current = (await client.data.get('currentHost').catch(() => ({}))) as {
    currentHost?: { endpoint_urls?: { freshdesk?: unknown } };
  };
  const url = current.currentHost?.endpoint_urls?.freshdesk;
  if (typeof url === 'string' && url !== '') return new URL(url).host;
  const { domainName } = (await client.data.get('domainName').catch(() => ({}))) as { domainName?: unknown };
  if (typeof domainName === 'string' && domainName !== '') return domainName;
  throw new Error('Freshdesk did not say which account this is: reload the page');
}

/** The connector's answer inside a failed template call, as the UI reads errors. */
function asConnectorError(failure: unknown): ConnectorError {
  const { status, response } = (failure ?? {}) as { status?: unknown; response?: unknown };
  let error: { code?: unknown; message?: unknown } | undefined;
  if (typeof response === 'string') {
    try {
      error = (JSON.parse(response) as { error?: typeof error }).error;
    } catch {
      error = undefined; // Not the connector's JSON (a proxy's page): said by status below.
    }
  }
  const code = typeof status === 'number' ? status : 0;
  return new ConnectorError(
    code,
    typeof error?.code === 'string' ? error.code : 'http',
    typeof error?.message === 'string'
      ? error.message
      : `the connector did not answer (${code || 'no status'}): check the connector host in the app's settings`,
  );
}

export function createFreshworksHost(client: FreshworksClient, location: HostLocation): SidebarHost {
  let context: Promise<HostContext & { accountHost: string }> | null = null;
  // Once this page has been signed in, `not_connected` means an admin disconnected the account,
  // not a new install: it is said, and the account is not registered again behind their back.
  let signedIn = false;

  const ready = () =>
    (context ??= (async () => {
      const [iparams, user, accountHost] = await Promise.all([
        client.iparams.get(),
        client.data.get('loggedInUser'),
        accountHostOf(client),
      ]);
      const host = iparams['connector_host'];
      if (typeof host !== 'string' || host === '') {
        throw new Error('the app is not set up: an admin enters the connector host and the API key in its settings');
      }
      const language = ((user['loggedInUser'] as { contact?: { language?: unknown } } | undefined)?.contact?.language ??
        'en') as string;
      // The platform calls hosts over https; plain http only for a local test run, as its own rules say.
      const scheme = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(host) ? 'http' : 'https';
      return { location, locale: language, connectorUrl: `${scheme}://${host}`, accountHost };
    })());

  // A template call that failed: the platform rejects with the answer's status and text.
  const invoke = async (name: string, body: unknown): Promise<unknown> => {
    try {
      return JSON.parse(
        (await client.request.invokeTemplate(name, { body: JSON.stringify(body) })).response,
      ) as unknown;
    } catch (failure) {
      throw asConnectorError(failure);
    }
  };

  return {
    vendor: 'freshdesk',
    ready: async () => {
      const { accountHost: _host, ...hostContext } = await ready();
      return hostContext;
    },
    async currentTicket(): Promise<HostTicket | null> {
      if (location !== 'ticket_sidebar') return null;
      const { ticket } = (await client.data.get('ticket')) as { ticket?: { id?: unknown; requester_id?: unknown } };
      if (ticket?.id === undefined || ticket.requester_id === undefined) return null;
      return { id: String(ticket.id), requesterId: String(ticket.requester_id) };
    },
    async signIn(): Promise<SessionResponse> {
      const { accountHost } = await ready();
      const { loggedInUser } = (await client.data.get('loggedInUser')) as { loggedInUser?: { id?: unknown } };
      if (loggedInUser?.id === undefined) throw new Error('Freshdesk did not say who is signed in: reload the page');
      // A lead's personal key, entered once on this browser (the team view's Personal key form).
      const userKey = globalThis.localStorage?.getItem(USER_KEY_STORAGE) ?? undefined;
      const body = { host: accountHost, agentId: String(loggedInUser.id), ...(userKey ? { userKey } : {}) };
      try {
        const session = (await invoke('signIn', body)) as SessionResponse;
        signedIn = true;
        return session;
      } catch (error) {
        // A key refused (the admin chose the role again, which makes a new key): sign in as an
        // agent, where the team view asks for the new key, rather than not at all.
        if (userKey && error instanceof ConnectorError && error.status === 401) {
          return (await invoke('signIn', { host: accountHost, agentId: body.agentId })) as SessionResponse;
        }
        if (signedIn || !(error instanceof ConnectorError && error.code === 'not_connected')) throw error;
      }
      // The first call of a new install registers the account with the key the admin entered.
      await invoke('register', { host: accountHost });
      // Its first sync reads the account's agents before anything else: seconds, not minutes.
      for (let attempt = 1; ; attempt++) {
        try {
          const session = (await invoke('signIn', body)) as SessionResponse;
          signedIn = true;
          return session;
        } catch (error) {
          const agentsNotRead = error instanceof ConnectorError && error.code === 'forbidden';
          if (!agentsNotRead || attempt >= AGENT_READ_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
      }
    },
    // The user's own key goes straight to the connector (it is typed here, not a secure setting).
    async proveIdentity(apiKey: string): Promise<void> {
      const { connectorUrl, accountHost } = await ready();
      const { loggedInUser } = (await client.data.get('loggedInUser')) as { loggedInUser?: { id?: unknown } };
      const response = await fetch(`${connectorUrl}/v1/auth/freshdesk/proof`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ host: accountHost, agentId: String(loggedInUser?.id ?? ''), apiKey }),
      });
      const body = (await response.json().catch(() => null)) as {
        userKey?: string;
        error?: { code?: string; message?: string };
      } | null;
      if (!response.ok || typeof body?.userKey !== 'string') {
        throw new ConnectorError(
          response.status,
          body?.error?.code ?? 'http',
          body?.error?.message ?? `the proof failed (${response.status})`,
        );
      }
      globalThis.localStorage?.setItem(USER_KEY_STORAGE, body.userKey);
    },
    resize(heightPx) {
      void client.instance.resize({ height: `${Math.min(MAX_HEIGHT, Math.ceil(heightPx))}px` });
    },
    onTicketChanged(listener) {
      let active = true;
      // The Freshworks client has no way to unsubscribe: a flag stops the calls.
      for (const event of TICKET_EVENTS) client.events.on(event, () => active && listener());
      return () => {
        active = false;
      };
    },
    openTicket(ticketId) {
      // The navigation interface (UNSURE: not in the reference; Freshworks' docs describe it).
      void client.interface.trigger('click', { id: 'ticket', value: Number(ticketId) });
    },
  };
}
