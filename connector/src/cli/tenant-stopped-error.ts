import type { Tenant } from '../store/sync-store.js';

/** The tenant cannot sync until an operator acts (revoked token, unsupported account). */
export class TenantStoppedError extends Error {
  override readonly name = 'TenantStoppedError';
  constructor(tenant: Pick<Tenant, 'name' | 'statusReason'>) {
    super(`tenant ${tenant.name} is stopped: ${tenant.statusReason ?? 'no reason recorded'}`);
  }
}
