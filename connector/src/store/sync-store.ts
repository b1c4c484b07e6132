import type { Agent, BusinessSchedule, History, Rating, Requester, SurveyAnswer, Ticket } from '@frontline/kpi';
import type {
  NamedRequester,
  RemovedTicket,
  SyncedTicket,
  TicketReplies,
  VendorName,
} from '../vendors/vendor-client.js';
import type { InstalledHook } from '../vendors/helpdesk-setup.js';
import type { CoachingStore } from './coaching-store.js';
import type { KpiReads } from './kpi-reads.js';

/** How the connector signs in to a tenant's helpdesk (and, optionally, its Zigpoll account). */
export type VendorCredentials =
  | { readonly kind: 'zendesk-token'; readonly email: string; readonly token: string }
  | { readonly kind: 'zendesk-oauth'; readonly accessToken: string }
  | { readonly kind: 'freshdesk-key'; readonly apiKey: string };

export interface ZigpollCredentials {
  readonly apiKey: string;
  readonly accountId: string;
}

export interface NewTenant {
  readonly name: string;
  readonly vendor: VendorName;
  /** The vendor base URL, e.g. https://acme.zendesk.com (any compatible server will do). */
  readonly baseUrl: string;
  readonly credentials: VendorCredentials;
  readonly zigpoll: ZigpollCredentials | null;
  /** The helpdesk plan the operator named (its rate limits); unset, the client learns them. */
  readonly plan?: string | null;
}

export interface Tenant extends NewTenant {
  readonly id: string;
  readonly plan: string | null;
  readonly createdAt: number;
  /** `stopped` after the vendor refused the credentials; `reason` says what to do. */
  readonly status: 'active' | 'stopped';
  readonly statusReason: string | null;
  readonly escalationTags: readonly string[];
  readonly access: TenantAccess;
  /** Whether its ratings include unanswered surveys, as its last sync found; `null` before the first. */
  readonly ratingsIncludeUnanswered: boolean | null;
}

/** The Zendesk app's signed-URL key: tokens it signs prove "user X of this account". */
export interface ZendeskAppKey {
  /** PEM of the app's RS256 public key. */
  readonly publicKeyPem: string;
  /** The `aud` the tokens carry (the installation). */
  readonly audience: string;
  /** The `iss` they carry: the account host, e.g. `acme.zendesk.com`. */
  readonly issuer: string;
}

/** What proves that a request comes from the tenant's helpdesk; each `null` until an admin sets it. */
export interface TenantAccess {
  /**
   * Zendesk: the signing secret of each webhook (one for ticket events, one for the trigger that
   * reports ratings: Zendesk has no rating event); Freshdesk: the automation rule's secret header.
   * Empty until set.
   */
  readonly webhookSecrets: readonly string[];
  /** Freshdesk: the secure installation parameter the app's request templates send. */
  readonly appSecret: string | null;
  readonly zendeskApp: ZendeskAppKey | null;
  /** What Frontline created in the helpdesk at Connect, to remove at disconnect; null for an operator's tenant. */
  readonly hooks: readonly InstalledHook[] | null;
}

/** The position of one change stream of one tenant, saved with the rows it covers. */
export interface StreamCheckpoint {
  readonly cursor: string;
  readonly done: boolean;
  /** Change time the stream has reached (epoch ms), `null` before its first item. */
  readonly reachedTime: number | null;
}

/** A tenant's history and the revision it is complete up to (see migration 3). */
export interface HistoryAt {
  readonly history: History;
  readonly revision: number;
}

/** What changed in a tenant's history after a revision: every changed row, whole. */
export interface HistoryChanges {
  readonly revision: number;
  readonly tickets: readonly Ticket[];
  readonly ratings: readonly Rating[];
  readonly surveyAnswers: readonly SurveyAnswer[];
  readonly agents: readonly Agent[];
  readonly requesters: readonly Requester[];
  /** Read every time: one small row, and a removed schedule leaves no row to stamp. */
  readonly schedule: BusinessSchedule | null;
  /** Read every time, as the schedule (see `History.ratingsIncludeUnanswered`). */
  readonly ratingsIncludeUnanswered: boolean;
}

/** What one ticket's conversations said (Freshdesk): its public agent replies and the first one. */
export interface RepliesFound extends TicketReplies {
  readonly ticketId: string;
}

/** What one page brings; any part may be empty. */
export interface PageRows {
  readonly tickets?: readonly SyncedTicket[];
  /** Stored tickets the vendor has since deleted or marked spam; ids not stored are ignored. */
  readonly removedTickets?: readonly RemovedTicket[];
  readonly ratings?: readonly Rating[];
  readonly agents?: readonly Agent[];
  readonly requesters?: readonly NamedRequester[];
  readonly surveyAnswers?: readonly SurveyAnswer[];
}

