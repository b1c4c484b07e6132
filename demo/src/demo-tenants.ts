import { generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { SyncStore, Tenant } from '@frontline/connector/store';
import { DEFAULT_FRESHDESK_API_KEY, DEFAULT_ZENDESK_CREDENTIALS } from '@frontline/simulators';
import type { DemoHelpdesk, DemoVendor } from './demo-helpdesk.js';

/** The Zendesk app installation the preview plays. */
export const DEMO_ZENDESK_APP = { audience: 'demo-installation', issuer: 'demo.zendesk.com' } as const;

/** A demo tenant, connected to its helpdesk, and who the preview signs in as. */
export interface DemoTenant {
  readonly name: string;
  readonly vendor: DemoVendor;
  readonly tenant: Tenant;
  readonly helpdesk: DemoHelpdesk;
  /** Where its helpdesk sends webhooks is `/v1/webhooks/<vendor>/<name>`, signed with this. */
  readonly webhookSecret: string;
  /** The agent whose sidebar the preview shows. */
  readonly agent: { readonly id: string; readonly name: string };
  /** The lead whose team view the preview shows. */
  readonly lead: { readonly id: string; readonly name: string };
  /** Freshdesk: the installation's secure parameter, the account's API key. */
  readonly apiKey: string;
  /** Zendesk: signs the preview's signed-URL tokens; `null` for Freshdesk. */
  readonly appKey: KeyObject | null;
}

/**
 * Connects a demo helpdesk as the tenant `demo-<vendor>`, as an admin would with `frontline
 * tenant add` and `tenant access`: added on the first start; on later ones pointed at the
 * simulator's new port, its history kept. Secrets are new on every start (nothing outside this
 * process holds the old ones).
 */
export async function connectDemoTenant(store: SyncStore, helpdesk: DemoHelpdesk): Promise<DemoTenant> {
  const name = `demo-${helpdesk.vendor}`;
  if ((await store.getTenant(name)) === null) {
    await store.addTenant({
      name,
      vendor: helpdesk.vendor,
      baseUrl: helpdesk.url,
      credentials:
        helpdesk.vendor === 'zendesk'
          ? {
              kind: 'zendesk-token',
              email: DEFAULT_ZENDESK_CREDENTIALS.email,
              token: DEFAULT_ZENDESK_CREDENTIALS.apiToken,
            }
          : { kind: 'freshdesk-key', apiKey: DEFAULT_FRESHDESK_API_KEY },
      zigpoll: null,
    });
  } else {
    await store.moveTenant(name, helpdesk.url);
  }
  const webhookSecret = randomBytes(24).toString('base64url');
  // Off the event loop: an RSA key takes most of a second to make.
  const keys = helpdesk.vendor === 'zendesk' ? await promisify(generateKeyPair)('rsa', { modulusLength: 2048 }) : null;
  const tenant = await store.updateAccess(name, {
    webhookSecrets: [webhookSecret],
    zendeskApp:
      keys === null
        ? null
        : { ...DEMO_ZENDESK_APP, publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
  });
  // The account's first agent is its admin: the lead in Frontline. The next one is the agent shown.
  const [admin, agent] = helpdesk.account.history.agents;
  await store.coaching.setRole(tenant.id, String(admin!.id), 'lead');
  return {
    name,
    vendor: helpdesk.vendor,
    tenant,
    helpdesk,
    webhookSecret,
    agent: { id: String(agent!.id), name: agent!.name },
    lead: { id: String(admin!.id), name: admin!.name },
    apiKey: DEFAULT_FRESHDESK_API_KEY,
    appKey: keys?.privateKey ?? null,
  };
}
