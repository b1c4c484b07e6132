import type { BusinessSchedule, History } from '@frontline/kpi';
import type { SecretKey } from '../secrets/index.js';
import type { CoachingStore } from './coaching-store.js';
import { readHistory } from './history-sql.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import {
  selectCheckpoint,
  upsertAgents,
  upsertCheckpoint,
  upsertRatings,
  upsertRequesters,
  upsertSurveyAnswers,
  upsertTickets,
} from './page-sql.js';
import { selectReplyCountCoverage, selectTicketsNeedingReplyCounts, updateReplyCounts } from './reply-count-sql.js';
import { upsertSchedule } from './schedule-sql.js';
import { SqlCoachingStore } from './sql-coaching-store.js';
import type { SqlClient } from './sql-client.js';
import type { NewTenant, PageRows, StreamCheckpoint, SyncStore, Tenant, VendorCredentials } from './sync-store.js';
import { insertTenant, replaceCredentials, selectTenant, selectTenants, updateTenantStatus } from './tenant-sql.js';

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

  getTenant(name: string): Promise<Tenant | null> {
    return selectTenant(this.client, this.key, name);
  }

  listTenants(): Promise<Tenant[]> {
    return selectTenants(this.client, this.key);
  }

  setTenantStatus(tenantId: string, status: Tenant['status'], reason: string | null): Promise<void> {
    return updateTenantStatus(this.client, tenantId, status, reason);
  }

  savePage(tenantId: string, stream: string, rows: PageRows, checkpoint: StreamCheckpoint): Promise<void> {
    return this.client.transaction(async (tx) => {
      await upsertTickets(tx, tenantId, rows.tickets ?? []);
      await upsertRatings(tx, tenantId, rows.ratings ?? []);
      await upsertAgents(tx, tenantId, rows.agents ?? []);
      await upsertRequesters(tx, tenantId, rows.requesters ?? []);
      await upsertSurveyAnswers(tx, tenantId, rows.surveyAnswers ?? []);
      await upsertCheckpoint(tx, tenantId, stream, checkpoint);
    });
  }

  readCheckpoint(tenantId: string, stream: string): Promise<StreamCheckpoint | null> {
    return selectCheckpoint(this.client, tenantId, stream);
  }

  saveReplyCounts(tenantId: string, counts: readonly { ticketId: string; publicReplies: number }[]): Promise<void> {
    return updateReplyCounts(this.client, tenantId, counts);
  }

  ticketsNeedingReplyCounts(tenantId: string, since: number, limit: number): Promise<string[]> {
    return selectTicketsNeedingReplyCounts(this.client, tenantId, since, limit);
  }

  saveSchedule(tenantId: string, schedule: BusinessSchedule | null): Promise<void> {
    return upsertSchedule(this.client, tenantId, schedule);
  }

  loadHistory(tenantId: string): Promise<History> {
    return readHistory(this.client, tenantId);
  }

  replyCountCoverage(tenantId: string, since: number): Promise<number> {
    return selectReplyCountCoverage(this.client, tenantId, since);
  }
}
