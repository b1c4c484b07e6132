// The seam between the one UI and each helpdesk: apps/zendesk and apps/freshdesk implement this,
// the UI never talks to a vendor SDK directly. Tests pass a fake.
import type { SessionResponse } from '@frontline/connector/api';

/** Where the helpdesk shows the app: the agent's ticket sidebar, or a lead's page. */
export type HostLocation = 'ticket_sidebar' | 'nav_bar' | 'full_page_app';

/** What the helpdesk tells the app once it is registered. */
export interface HostContext {
  /** Where the app is shown. */
  readonly location: HostLocation;
  /** The user's language as a BCP 47 tag (`en-US`, `de`); picks the translation, English when unknown. */
  readonly locale: string;
  /** The connector's base URL from the app settings, without a trailing slash (`https://frontline.example.com`). */
  readonly connectorUrl: string;
  /** The helpdesk's colour scheme, when it tells its apps (Zendesk does); else the browser's preference is used. */
  readonly colorScheme?: 'light' | 'dark';
}

/** The ticket open beside the sidebar, in the helpdesk's own ids. */
export interface HostTicket {
  readonly id: string;
  readonly requesterId: string;
}

/** Everything the UI needs from a helpdesk. */
export interface SidebarHost {
  /** Which helpdesk this is (for wording only: the UI never branches on it for data). */
  readonly vendor: 'zendesk' | 'freshdesk';
  /** Resolves once the helpdesk has registered the app. */
  ready(): Promise<HostContext>;
  /** The ticket open beside the sidebar; null on a page without one. */
  currentTicket(): Promise<HostTicket | null>;
  /** Signs in the helpdesk's way (Zendesk signed-URL token, Freshdesk request template) and returns the connector session. */
  signIn(): Promise<SessionResponse>;
  /** Fits the host frame to the content. */
  resize(heightPx: number): void;
  /** Called when the helpdesk says the open ticket changed (saved, updated, another ticket opened); returns the unsubscribe. */
  onTicketChanged(listener: () => void): () => void;
  /** Opens a ticket in the helpdesk. */
  openTicket(ticketId: string): void;
  /** Called when the helpdesk switches between light and dark; returns the unsubscribe. */
  onColorSchemeChanged?(listener: (scheme: 'light' | 'dark') => void): () => void;
  /**
   * Starts connecting an account Frontline does not know yet, and resolves to the helpdesk page
   * where an admin allows access (Zendesk's OAuth consent); absent where the helpdesk connects at
   * install instead (Freshdesk).
   */
  startConnect?(): Promise<string>;
  /**
   * Whether the helpdesk says the user administers the account, to choose between a Connect
   * button and "ask your admin". A hint from the browser only: the connector checks with the
   * helpdesk's API before it connects anything.
   */
  isHelpdeskAdmin?(): Promise<boolean>;
  /**
   * Proves once who the user is with their own helpdesk API key (Freshdesk, whose sign-in proves
   * only the account), keeping the personal key the connector answers for later sign-ins.
   */
  proveIdentity?(apiKey: string): Promise<void>;
  /** Opens a helpdesk page in a window of its own (the consent page); `window.open` when absent. */
  openWindow?(url: string): void;
  /** Where the UI keeps the agent's choices (the period shown); the browser's localStorage when absent. */
  readonly storage?: Pick<Storage, 'getItem' | 'setItem'>;
}
