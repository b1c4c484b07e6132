import { TenantNotFoundError } from './tenant-not-found-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FOREIGN_KEY_VIOLATION = '23503';

/** Whether an id can be a uuid column's value: anything else would be a SQL error, not "not found". */
export function isUuid(id: string): boolean {
  return typeof id === 'string' && UUID.test(id);
}

/** Runs a write of tenant rows, reporting an unknown tenant (bad id, or no such row) as `TenantNotFoundError`. */
export async function writingForTenant<T>(tenantId: string, write: () => Promise<T>): Promise<T> {
  if (!isUuid(tenantId)) throw new TenantNotFoundError(tenantId);
  try {
    return await write();
  } catch (error) {
    if (sqlState(error) === FOREIGN_KEY_VIOLATION) throw new TenantNotFoundError(tenantId);
    throw error;
  }
}

function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
