import type { Tenant } from '../store/sync-store.js';
import type { Disconnected } from './disconnect-tenant.js';
import type { FreshdeskConnect } from './freshdesk-connect.js';
import type { ZendeskConnect } from './zendesk-connect.js';

/** What lets an admin connect and disconnect from inside the helpdesk, built by the composition root. */
export interface ConnectServices {
  /** Null unless the operator configured the Marketplace app's OAuth client and key. */
  readonly zendesk: ZendeskConnect | null;
  /** Null unless the connector knows its public URL (the webhooks' address). */
  readonly freshdesk: FreshdeskConnect | null;
  /** What to click in the helpdesk for the webhooks Connect could not create (the tenant's secrets in them). */
  stepsByHand(tenant: Tenant): string[];
  /** Removes what Connect created in the helpdesk, revokes access, deletes the tenant's data. */
  disconnect(tenant: Tenant): Promise<Disconnected>;
}
