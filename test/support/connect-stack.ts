/**
 * A connector as the operator runs it for the Marketplace apps (a real `frontline serve` with only
 * its operator settings: no tenant, no per-account secret) and simulated helpdesks that can be
 * connected to it from the app: Zendesk with its OAuth client and app key, Freshdesk as is.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signZendeskAppToken } from '@frontline/connector/auth';
import { systemClock } from '@frontline/connector/clock';
import {
  createFreshdeskHandlers,
  createSimulatedAccount,
  createZendeskHandlers,
  generateHistory,
  serveSimulator,
  type SimulatedAccount,
  type SimulatorServer,
} from '@frontline/simulators';
import { freePort } from './free-port.js';
import { startFrontline, type FrontlineProcess } from './frontline-process.js';

export const OAUTH = { clientId: 'frontline_marketplace', clientSecret: 'oauth-client-secret-of-the-test' };
const APP_ID = 4242;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

export interface SimulatedHelpdesk {
  readonly account: SimulatedAccount;
  readonly simulator: SimulatorServer;
  /** `127.0.0.1:<port>`: the account's host, as its signed tokens name it. */
  readonly host: string;
  close(): Promise<void>;
}

export async function simulatedHelpdesk(
  vendor: 'zendesk' | 'freshdesk',
  options: { readonly tickets: number; readonly days: number; readonly latencyMs: number },
): Promise<SimulatedHelpdesk> {
  const history = generateHistory({
    seed: 33,
    tickets: options.tickets,
    days: options.days,
    now: Date.now() - 120_000,
  });
  const account = createSimulatedAccount({ vendor, history, clock: systemClock });
  const simulator = await serveSimulator(
    account.vendor === 'zendesk'
      ? createZendeskHandlers(account as Parameters<typeof createZendeskHandlers>[0], {
          oauth: OAUTH,
          app: { appId: APP_ID, publicKeyPem: PUBLIC_PEM },
        })
      : createFreshdeskHandlers(account as Parameters<typeof createFreshdeskHandlers>[0]),
    { latencyMs: options.latencyMs },
  );
  return {
    account,
    simulator,
    host: new URL(simulator.url).host,
    async close() {
      await simulator.close();
      await account.stop();
    },
  };
}

/** The token Zendesk signs when it loads the app's page for this user of the account at `host`. */
export function appToken(host: string, userId: number): string {
  const now = Math.floor(Date.now() / 1000);
  return signZendeskAppToken(
    { iss: host, aud: `https://${host}/api/v2/apps/installations/1.json`, sub: userId, iat: now, exp: now + 300 },
    keys.privateKey,
  );
}

/** The tenant name Connect gives the account at `host` (`127.0.0.1:4100` is `127-0-0-1-4100`). */
export const tenantNameOf = (host: string): string => host.replace(/[^a-z0-9]+/g, '-');

export interface MarketplaceConnector {
  readonly apiUrl: string;
  readonly process: FrontlineProcess;
  /** The embedded store's folder (read it once the process stopped). */
  readonly storeDir: string;
  close(): Promise<void>;
}

/** `frontline serve` with the operator's Marketplace settings, on the embedded store. */
export async function startMarketplaceConnector(frameAncestors: string): Promise<MarketplaceConnector> {
  const dir = await mkdtemp(join(tmpdir(), 'frontline-connect-'));
  const keyFile = join(dir, 'zendesk-app.pem');
  await writeFile(keyFile, PUBLIC_PEM);
  const port = await freePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  const storeDir = join(dir, 'store');
  const serve = startFrontline(['serve'], {
    PORT: String(port),
    FRONTLINE_DATA_DIR: storeDir,
    FRONTLINE_PUBLIC_URL: apiUrl,
    FRONTLINE_ZENDESK_OAUTH_CLIENT_ID: OAUTH.clientId,
    FRONTLINE_ZENDESK_OAUTH_CLIENT_SECRET: OAUTH.clientSecret,
    FRONTLINE_ZENDESK_APP_PUBLIC_KEY: keyFile,
    // The simulators speak plain http on loopback.
    FRONTLINE_ZENDESK_ACCOUNT_URL: 'http://{host}',
    FRONTLINE_FRESHDESK_ACCOUNT_URL: 'http://{host}',
    FRONTLINE_FRAME_ANCESTORS: frameAncestors,
    LOG_LEVEL: 'warn',
  });
  await serve.waitFor('frontline API listening', 60_000);
  return {
    apiUrl,
    process: serve,
    storeDir,
    async close() {
      await serve.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
