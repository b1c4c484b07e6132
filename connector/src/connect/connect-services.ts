import type { Tenant } from '../store/sync-store.js';
import type { Disconnected } from './disconnect-tenant.js';
import type { ZendeskConnect } from './zendesk-connect.js';

/** What lets an admin connect and disconnect from inside the helpdesk, built by the composition root. */
export interface ConnectServices {
  /** Null unless the operator configured the Marketplace app's OAuth client and key. */
  readonly zendesk: ZendeskConnect | null;
  /** Removes what Connect created in the helpdesk, revokes access, deletes the tenant's data. */
  disconnect(tenant: Tenant): Promise<Disconnected>;
}
