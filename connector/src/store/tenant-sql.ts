import type { InstalledHook } from '../vendors/helpdesk-setup.js';
import { randomUUID } from 'node:crypto';
import { DEFAULT_ESCALATION_TAGS } from '@frontline/kpi';
import type { SecretKey } from '../secrets/index.js';
import type { VendorName } from '../vendors/index.js';
import type { SqlSession } from './sql-client.js';
import {
  decryptAccessSecret,
  decryptCredentials,
  decryptZigpoll,
  encryptAccessSecret,
  encryptCredentials,
  encryptZigpoll,
} from './stored-credentials.js';
import type {
  NewTenant,
  Tenant,
  TenantAccess,
  VendorCredentials,
  ZendeskAppKey,
  ZigpollCredentials,
} from './sync-store.js';
import { TenantExistsError } from './tenant-exists-error.js';
import { TenantNotFoundError } from './tenant-not-found-error.js';

interface TenantRow {
  readonly id: string;
  readonly name: string;
  readonly vendor: VendorName;
  readonly base_url: string;
  readonly credentials: string;
  readonly zigpoll_credentials: string | null;
  readonly status: Tenant['status'];
  readonly status_reason: string | null;
  readonly escalation_tags: string[];
  readonly created_at: number;
  readonly webhook_secrets: string | null;
  readonly app_secret: string | null;
  readonly zendesk_app: ZendeskAppKey | null;
  readonly installed_hooks: InstalledHook[] | null;
  readonly plan: string | null;
  readonly ratings_include_unanswered: boolean | null;
}

const COLUMNS = `id::text AS id, name, vendor, base_url, credentials, zigpoll_credentials, status, status_reason,
  escalation_tags, floor(extract(epoch FROM created_at) * 1000)::float8 AS created_at, webhook_secrets, app_secret,
  zendesk_app, installed_hooks, plan, ratings_include_unanswered`;

const UNIQUE_VIOLATION = '23505';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Inserts a tenant with encrypted credentials; throws `TenantExistsError` on a taken name. */
export async function insertTenant(db: SqlSession, key: SecretKey, tenant: NewTenant): Promise<Tenant> {
  const id = randomUUID();
  try {
    const rows = await db.query<TenantRow>(
      `INSERT INTO tenants (id, name, vendor, base_url, credentials, zigpoll_credentials, escalation_tags, plan)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING ${COLUMNS}`,
      [
        id,
        tenant.name,
        tenant.vendor,
        tenant.baseUrl,
        encryptCredentials(key, id, tenant.credentials),
        encryptZigpoll(key, id, tenant.zigpoll),
        [...DEFAULT_ESCALATION_TAGS],
        tenant.plan ?? null,
      ],
    );
    return toTenant(key, onlyRow(rows));
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw new TenantExistsError(tenant.name);
    throw error;
  }
}

/** Replaces a tenant's vendor credentials and reactivates it; throws `TenantNotFoundError`. */
export async function replaceCredentials(
  db: SqlSession,
  key: SecretKey,
  name: string,
  credentials: VendorCredentials,
): Promise<Tenant> {
  // The id is part of the ciphertext's associated data, so it is read before encrypting. Ids
  // never change, so no lock is needed between the two statements.
  const found = await db.query<{ id: string }>('SELECT id::text AS id FROM tenants WHERE name = $1', [name]);
  const id = found[0]?.id;
  if (id === undefined) throw new TenantNotFoundError(name);
  const rows = await db.query<TenantRow>(
    `UPDATE tenants SET credentials = $2, status = 'active', status_reason = NULL WHERE id = $1
     RETURNING ${COLUMNS}`,
    [id, encryptCredentials(key, id, credentials)],
  );
  const row = rows[0];
  if (row === undefined) throw new TenantNotFoundError(name);
  return toTenant(key, row);
}

