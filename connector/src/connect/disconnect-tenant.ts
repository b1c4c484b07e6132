import type { Logger } from '../logger.js';
import type { SyncStore, Tenant } from '../store/sync-store.js';
import type { VendorClient } from '../vendors/vendor-client.js';

/** What disconnecting did not manage, in words; the tenant's rows are gone either way. */
export interface Disconnected {
  readonly problems: readonly string[];
}

/**
 * Takes a tenant off the connector: removes what Connect created in the helpdesk (webhooks, a
 * trigger, a rule), revokes the access the helpdesk gave (Zendesk's OAuth token), then deletes
 * everything stored for it. The helpdesk failing to answer never keeps the data: an admin who
 * asked for it to be deleted gets it deleted, and is told what to remove by hand.
 */
export async function disconnectTenant(
  tenant: Tenant,
  deps: { readonly store: SyncStore; readonly client: VendorClient; readonly log: Logger },
): Promise<Disconnected> {
  const problems: string[] = [];
  const setup = deps.client.setup;
  if (setup !== undefined) {
    if (tenant.access.hooks !== null && tenant.access.hooks.length > 0) {
      problems.push(...(await setup.uninstall(tenant.access.hooks)));
    }
    try {
      await setup.revokeAccess();
    } catch (error) {
      problems.push(
        `the helpdesk did not revoke Frontline's access (${(error as Error).message}): revoke it in its admin pages`,
      );
    }
  }
  await deps.store.removeTenant(tenant.name);
  for (const problem of problems) deps.log.warn({ tenant: tenant.name }, `disconnect: ${problem}`);
  deps.log.info({ tenant: tenant.name }, 'tenant disconnected and its data deleted');
  return { problems };
}
