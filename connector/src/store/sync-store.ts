import type { Agent, BusinessSchedule, History, Rating, Requester, SurveyAnswer } from '@frontline/kpi';
import type { SyncedTicket, VendorName } from '../vendors/vendor-client.js';
import type { CoachingStore } from './coaching-store.js';

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
}

export interface Tenant extends NewTenant {
  readonly id: string;
  readonly createdAt: number;
  /** `stopped` after the vendor refused the credentials; `reason` says what to do. */
  readonly status: 'active' | 'stopped';
  readonly statusReason: string | null;
  readonly escalationTags: readonly string[];
}

/** The position of one change stream of one tenant, saved with the rows it covers. */
export interface StreamCheckpoint {
  readonly cursor: string;
  readonly done: boolean;
  /** Change time the stream has reached (epoch ms), `null` before its first item. */
  readonly reachedTime: number | null;
}

/** What one page brings; any part may be empty. */
export interface PageRows {
  readonly tickets?: readonly SyncedTicket[];
  readonly ratings?: readonly Rating[];
  readonly agents?: readonly Agent[];
  readonly requesters?: readonly Requester[];
  readonly surveyAnswers?: readonly SurveyAnswer[];
}

/**
 * The connector's store. Every row is keyed by tenant; no call reads across tenants. Saving is
 * idempotent: a page saved twice, or an older version of a ticket after a newer one, changes
 * nothing. Credentials are encrypted at rest and decrypted only when a tenant is read.
 * Not in the contract: SQL dialect details, pooling, the embedded or server database behind it.
 */
export interface SyncStore {
  /** Applies the versioned migrations not applied yet. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** Coaching notes, KPI targets and user roles, in the same database. */
  readonly coaching: CoachingStore;

  addTenant(tenant: NewTenant): Promise<Tenant>;
  /** Replaces a tenant's credentials and reactivates it (after a revoked token). */
  updateCredentials(name: string, credentials: VendorCredentials): Promise<Tenant>;
  getTenant(name: string): Promise<Tenant | null>;
  listTenants(): Promise<Tenant[]>;
  setTenantStatus(tenantId: string, status: Tenant['status'], reason: string | null): Promise<void>;

  /** Saves a page's rows and the stream's new checkpoint in one transaction. */
  savePage(tenantId: string, stream: string, rows: PageRows, checkpoint: StreamCheckpoint): Promise<void>;
  readCheckpoint(tenantId: string, stream: string): Promise<StreamCheckpoint | null>;
  /** Records public reply counts found per ticket (Freshdesk conversations). */
  saveReplyCounts(tenantId: string, counts: readonly { ticketId: string; publicReplies: number }[]): Promise<void>;
  /** Tickets created since `since` whose reply count is not known yet, newest first. */
  ticketsNeedingReplyCounts(tenantId: string, since: number, limit: number): Promise<string[]>;
  saveSchedule(tenantId: string, schedule: BusinessSchedule | null): Promise<void>;

  /** Everything stored for the tenant, as the KPI engine takes it. */
  loadHistory(tenantId: string): Promise<History>;
  /** Share of tickets created since `since` whose reply counts are known (1 when none are needed). */
  replyCountCoverage(tenantId: string, since: number): Promise<number>;
}
