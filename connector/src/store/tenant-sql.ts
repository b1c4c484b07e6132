import { randomUUID } from 'node:crypto';
import { DEFAULT_ESCALATION_TAGS } from '@frontline/kpi';
import type { SecretKey } from '../secrets/index.js';
import type { VendorName } from '../vendors/index.js';
import type { SqlSession } from './sql-client.js';
import { decryptCredentials, decryptZigpoll, encryptCredentials, encryptZigpoll } from './stored-credentials.js';
import type { NewTenant, Tenant, VendorCredentials } from './sync-store.js';
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
}

const COLUMNS = `id::text AS id, name, vendor, base_url, credentials, zigpoll_credentials, status, status_reason,
  escalation_tags, floor(extract(epoch FROM created_at) * 1000)::float8 AS created_at`;

const UNIQUE_VIOLATION = '23505';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Inserts a tenant with encrypted credentials; throws `TenantExistsError` on a taken name. */
export async function insertTenant(db: SqlSession, key: SecretKey, tenant: NewTenant): Promise<Tenant> {
  const id = randomUUID();
  try {
    const rows = await db.query<TenantRow>(
      `INSERT INTO tenants (id, name, vendor, base_url, credentials, zigpoll_credentials, escalation_tags)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${COLUMNS}`,
      [
        id,
        tenant.name,
        tenant.vendor,
        tenant.baseUrl,
        encryptCredentials(key, id, tenant.credentials),
        encryptZigpoll(key, id, tenant.zigpoll),
        [...DEFAULT_ESCALATION_TAGS],
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
  };
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