/** Replaces (or, with `null`, removes) a tenant's Zigpoll credentials; throws `TenantNotFoundError`. */
export async function replaceZigpoll(
  db: SqlSession,
  key: SecretKey,
  name: string,
  zigpoll: ZigpollCredentials | null,
): Promise<Tenant> {
  // As for the credentials: the id is part of the ciphertext's associated data.
  const found = await db.query<{ id: string }>('SELECT id::text AS id FROM tenants WHERE name = $1', [name]);
  const id = found[0]?.id;
  if (id === undefined) throw new TenantNotFoundError(name);
  const rows = await db.query<TenantRow>(
    `UPDATE tenants SET zigpoll_credentials = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, encryptZigpoll(key, id, zigpoll)],
  );
  const row = rows[0];
  if (row === undefined) throw new TenantNotFoundError(name);
  return toTenant(key, row);
}

/** Points a tenant at a new base URL (its helpdesk moved); throws `TenantNotFoundError`. */
export async function updateBaseUrl(db: SqlSession, key: SecretKey, name: string, baseUrl: string): Promise<Tenant> {
  const rows = await db.query<TenantRow>(`UPDATE tenants SET base_url = $2 WHERE name = $1 RETURNING ${COLUMNS}`, [
    name,
    baseUrl,
  ]);
  const row = rows[0];
  if (row === undefined) throw new TenantNotFoundError(name);
  return toTenant(key, row);
}

/** Sets or clears a tenant's helpdesk plan; throws `TenantNotFoundError`. */
export async function updateTenantPlan(
  db: SqlSession,
  key: SecretKey,
  name: string,
  plan: string | null,
): Promise<Tenant> {
  const rows = await db.query<TenantRow>(`UPDATE tenants SET plan = $2 WHERE name = $1 RETURNING ${COLUMNS}`, [
    name,
    plan,
  ]);
  const row = rows[0];
  if (row === undefined) throw new TenantNotFoundError(name);
  return toTenant(key, row);
}

/** Sets the given parts of a tenant's access; throws `TenantNotFoundError`. */
export async function updateTenantAccess(
  db: SqlSession,
  key: SecretKey,
  name: string,
  access: Partial<TenantAccess>,
): Promise<Tenant> {
  const found = await db.query<{ id: string }>('SELECT id::text AS id FROM tenants WHERE name = $1', [name]);
  const id = found[0]?.id;
  if (id === undefined) throw new TenantNotFoundError(name);
  const rows = await db.query<TenantRow>(
    `UPDATE tenants SET
       webhook_secrets = CASE WHEN $2 THEN $3 ELSE webhook_secrets END,
       app_secret = CASE WHEN $4 THEN $5 ELSE app_secret END,
       zendesk_app = CASE WHEN $6 THEN $7::jsonb ELSE zendesk_app END,
       installed_hooks = CASE WHEN $8 THEN $9::jsonb ELSE installed_hooks END
     WHERE id = $1
     RETURNING ${COLUMNS}`,
    [
      id,
      access.webhookSecrets !== undefined,
      encryptAccessSecret(
        key,
        id,
        'webhook_secrets',
        access.webhookSecrets === undefined ? null : JSON.stringify(access.webhookSecrets),
      ),
      access.appSecret !== undefined,
      encryptAccessSecret(key, id, 'app_secret', access.appSecret ?? null),
      access.zendeskApp !== undefined,
      access.zendeskApp === undefined || access.zendeskApp === null ? null : JSON.stringify(access.zendeskApp),
      access.hooks !== undefined,
      access.hooks === undefined || access.hooks === null ? null : JSON.stringify(access.hooks),
    ],
  );
  return toTenant(key, onlyRow(rows));
}

/** The tenant of this name, credentials decrypted, or null. */
export async function selectTenant(db: SqlSession, key: SecretKey, name: string): Promise<Tenant | null> {
  const rows = await db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE name = $1`, [name]);
  const row = rows[0];
  return row === undefined ? null : toTenant(key, row);
}

/** Every tenant by name, credentials decrypted. */
export async function selectTenants(db: SqlSession, key: SecretKey): Promise<Tenant[]> {
  const rows = await db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants ORDER BY name`);
  return rows.map((row) => toTenant(key, row));
}

/** The vendor of a tenant; throws `TenantNotFoundError` for an unknown id. */
export async function selectTenantVendor(db: SqlSession, tenantId: string): Promise<VendorName> {
  const rows = UUID.test(tenantId)
    ? await db.query<{ vendor: VendorName }>('SELECT vendor FROM tenants WHERE id = $1', [tenantId])
    : [];
  const vendor = rows[0]?.vendor;
  if (vendor === undefined) throw new TenantNotFoundError(tenantId);
  return vendor;
}

/** Sets a tenant's status; throws `TenantNotFoundError` for an unknown id. */
export async function updateTenantStatus(
  db: SqlSession,
  tenantId: string,
  status: Tenant['status'],
  reason: string | null,
): Promise<void> {
  const rows = UUID.test(tenantId)
    ? await db.query('UPDATE tenants SET status = $2, status_reason = $3 WHERE id = $1 RETURNING id', [
        tenantId,
        status,
        reason,
      ])
    : [];
  if (rows.length === 0) throw new TenantNotFoundError(tenantId);
}

function toTenant(key: SecretKey, row: TenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    vendor: row.vendor,
    baseUrl: row.base_url,
    credentials: decryptCredentials(key, row.id, row.name, row.credentials),
    zigpoll: decryptZigpoll(key, row.id, row.name, row.zigpoll_credentials),
    createdAt: row.created_at,
    status: row.status,
    statusReason: row.status_reason,
    escalationTags: row.escalation_tags,
    plan: row.plan,
    ratingsIncludeUnanswered: row.ratings_include_unanswered,
    access: {
      webhookSecrets: webhookSecretsOf(
        decryptAccessSecret(key, row.id, row.name, 'webhook_secrets', row.webhook_secrets),
      ),
      appSecret: decryptAccessSecret(key, row.id, row.name, 'app_secret', row.app_secret),
      zendeskApp: row.zendesk_app,
      hooks: row.installed_hooks,
    },
  };
}

function webhookSecretsOf(json: string | null): string[] {
  if (json === null) return [];
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : [];
}

function onlyRow<Row>(rows: readonly Row[]): Row {
  const row = rows[0];
  if (row === undefined) throw new Error('the statement returned no row');
  return row;
}

function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Stores the hash of a user's personal key, replacing an earlier one. */
export async function upsertUserKeyHash(db: SqlSession, tenantId: string, userId: string, hash: string): Promise<void> {
  await db.query(
    `INSERT INTO user_keys (tenant_id, user_id, key_hash) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, user_id) DO UPDATE SET key_hash = excluded.key_hash, created_at = now()`,
    [tenantId, userId, hash],
  );
}

/** The hash of a user's personal key, or null. */
export async function selectUserKeyHash(db: SqlSession, tenantId: string, userId: string): Promise<string | null> {
  if (!UUID.test(tenantId)) return null;
  const rows = await db.query<{ key_hash: string }>(
    'SELECT key_hash FROM user_keys WHERE tenant_id = $1 AND user_id = $2',
    [tenantId, userId],
  );
  return rows[0]?.key_hash ?? null;
}
