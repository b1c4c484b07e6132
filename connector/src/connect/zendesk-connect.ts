/**
 * "Connect" for a Zendesk account that installed the Marketplace app: the admin clicks it in the
 * app, allows access on Zendesk's consent page, and the connector creates the tenant, its
 * webhooks and trigger (secrets read back through the API), and queues its first sync. Nobody
 * opens a shell.
 */
import { hostOf } from './host-of.js';
import { AuthError, peekAudience, peekIssuer, verifyZendeskAppToken, type ZendeskAppIdentity } from '../auth/index.js';
import type { Clock } from '../clock.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import type { SyncStore, Tenant } from '../store/sync-store.js';
import { AccountCheckError } from '../vendors/account-check-error.js';
import type { VendorClient } from '../vendors/vendor-client.js';
import { exchangeZendeskCode, zendeskAuthorizeUrl, ZendeskOAuthError } from '../vendors/zendesk/index.js';
import { unsavedTenant } from '../store/unsaved-tenant.js';
import { ConnectError } from './connect-error.js';
import type { ConnectStates } from './connect-state.js';
import { tenantNameFor } from './tenant-name.js';
import { webhookUrlOf } from './webhook-url.js';

export interface ZendeskConnectDeps {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly appPublicKeyPem: string;
  /** `https://{host}`: an account's API URL from its host. */
  readonly accountUrl: string;
  /** The connector as Zendesk reaches it, no trailing slash. */
  readonly publicUrl: string;
  readonly states: ConnectStates;
  readonly store: SyncStore;
  readonly queue: JobQueue;
  readonly clock: Clock;
  readonly log: Logger;
  clientFor(tenant: Tenant): VendorClient;
}

/** Who opened the app in an account Frontline does not know yet, as Zendesk signed it. */
export interface UnconnectedUser extends ZendeskAppIdentity {
  readonly audience: string;
}

export const ZENDESK_CALLBACK_PATH = '/v1/connect/zendesk/callback';

export interface ZendeskConnect {
  /**
   * Verifies a signed-URL token with the Marketplace app's key, whatever account signed it (an
   * account installs the app before anyone connects it). Throws AuthError.
   */
  verify(token: string): UnconnectedUser;
  /** Where the admin's browser goes to allow access: Zendesk's consent page for this account. */
  authorizeUrl(user: UnconnectedUser): string;
  /** Takes Zendesk's redirect back; resolves to the tenant, created or reconnected. Throws ConnectError. */
  finish(query: { code?: string; state?: string; error?: string; error_description?: string }): Promise<Tenant>;
}

