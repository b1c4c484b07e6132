import type { SessionResponse } from '@frontline/connector/api';
import type { HostContext, HostLocation, HostTicket, SidebarHost } from '@frontline/sidebar-ui';
import type { FreshworksClient } from './freshworks-client.js';

/** Ticket-page events after which the open ticket's numbers may have moved (freshdesk.md 2.2). */
const TICKET_EVENTS = [
  'ticket.propertiesUpdated',
  'ticket.statusChanged',
  'ticket.agentChanged',
  'ticket.sendReply',
  'ticket.updated',
] as const;

/** Freshdesk's sidebar is at most 700 px tall (freshdesk.md 2.3). */
const MAX_HEIGHT = 700;

/**
 * The Freshdesk side of the sidebar. Sign-in goes through the `signIn` request template, whose
 * header carries the secure installation parameter: that proves the account, and the connector
 * checks the agent id against the account's agents (docs/api.md says what stays open).
 */
export function createFreshworksHost(client: FreshworksClient, location: HostLocation): SidebarHost {
  let context: Promise<HostContext & { tenant: string }> | null = null;

  const ready = () =>
    (context ??= (async () => {
      const [iparams, user] = await Promise.all([client.iparams.get(), client.data.get('loggedInUser')]);
      const host = iparams['connector_host'];
      const tenant = iparams['tenant'];
      if (typeof host !== 'string' || host === '' || typeof tenant !== 'string' || tenant === '') {
        throw new Error('the app is not set up: an admin enters the connector host and account name in its settings');
      }
      const language = ((user['loggedInUser'] as { contact?: { language?: unknown } } | undefined)?.contact?.language ??
        'en') as string;
      // The platform calls hosts over https; plain http only for a local test run, as its own rules say.
      const scheme = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(host) ? 'http' : 'https';
      return { location, locale: language, connectorUrl: `${scheme}://${host}`, tenant };
    })());

  return {
    vendor: 'freshdesk',
    ready: async () => {
      const { tenant: _tenant, ...hostContext } = await ready();
      return hostContext;
    },
    async currentTicket(): Promise<HostTicket | null> {
      if (location !== 'ticket_sidebar') return null;
      const { ticket } = (await client.data.get('ticket')) as { ticket?: { id?: unknown; requester_id?: unknown } };
      if (ticket?.id === undefined || ticket.requester_id === undefined) return null;
      return { id: String(ticket.id), requesterId: String(ticket.requester_id) };
    },
    async signIn(): Promise<SessionResponse> {
      const { tenant } = await ready();
      const { loggedInUser } = (await client.data.get('loggedInUser')) as { loggedInUser?: { id?: unknown } };
      if (loggedInUser?.id === undefined) throw new Error('Freshdesk did not say who is signed in: reload the page');
      // A lead's personal key, entered once on this browser (see the team view).
      const userKey = globalThis.localStorage?.getItem('frontline.userKey') ?? undefined;
      const result = await client.request.invokeTemplate('signIn', {
        body: JSON.stringify({ tenant, agentId: String(loggedInUser.id), ...(userKey ? { userKey } : {}) }),
      });
      return JSON.parse(result.response) as SessionResponse;
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
