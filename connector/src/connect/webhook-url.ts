import type { Tenant } from '../store/sync-store.js';

/** Where the tenant's helpdesk sends its webhooks: the connector's public URL, the vendor, the tenant. */
export function webhookUrlOf(publicUrl: string, tenant: Pick<Tenant, 'name' | 'vendor'>): string {
  return `${publicUrl}/v1/webhooks/${tenant.vendor}/${encodeURIComponent(tenant.name)}`;
}