export function createZendeskConnect(deps: ZendeskConnectDeps): ZendeskConnect {
  const redirectUri = `${deps.publicUrl}${ZENDESK_CALLBACK_PATH}`;
  const oauthClient = { clientId: deps.clientId, clientSecret: deps.clientSecret, redirectUri };
  const accountUrlOf = (host: string) => deps.accountUrl.replace('{host}', host);

  function verify(token: string): UnconnectedUser {
    const issuer = peekIssuer(token) ?? '';
    const audience = peekAudience(token);
    // The installation URL of the account that signed it (zendesk.md §10): the app installed there.
    if (audience === null || hostOf(audience) !== issuer.toLowerCase()) {
      throw new AuthError(
        'wrong_audience',
        "the Zendesk app token was not signed for this account's installation of the app: reopen the app",
      );
    }
    const identity = verifyZendeskAppToken(token, {
      publicKeyPem: deps.appPublicKeyPem,
      issuer,
      audience,
      now: deps.clock.now(),
    });
    return { ...identity, audience };
  }

  function authorizeUrl(user: UnconnectedUser): string {
    const { state, challenge } = deps.states.create(
      { issuer: user.issuer, userId: user.userId, audience: user.audience },
      deps.clock.now(),
    );
    return zendeskAuthorizeUrl(accountUrlOf(user.issuer), oauthClient, { state, codeChallenge: challenge });
  }

  async function finish(query: Parameters<ZendeskConnect['finish']>[0]): Promise<Tenant> {
    if (query.state === undefined) {
      throw new ConnectError('Zendesk sent no state back: click Connect in the Frontline app again', 'refused');
    }
    const started = deps.states.open(query.state, deps.clock.now());
    if (query.error !== undefined) {
      throw new ConnectError(
        query.error === 'access_denied'
          ? 'access was not allowed at Zendesk, so nothing was connected: click Connect again and choose Allow'
          : `Zendesk did not connect (${query.error}${query.error_description ? `: ${query.error_description}` : ''}): click Connect again`,
        'refused',
      );
    }
    if (query.code === undefined) throw new ConnectError('Zendesk sent no code back: click Connect again', 'refused');
    const baseUrl = accountUrlOf(started.issuer);
    let accessToken: string;
    try {
      ({ accessToken } = await exchangeZendeskCode(baseUrl, oauthClient, {
        code: query.code,
        codeVerifier: started.verifier,
      }));
    } catch (error) {
      if (error instanceof ZendeskOAuthError) throw new ConnectError(`${error.message}: click Connect again`);
      throw error;
    }
    const existing = (await deps.store.listTenants()).find(
      (t) => t.vendor === 'zendesk' && t.access.zendeskApp?.issuer === started.issuer,
    );
    const credentials = { kind: 'zendesk-oauth', accessToken } as const;
    const draft = unsavedTenant({
      name: existing?.name ?? 'connecting',
      vendor: 'zendesk',
      baseUrl,
      credentials,
      zigpoll: null,
    });
    const client = deps.clientFor(draft);
    const admin = await signedInAdmin(client, started.userId);
    if (admin !== true) {
      await client.setup
        ?.revokeAccess()
        .catch((error: unknown) =>
          deps.log.warn({ err: error, issuer: started.issuer }, 'connect: could not revoke the refused token'),
        );
      throw new ConnectError(admin, 'refused');
    }
    const tenant =
      existing === undefined
        ? await deps.store.addTenant({
            ...draft,
            name: tenantNameFor(started.issuer, new Set((await deps.store.listTenants()).map((t) => t.name))),
          })
        : await deps.store.updateCredentials(existing.name, credentials);
    const setup = client.setup;
    if (setup === undefined) throw new Error('the Zendesk client has no setup');
    if (tenant.access.hooks !== null) {
      const left = await setup.uninstall(tenant.access.hooks);
      for (const problem of left) deps.log.warn({ tenant: tenant.name }, `reconnect: ${problem}`);
    }
    let installed;
    try {
      installed = await setup.install(webhookUrlOf(deps.publicUrl, tenant));
    } catch (error) {
      // Connected without webhooks: the sync polls anyway, and numbers still come within a minute.
      deps.log.warn({ err: error, tenant: tenant.name }, 'connect: the webhooks could not be created');
      installed = null;
    }
    const updated = await deps.store.updateAccess(tenant.name, {
      zendeskApp: { publicKeyPem: deps.appPublicKeyPem, audience: started.audience, issuer: started.issuer },
      ...(installed === null ? {} : { webhookSecrets: installed.webhookSecrets, hooks: installed.hooks }),
    });
    await deps.queue.add({ kind: 'sync', tenant: tenant.name });
    deps.log.info(
      { tenant: tenant.name, issuer: started.issuer, user: started.userId, webhooks: installed !== null },
      existing === undefined ? 'account connected from the app' : 'account reconnected from the app',
    );
    return updated;
  }

  return { verify, authorizeUrl, finish };
}

/** True when the OAuth token signs in as the admin who clicked Connect; else why not, in words. */
async function signedInAdmin(client: VendorClient, userId: string): Promise<true | string> {
  let agent;
  try {
    agent = await client.checkAccess();
  } catch (error) {
    if (error instanceof AccountCheckError) return `${error.message}: click Connect again`;
    throw error;
  }
  if (agent.id !== userId) {
    return 'the Zendesk user who allowed access is not the one who clicked Connect: sign in to Zendesk as yourself and click Connect again';
  }
  if (agent.administersHelpdesk !== true) {
    return 'only a Zendesk admin can connect Frontline: ask an admin of this Zendesk account to open the app and click Connect';
  }
  return true;
}
