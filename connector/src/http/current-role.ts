import type { Role } from '../auth/index.js';
import type { Caller } from './authenticate.js';
import { ApiError } from './api-error.js';
import type { ServerDeps } from './server-deps.js';
import { notAnAgent, roleNow } from './session-role.js';

/**
 * The caller's role as it is now, not as their token says: the store's role for them (else the
 * helpdesk's, from the last agents sync). A token lives 15 minutes and a refresh just before a sync
 * carries the old role; admin routes read it again so that a user demoted (in Frontline, or in
 * Zendesk as the next sync reads it) loses them at once. 403 for a user no longer an agent.
 */
export async function callerRoleNow(deps: ServerDeps, caller: Caller): Promise<Role> {
  const { session, tenant } = caller;
  const agent = (await deps.store.listAgents(tenant.id)).find((a) => a.id === session.userId);
  if (agent === undefined) throw notAnAgent(tenant, session.userId);
  const stored = await deps.store.coaching.roleOf(tenant.id, session.userId);
  return roleNow(tenant, stored, session.role, agent);
}

/**
 * Throws 403 unless the caller both holds one of `roles` and still has it now (see
 * {@link callerRoleNow}); for the admin's routes, where one request changes the account.
 */
export async function requireRoleNow(
  deps: ServerDeps,
  caller: Caller,
  roles: readonly Role[],
  what: string,
): Promise<void> {
  deps.auth.requireRole(caller, roles, what);
  const now = await callerRoleNow(deps, caller);
  if (roles.includes(now)) return;
  deps.log.warn({ tenant: caller.tenant.name, user: caller.session.userId, reason: 'role_now' }, 'request refused');
  throw new ApiError(
    'forbidden',
    `${what} needs the ${roles.join(' or ')} role; you are ${now} now (your role changed since you signed in): ` +
      'reload the app to see what you may do',
  );
}
