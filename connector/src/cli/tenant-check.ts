import type { Agent } from '@frontline/kpi';
import type { Runtime } from '../runtime.js';
import type { Tenant } from '../store/sync-store.js';
export { unsavedTenant } from '../store/unsaved-tenant.js';
import { AccountCheckError } from '../vendors/account-check-error.js';

/**
 * Signs in to the tenant's helpdesk with one request (no retries, 10 s at most) and returns the
 * agent the credentials belong to; a refusal throws `AccountCheckError` saying that nothing was
 * saved, for commands that check before they save.
 */
export async function checkBeforeSaving(runtime: Runtime, tenant: Tenant): Promise<Agent> {
  try {
    return await runtime.clientFor(tenant).checkAccess();
  } catch (error) {
    if (error instanceof AccountCheckError) {
      throw new AccountCheckError(error.problem, `${error.message}; nothing was saved`);
    }
    throw error;
  }
}

/** `checked: the credentials sign in to URL as NAME <EMAIL>`: who, never with what secret. */
export function describeCheck(tenant: Pick<Tenant, 'baseUrl'>, agent: Agent): string {
  const who = agent.email === null ? agent.name : `${agent.name} <${agent.email}>`;
  return `checked: the credentials sign in to ${tenant.baseUrl} as ${who}`;
}

/** What a command that skipped the check says instead. */
export const NOT_CHECKED = 'not checked (--no-check): the next sync tries the URL and the credentials';
