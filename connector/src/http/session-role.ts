import type { Agent } from '@frontline/kpi';
import type { Role } from '../auth/index.js';
import type { Tenant } from '../store/sync-store.js';
import { ApiError } from './api-error.js';

const VENDOR_NAMES = { zendesk: 'Zendesk', freshdesk: 'Freshdesk' } as const;

/**
 * The role a user has when Frontline keeps none for them: the helpdesk's own say, read from its
 * API by the sync (never from the browser). A Zendesk admin is a Frontline admin; demoted in
 * Zendesk, they are an agent again after the next agents sync.
 */
export function helpdeskRole(tenant: Tenant, agent: Pick<Agent, 'administersHelpdesk'>): Role {
  return tenant.vendor === 'zendesk' && agent.administersHelpdesk === true ? 'admin' : 'agent';
}

/**
 * The role a session that holds `held` has now, given the role the store keeps for its user
 * (`stored`; unset: {@link helpdeskRole}). On Freshdesk only the user's personal key grants lead or
 * admin, at sign-in: a refresh carries no key, so a session that signed in as an agent stays an
 * agent's, while one that proved the key follows the stored role, down as well as up.
 */
export function roleNow(
  tenant: Tenant,
  stored: Role | null,
  held: Role,
  agent: Pick<Agent, 'administersHelpdesk'>,
): Role {
  if (tenant.vendor === 'freshdesk' && held === 'agent') return 'agent';
  return stored ?? helpdeskRole(tenant, agent);
}

/** The 403 for a user who is not (or no longer) an agent of the account. */
export function notAnAgent(tenant: Tenant, userId: string): ApiError {
  const vendor = VENDOR_NAMES[tenant.vendor];
  return new ApiError(
    'forbidden',
    `user ${userId} is not an agent of this ${vendor} account (as last synced): ` +
      `an admin of the account can make them an agent or admin in ${vendor}; the next sync brings the change`,
  );
}
