import type { Agent } from '@frontline/kpi';
import type { Tenant } from '../store/sync-store.js';
import type { ServerDeps } from './server-deps.js';
import { roleNow } from './session-role.js';
import type { StreamClient, StreamEvent } from './stream-hub.js';

/** How often open streams are checked against their user's role by default. */
export const DEFAULT_STREAM_CHECK_MS = 10_000;

export type ReauthReason = 'expired' | 'role_changed' | 'not_an_agent';

const MESSAGES: Record<ReauthReason, string> = {
  expired: 'the session token of this stream expired',
  role_changed: 'your role in Frontline changed since this stream was opened',
  not_an_agent: 'you are no longer an agent of this account (as last synced)',
};

/** The last event of a stream whose session no longer holds: the client renews its token and reconnects. */
export function reauthNotice(reason: ReauthReason): StreamEvent {
  return {
    event: 'reauth',
    data: {
      reason,
      message: `${MESSAGES[reason]}: renew the session token (POST /v1/auth/refresh) and open the stream again`,
    },
  };
}

/**
 * Why `client`'s session no longer holds, or null while it does: its token expired (by the
 * injected clock), its user is no longer an agent of the account, or a refresh would now give
 * another role (a lead demoted, an agent promoted).
 */
function staleBecause(
  client: StreamClient,
  now: number,
  agents: ReadonlyMap<string, Agent>,
  roles: ReadonlyMap<string, StreamClient['role']>,
  tenant: Tenant,
): ReauthReason | null {
  if (now >= client.expiresAt) return 'expired';
  const agent = agents.get(client.userId);
  if (agent === undefined) return 'not_an_agent';
  if (roleNow(tenant, roles.get(client.userId) ?? null, client.role, agent) !== client.role) return 'role_changed';
  return null;
}

/**
 * Every `everyMs`, ends the open streams whose session no longer holds, each after a `reauth`
 * event: a stream otherwise keeps sending a demoted lead the team's alerts until it closes. One
 * read of the roles per tenant with open streams, whatever their number. Returns the stop.
 */
export function watchStreamSessions(deps: ServerDeps, everyMs = DEFAULT_STREAM_CHECK_MS): () => void {
  let running = false;
  const check = async () => {
    for (const tenantId of deps.hub.tenantIds()) {
      const tenant = await deps.tenants.byId(tenantId);
      const clients = [...deps.hub.clientsOf(tenantId)];
      if (tenant === null) {
        // The account was disconnected: every request of these sessions is refused already.
        for (const client of clients) client.end(reauthNotice('not_an_agent'));
        continue;
      }
      const agents = new Map((await deps.store.listAgents(tenant.id)).map((a) => [a.id, a]));
      const roles = new Map((await deps.store.coaching.listRoles(tenantId)).map((r) => [r.userId, r.role]));
      const now = deps.clock.now();
      for (const client of clients) {
        const reason = staleBecause(client, now, agents, roles, tenant);
        if (reason !== null) client.end(reauthNotice(reason));
      }
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    check()
      .catch((error: unknown) =>
        deps.log.warn({ err: error }, 'open streams could not be checked against their sessions; trying again'),
      )
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
