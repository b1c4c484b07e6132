/**
 * A Freshdesk install registers itself: the admin types the account's API key into the app's
 * secure installation parameter, and the app's first call through a request template sends it
 * here (in the Authorization header, where only request templates can put a secure parameter).
 * The connector checks the key against the account's API, stores it encrypted, creates the
 * automation rules that call its webhook, and queues the first sync. No secret is typed twice.
 */
import { createHash } from 'node:crypto';
import type { Agent } from '@frontline/kpi';
import type { Clock } from '../clock.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import type { SyncStore, Tenant } from '../store/sync-store.js';
import { unsavedTenant } from '../store/unsaved-tenant.js';
import { AccountCheckError } from '../vendors/account-check-error.js';
import type { VendorClient } from '../vendors/vendor-client.js';
import { ConnectError } from './connect-error.js';
import { tenantNameFor } from './tenant-name.js';
import { webhookUrlOf } from './webhook-url.js';

export interface FreshdeskConnectDeps {
  /** `https://{host}`: an account's API URL from its host. */
  readonly accountUrl: string;
  readonly publicUrl: string;
  readonly store: SyncStore;
  readonly queue: JobQueue;
  readonly clock: Clock;
  readonly log: Logger;
  clientFor(tenant: Tenant): VendorClient;
}

export interface Registered {
  readonly tenant: Tenant;
  /** Whether this call connected the account (false: it already was). */
  readonly created: boolean;
}

export interface FreshdeskConnect {
  /** The account at `host` with `apiKey`; throws ConnectError (a bad host or key, in words). */
  register(host: string, apiKey: string): Promise<Registered>;
  /** The account's API URL for a host the app names, or null for one Frontline never calls. */
  accountUrlOf(host: string): string | null;
  /**
   * Whether the account's API takes `apiKey` (an installation may hold another agent's key than
   * the one the connector stored), asked once per key and process.
   */
  accepts(tenant: Tenant, apiKey: string): Promise<boolean>;
  /** The agent whose key `apiKey` is, as the account's API says; null when it refuses the key. */
  identify(tenant: Tenant, apiKey: string): Promise<Agent | null>;
}

/** Keys the account's API took, per tenant, as hashes; bounded so a flood of keys cannot grow it. */
const MAX_ACCEPTED = 1_000;

/** Freshdesk account hosts; a simulator on loopback only when the operator allows plain http. */
const FRESHDESK_HOST = /^[a-z0-9][a-z0-9-]{0,62}\.freshdesk\.com$/;
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost):\d{1,5}$/;

export function createFreshdeskConnect(deps: FreshdeskConnectDeps): FreshdeskConnect {
  const plain = deps.accountUrl.startsWith('http://');

  // The host comes from the browser: only Freshdesk's own are called, so it cannot aim the
  // connector at an address of an attacker's choosing.
  function accountUrlOf(host: string): string | null {
    const lower = host.toLowerCase();
    const allowed = plain ? LOOPBACK_HOST.test(lower) : FRESHDESK_HOST.test(lower);
    return allowed ? deps.accountUrl.replace('{host}', lower) : null;
  }

  async function register(host: string, apiKey: string): Promise<Registered> {
    const baseUrl = accountUrlOf(host);
    if (baseUrl === null) {
      throw new ConnectError(
        `${JSON.stringify(host.slice(0, 100))} is not a Freshdesk account host (<name>.freshdesk.com)`,
        'refused',
      );
    }
    const credentials = { kind: 'freshdesk-key', apiKey } as const;
    const existing = (await deps.store.listTenants()).find((t) => t.vendor === 'freshdesk' && t.baseUrl === baseUrl);
    const draft = unsavedTenant({
      name: existing?.name ?? 'connecting',
      vendor: 'freshdesk',
      baseUrl,
      credentials,
      zigpoll: null,
    });
    const client = deps.clientFor(draft);
    let installer: Agent;
    try {
      installer = await client.checkAccess();
    } catch (error) {
      if (error instanceof AccountCheckError) {
        throw new ConnectError(`${error.message}: an admin corrects the API key in the app's settings`, 'refused');
      }
      throw error;
    }
    if (existing !== undefined) return { tenant: existing, created: false };

    const taken = new Set((await deps.store.listTenants()).map((t) => t.name));
    const tenant = await deps.store.addTenant({ ...draft, name: tenantNameFor(host, taken) });
    // Whoever's key installed the app administers it in Frontline, once they prove it is them.
    await deps.store.coaching.setRole(tenant.id, installer.id, 'admin');
    let installed;
    try {
      installed = await client.setup!.install(webhookUrlOf(deps.publicUrl, tenant));
    } catch (error) {
      deps.log.warn({ err: error, tenant: tenant.name }, 'connect: the automation rules could not be created');
      installed = null;
    }
    const updated =
      installed === null
        ? tenant
        : await deps.store.updateAccess(tenant.name, {
            webhookSecrets: installed.webhookSecrets,
            hooks: installed.hooks,
          });
    await deps.queue.add({ kind: 'sync', tenant: tenant.name });
    deps.log.info(
      { tenant: tenant.name, rules: installed?.hooks.length ?? 0, byHand: (installed?.manualSteps.length ?? 0) > 0 },
      'account connected from the app',
    );
    return { tenant: updated, created: true };
  }

  const accepted = new Set<string>();
  async function identify(tenant: Tenant, apiKey: string): Promise<Agent | null> {
    try {
      return await deps.clientFor({ ...tenant, credentials: { kind: 'freshdesk-key', apiKey } }).checkAccess();
    } catch (error) {
      if (error instanceof AccountCheckError) return null;
      throw error;
    }
  }

  async function accepts(tenant: Tenant, apiKey: string): Promise<boolean> {
    const seen = `${tenant.id}:${createHash('sha256').update(apiKey).digest('base64url')}`;
    if (accepted.has(seen)) return true;
    if ((await identify(tenant, apiKey)) === null) return false;
    if (accepted.size >= MAX_ACCEPTED) accepted.clear();
    accepted.add(seen);
    return true;
  }

  return { register, accountUrlOf, accepts, identify };
}
