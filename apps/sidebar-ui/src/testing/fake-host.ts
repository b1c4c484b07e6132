// A SidebarHost that records what the UI asks of the helpdesk.
import type { SessionResponse } from '@frontline/connector/api';
import type { HostContext, HostTicket, SidebarHost } from '../host.js';
import * as fixtures from './fixtures.js';

export interface FakeHost extends SidebarHost {
  ticket: HostTicket | null;
  readonly opened: string[];
  readonly heights: number[];
  signIns: number;
  /** What the next sign-ins return, in order (the last one repeats). */
  sessions: SessionResponse[];
  /** What the UI stored through the host (the period chosen), by key. */
  readonly stored: Map<string, string>;
  /** While set, sign-in fails with it (an account not connected yet: code `not_connected`). */
  signInError: Error | null;
  /** What the helpdesk says of the user's role (the Connect button's hint). */
  helpdeskAdmin: boolean;
  /** Pages the UI opened in windows of their own (the consent page). */
  readonly windows: string[];
  /** Switches the open ticket and tells the UI, as the helpdesk would. */
  changeTicket(ticket: HostTicket | null): void;
}

export function createFakeHost(context: Partial<HostContext> = {}): FakeHost {
  const listeners = new Set<() => void>();
  const host: FakeHost = {
    vendor: 'zendesk',
    ticket: { id: '900', requesterId: 'r-1' },
    opened: [],
    stored: new Map(),
    storage: {
      getItem: (key) => host.stored.get(key) ?? null,
      setItem: (key, value) => void host.stored.set(key, value),
    },
    heights: [],
    signIns: 0,
    sessions: [fixtures.session()],
    ready: async () => ({
      location: 'ticket_sidebar',
      locale: 'en-US',
      connectorUrl: 'https://connector.test',
      ...context,
    }),
    currentTicket: async () => host.ticket,
    signInError: null,
    helpdeskAdmin: false,
    windows: [],
    startConnect: async () => 'https://acme.zendesk.test/oauth/authorizations/new?client_id=frontline',
    isHelpdeskAdmin: async () => host.helpdeskAdmin,
    openWindow: (url) => host.windows.push(url),
    signIn: async () => {
      if (host.signInError !== null) throw host.signInError;
      const next = host.sessions[Math.min(host.signIns, host.sessions.length - 1)]!;
      host.signIns += 1;
      return next;
    },
    resize: (height) => host.heights.push(height),
    onTicketChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openTicket: (id) => host.opened.push(id),
    changeTicket: (ticket) => {
      host.ticket = ticket;
      for (const l of listeners) l();
    },
  };
  return host;
}