/** What a person is shown beside a ticket id: read from the store for the rows of a response. */
export interface TicketLabel {
  readonly subject: string | null;
  readonly requesterId: string;
  readonly requesterName: string | null;
}

/**
 * The connector's store. Every row is keyed by tenant; no call reads across tenants. Saving is
 * idempotent: a page saved twice, or an older version of a ticket after a newer one, changes
 * nothing. Credentials are encrypted at rest and decrypted only when a tenant is read.
 * Not in the contract: SQL dialect details, pooling, the embedded or server database behind it.
 */
export interface SyncStore extends KpiReads {
  /** Applies the versioned migrations not applied yet. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** Coaching notes, KPI targets and user roles, in the same database. */
  readonly coaching: CoachingStore;

  addTenant(tenant: NewTenant): Promise<Tenant>;
  /** Replaces a tenant's credentials and reactivates it (after a revoked token). */
  updateCredentials(name: string, credentials: VendorCredentials): Promise<Tenant>;
  /** Replaces (or, with `null`, removes) the tenant's Zigpoll credentials; throws `TenantNotFoundError`. */
  setTenantZigpoll(name: string, zigpoll: ZigpollCredentials | null): Promise<Tenant>;
  /** Points a tenant at a new base URL (the helpdesk moved); its history and cursors stay. */
  moveTenant(name: string, baseUrl: string): Promise<Tenant>;
  /** Sets (or, with `null`, forgets) the tenant's helpdesk plan; throws `TenantNotFoundError`. */
  setTenantPlan(name: string, plan: string | null): Promise<Tenant>;
  getTenant(name: string): Promise<Tenant | null>;
  listTenants(): Promise<Tenant[]>;
  setTenantStatus(tenantId: string, status: Tenant['status'], reason: string | null): Promise<void>;
  /**
   * Deletes the tenant and every row stored for it (history, checkpoints, coaching, roles, keys)
   * in one transaction; throws `TenantNotFoundError`.
   */
  removeTenant(name: string): Promise<void>;
  /** Sets the given parts of a tenant's access (secrets encrypted); throws `TenantNotFoundError`. */
  updateAccess(name: string, access: Partial<TenantAccess>): Promise<Tenant>;
  /** Stores the SHA-256 of a user's personal key (Freshdesk leads and admins prove themselves with it). */
  saveUserKeyHash(tenantId: string, userId: string, keyHash: string): Promise<void>;
  userKeyHash(tenantId: string, userId: string): Promise<string | null>;

  /** Saves a page's rows and the stream's new checkpoint in one transaction. */
  savePage(tenantId: string, stream: string, rows: PageRows, checkpoint: StreamCheckpoint): Promise<void>;
  readCheckpoint(tenantId: string, stream: string): Promise<StreamCheckpoint | null>;
  /**
   * Records public reply counts found per ticket (Freshdesk conversations), and the first reply
   * where the stored ticket has none.
   */
  saveReplyCounts(tenantId: string, found: readonly RepliesFound[]): Promise<void>;
  /** Tickets created since `since` whose reply count is not known yet, newest first. */
  ticketsNeedingReplyCounts(tenantId: string, since: number, limit: number): Promise<string[]>;
  saveSchedule(tenantId: string, schedule: BusinessSchedule | null): Promise<void>;
  /** Records whether the account's ratings include surveys sent and unanswered (its CSAT kind may change). */
  saveRatingsIncludeUnanswered(tenantId: string, value: boolean): Promise<void>;

  /** Everything stored for the tenant, as the KPI engine takes it. */
  loadHistory(tenantId: string): Promise<History>;
  /** The same, with the revision it is complete up to: the start of a live copy. */
  loadHistoryAt(tenantId: string): Promise<HistoryAt>;
  /**
   * Every row changed after revision `since` (tickets, ratings, survey answers, agents,
   * requesters, whole), the schedule, and the revision they bring a live copy to.
   */
  loadChanges(tenantId: string, since: number): Promise<HistoryChanges>;
  /** Subject and requester of each named ticket the store holds; an id it does not hold is not in the map. */
  ticketLabels(tenantId: string, ticketIds: readonly string[]): Promise<ReadonlyMap<string, TicketLabel>>;
  /** The name of each requester named that is stored with one. */
  requesterNames(tenantId: string, requesterIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** Share of tickets created since `since` whose reply counts are known (1 when none are needed). */
  replyCountCoverage(tenantId: string, since: number): Promise<number>;
}
