import type { HelpdeskSetup } from './helpdesk-setup.js';
import type { Agent, BusinessSchedule, Rating, Requester, Ticket } from '@frontline/kpi';

export type VendorName = 'zendesk' | 'freshdesk';

/** A ticket as the sync keeps it: the model, plus what it needs to keep only the latest version. */
export interface SyncedTicket {
  readonly ticket: Ticket;
  /** The vendor's last change to the ticket: a stored copy is replaced only by one at least as new. */
  readonly updatedAt: number;
  /**
   * Whether `ticket.publicReplies` is known. Freshdesk's ticket list does not carry it: it is
   * counted from the ticket's conversations, one call per ticket, later (`replies`).
   */
  readonly repliesKnown: boolean;
  /** What the ticket is about, as its subject line says; without one the stored subject stays. */
  readonly subject?: string | null;
}

/** A requester as the sync stores it: the model, and the name the sidebar shows. */
export interface NamedRequester extends Requester {
  /** `undefined` or `null` keeps the stored name (a read that does not carry it). */
  readonly name?: string | null;
}

/** A ticket's public agent replies: how many, and when the first came (`null` without one). */
export interface TicketReplies {
  readonly count: number;
  readonly firstAt: number | null;
}

/** A ticket deleted or marked spam, and when (the vendor's change time): it leaves every KPI. */
export interface RemovedTicket {
  readonly id: string;
  readonly updatedAt: number;
}

/** Where a stream of changes starts: a time on first sync, the cursor of the last page after. */
export type StreamStart = { readonly since: number } | { readonly cursor: string };

/** One page of a change stream. Store its rows and `cursor` together: that is the checkpoint. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Resumes the stream after this page. */
  readonly cursor: string;
  /** The stream has caught up with the vendor; poll again later from `cursor`. */
  readonly done: boolean;
  /** Change time of the page's last item, for progress and phase boundaries; `null` if empty. */
  readonly reachedTime: number | null;
}

export interface TicketPage extends Page<SyncedTicket> {
  /** Agents and requesters the page mentions (Zendesk sideloads them; Freshdesk has requesters). */
  readonly agents: readonly Agent[];
  readonly requesters: readonly NamedRequester[];
}

/** A webhook refresh of one ticket: the ticket as it is now, and what hangs on it. */
export interface TicketRefresh {
  /** `repliesKnown` is as on the ticket stream: where `needsReplyCounts`, count them with `replies`. */
  readonly synced: SyncedTicket;
  /** Every rating record of the ticket, as `ratingsSince` would give it; empty when it has none. */
  readonly ratings: readonly Rating[];
  /** Agents and requesters the ticket mentions, as on a {@link TicketPage}. */
  readonly agents: readonly Agent[];
  readonly requesters: readonly NamedRequester[];
}

/**
 * Reads one helpdesk account's history through its API, within the account's rate limits.
 * Normalizes every payload to the model before returning it. Not in the contract: auth headers,
 * paging style (cursor, page numbers, `updated_since` windows), field names, retries and waits.
 * Errors: `VendorAuthError`, `VendorUnavailableError`, `VendorUnsupportedError` (one file each),
 * `AccountCheckError` from `checkAccess` alone, and
 * `CursorExpiredError` from the paged reads below when called with a `{ cursor }` the vendor
 * refuses: every cursor-paged stream a client adds throws it too, so the sync restarts that stream.
 */
export interface VendorClient {
  readonly vendor: VendorName;
  /**
   * Checks the base URL and the credentials in one request, with a short timeout (10 s) and no
   * retries: the URL answers as this vendor's API, takes the credentials, and signs them in as
   * an agent or admin. Resolves to that agent; throws `AccountCheckError` naming what failed.
   */
  checkAccess(): Promise<Agent>;
  /**
   * Whether unanswered surveys come with the ratings (see `History.ratingsIncludeUnanswered`):
   * a question to the account where it depends on the account's settings (Zendesk's CSAT kind).
   */
  ratingsIncludeUnanswered(): Promise<boolean>;
  /** Whether tickets arrive with `repliesKnown: false` and need `replies` per ticket. */
  readonly needsReplyCounts: boolean;
  /** Tickets changed since the start, oldest change first, one page per call. Refused cursor: `CursorExpiredError`. */
  ticketsChangedSince(start: StreamStart): Promise<TicketPage>;
  /** Satisfaction ratings created or changed since the start, one page per call. Refused cursor: `CursorExpiredError`. */
  ratingsSince(start: StreamStart): Promise<Page<Rating>>;
  /** Every agent of the account. */
  agents(): Promise<Agent[]>;
  /** The account's default business hours, or `null` when it has none or computes its own. */
  businessSchedule(): Promise<BusinessSchedule | null>;
  /**
   * Public agent replies of one ticket, and the first one's time (only where `needsReplyCounts`);
   * the first reply fills in a ticket whose first reply time the ticket stream did not give.
   */
  replies(ticketId: string): Promise<TicketReplies>;
  /**
   * Tickets deleted or marked spam since the start, one page per call, oldest change first. Only
   * where the ticket stream leaves such tickets out instead of reporting them (Freshdesk's list
   * does; Zendesk's export reports `status: deleted`), so a stored ticket would stay in the KPIs.
   */
  ticketsRemovedSince?(start: StreamStart): Promise<Page<RemovedTicket>>;
  /**
   * One ticket, fresh, with its ratings, for a webhook refresh (a rating just given must reach the
   * sidebar without waiting for the ratings stream); `null` when the ticket no longer exists.
   */
  ticket(ticketId: string): Promise<TicketRefresh | null>;
  /** Creates and removes the account's webhooks, and revokes access, for connect and disconnect. */
  readonly setup?: HelpdeskSetup;
}
