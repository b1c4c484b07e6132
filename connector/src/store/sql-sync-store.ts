import type { Agent, BusinessSchedule, History, KpiKey, KpiTickets, TimeWindow } from '@frontline/kpi';
import { selectKpiTickets, selectTypicalReplies, selectWindowTotals, type WindowTotals } from './kpi-sql.js';
import {
  readHistorySlice,
  readInsightSlice,
  readViewBasics,
  selectAgents,
  selectRevision,
  type SliceSelection,
  type ViewBasics,
} from './slice-sql.js';
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
import { selectSchedule, upsertSchedule } from './schedule-sql.js';
import { buildPendingFacts, requestFactBuild } from './fact-build.js';
import { refreshFactsAt } from './fact-sql.js';
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

  /** Applies the migrations, then builds the facts a migration or a schedule change left to build. */
  async migrate(): Promise<void> {
    await migrate(this.client, MIGRATIONS);
    await buildPendingFacts(this.client);
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
      await refreshFactsAt(tx, tenantId, revision);
      await upsertCheckpoint(tx, tenantId, stream, checkpoint);
    });
  }

  readCheckpoint(tenantId: string, stream: string): Promise<StreamCheckpoint | null> {
    return selectCheckpoint(this.client, tenantId, stream);
  }

  saveReplyCounts(tenantId: string, found: readonly RepliesFound[]): Promise<void> {
    if (found.length === 0) return Promise.resolve();
    return this.client.transaction(async (tx) => {
      const revision = await nextRevision(tx, tenantId);
      await updateReplyCounts(tx, tenantId, revision, found);
      await refreshFactsAt(tx, tenantId, revision);
    });
  }

  ticketsNeedingReplyCounts(tenantId: string, since: number, limit: number): Promise<string[]> {
    return selectTicketsNeedingReplyCounts(this.client, tenantId, since, limit);
  }

  async saveSchedule(tenantId: string, schedule: BusinessSchedule | null): Promise<void> {
    const changed = await this.client.transaction(async (tx) => {
      const before = JSON.stringify(await selectSchedule(tx, tenantId));
      await nextRevision(tx, tenantId);
      await upsertSchedule(tx, tenantId, schedule);
      if (JSON.stringify(await selectSchedule(tx, tenantId)) === before) return false;
      // Business minutes the engine computes move with the schedule: every fact is rebuilt.
      await requestFactBuild(tx, tenantId);
      return true;
    });
    if (changed) await buildPendingFacts(this.client);
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

  revision(tenantId: string): Promise<number> {
    return selectRevision(this.client, tenantId);
  }

  viewBasics(tenantId: string): Promise<ViewBasics> {
    return readViewBasics(this.client, tenantId);
  }

  windowTotals(tenantId: string, windows: readonly TimeWindow[], now: number): Promise<WindowTotals[]> {
    return selectWindowTotals(this.client, tenantId, windows, now);
  }

  kpiTickets(
    tenantId: string,
    request: {
      readonly kpi: KpiKey;
      readonly window: TimeWindow;
      readonly now: number;
      readonly agentId: string | null;
    },
  ): Promise<KpiTickets> {
    return selectKpiTickets(this.client, tenantId, request);
  }

  typicalReplies(tenantId: string, window: TimeWindow): Promise<number | null> {
    return selectTypicalReplies(this.client, tenantId, window);
  }

  historySlice(tenantId: string, selection: SliceSelection): Promise<History> {
    return readHistorySlice(this.client, tenantId, selection);
  }

  insightSlice(tenantId: string, window: TimeWindow): Promise<History> {
    return readInsightSlice(this.client, tenantId, window);
  }

  listAgents(tenantId: string): Promise<Agent[]> {
    return selectAgents(this.client, tenantId);
  }
}
