import type { BusinessSchedule, History } from '@frontline/kpi';
import type { SecretKey } from '../secrets/index.js';
import type { CoachingStore } from './coaching-store.js';
import { readChanges, readHistory } from './history-sql.js';
import { selectRequesterNames, selectTicketLabels } from './label-sql.js';
import { migrate } from './migrate.js';
import { deleteTenant } from './remove-tenant-sql.js';
import { MIGRATIONS } from './migrations/index.js';
import {
  markTicketsRemoved,
  nextRevision,
  selectCheckpoint,
  upsertAgents,
  upsertCheckpoint,
  upsertRatings,
  upsertRequesters,
  upsertSurveyAnswers,
  upsertTickets,
} from './page-sql.js';
import { selectReplyCountCoverage, selectTicketsNeedingReplyCounts, updateReplyCounts } from './reply-count-sql.js';
import { updateRatingsIncludeUnanswered } from './ratings-kind-sql.js';
import { upsertSchedule } from './schedule-sql.js';
import { SqlCoachingStore } from './sql-coaching-store.js';
import type { SqlClient } from './sql-client.js';
import type {
  HistoryAt,
  HistoryChanges,
  NewTenant,
  PageRows,
  RepliesFound,
  StreamCheckpoint,
  SyncStore,
  Tenant,
  TicketLabel,
  TenantAccess,
  VendorCredentials,
  ZigpollCredentials,
} from './sync-store.js';
import {
  insertTenant,
  replaceCredentials,
  replaceZigpoll,
  updateBaseUrl,
  selectTenant,
  selectTenants,
  selectUserKeyHash,
  updateTenantAccess,
  updateTenantPlan,
  updateTenantStatus,
  upsertUserKeyHash,
} from './tenant-sql.js';

/**
 * The {@link SyncStore} in SQL, over any {@link SqlClient}: the PostgreSQL server and the
 * embedded PGlite run exactly this SQL and these migrations.
 */
export class SqlSyncStore implements SyncStore {
  readonly coaching: CoachingStore;

  constructor(
    protected readonly client: SqlClient,
    private readonly key: SecretKey,
  ) {
    this.coaching = new SqlCoachingStore(client);
  }

  migrate(): Promise<void> {
    return migrate(this.client, MIGRATIONS);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  addTenant(tenant: NewTenant): Promise<Tenant> {
    return insertTenant(this.client, this.key, tenant);
  }

  updateCredentials(name: string, credentials: VendorCredentials): Promise<Tenant> {
    return replaceCredentials(this.client, this.key, name, credentials);
  }

  setTenantZigpoll(name: string, zigpoll: ZigpollCredentials | null): Promise<Tenant> {
    return replaceZigpoll(this.client, this.key, name, zigpoll);
  }

  moveTenant(name: string, baseUrl: string): Promise<Tenant> {
    return updateBaseUrl(this.client, this.key, name, baseUrl);
  }

  setTenantPlan(name: string, plan: string | null): Promise<Tenant> {
    return updateTenantPlan(this.client, this.key, name, plan);
  }

  getTenant(name: string): Promise<Tenant | null> {
    return selectTenant(this.client, this.key, name);
  }

  listTenants(): Promise<Tenant[]> {
    return selectTenants(this.client, this.key);
  }

  setTenantStatus(tenantId: string, status: Tenant['status'], reason: string | null): Promise<void> {
    return updateTenantStatus(this.client, tenantId, status, reason);
  }

  removeTenant(name: string): Promise<void> {
    return deleteTenant(this.client, name);
  }

  updateAccess(name: string, access: Partial<TenantAccess>): Promise<Tenant> {
    return updateTenantAccess(this.client, this.key, name, access);
  }

  saveUserKeyHash(tenantId: string, userId: string, keyHash: string): Promise<void> {
    return upsertUserKeyHash(this.client, tenantId, userId, keyHash);
  }

  userKeyHash(tenantId: string, userId: string): Promise<string | null> {
    return selectUserKeyHash(this.client, tenantId, userId);
  }

  savePage(tenantId: string, stream: string, rows: PageRows, checkpoint: StreamCheckpoint): Promise<void> {
    return this.client.transaction(async (tx) => {
      const revision = await nextRevision(tx, tenantId);
      await upsertTickets(tx, tenantId, revision, rows.tickets ?? []);
      await markTicketsRemoved(tx, tenantId, revision, rows.removedTickets ?? []);
      await upsertRatings(tx, tenantId, revision, rows.ratings ?? []);
      await upsertAgents(tx, tenantId, revision, rows.agents ?? []);
      await upsertRequesters(tx, tenantId, revision, rows.requesters ?? []);
      await upsertSurveyAnswers(tx, tenantId, revision, rows.surveyAnswers ?? []);
      await upsertCheckpoint(tx, tenantId, stream, checkpoint);
    });
  }

  readCheckpoint(tenantId: string, stream: string): Promise<StreamCheckpoint | null> {
    return selectCheckpoint(this.client, tenantId, stream);
  }

  saveReplyCounts(tenantId: string, found: readonly RepliesFound[]): Promise<void> {
    if (found.length === 0) return Promise.resolve();
    return this.client.transaction(async (tx) =>
      updateReplyCounts(tx, tenantId, await nextRevision(tx, tenantId), found),
    );
  }

  ticketsNeedingReplyCounts(tenantId: string, since: number, limit: number): Promise<string[]> {
    return selectTicketsNeedingReplyCounts(this.client, tenantId, since, limit);
  }

  saveSchedule(tenantId: string, schedule: BusinessSchedule | null): Promise<void> {
    return this.client.transaction(async (tx) => {
      await nextRevision(tx, tenantId);
      await upsertSchedule(tx, tenantId, schedule);
    });
  }

  saveRatingsIncludeUnanswered(tenantId: string, value: boolean): Promise<void> {
    return this.client.transaction(async (tx) => {
      // The revision moves only on a change, so live copies re-read it then and not every sync.
      if (await updateRatingsIncludeUnanswered(tx, tenantId, value)) await nextRevision(tx, tenantId);
    });
  }

  async loadHistory(tenantId: string): Promise<History> {
    return (await readHistory(this.client, tenantId)).history;
  }

  loadHistoryAt(tenantId: string): Promise<HistoryAt> {
    return readHistory(this.client, tenantId);
  }

  loadChanges(tenantId: string, since: number): Promise<HistoryChanges> {
    return readChanges(this.client, tenantId, since);
  }

  ticketLabels(tenantId: string, ticketIds: readonly string[]): Promise<ReadonlyMap<string, TicketLabel>> {
    return selectTicketLabels(this.client, tenantId, ticketIds);
  }

  requesterNames(tenantId: string, requesterIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return selectRequesterNames(this.client, tenantId, requesterIds);
  }

  replyCountCoverage(tenantId: string, since: number): Promise<number> {
    return selectReplyCountCoverage(this.client, tenantId, since);
  }
}
