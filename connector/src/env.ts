/**
 * The connector's configuration, read once from the environment and validated: a missing or
 * malformed variable stops the process with a message that names it and shows a correct value.
 * This is the only module that reads `process.env`.
 */
import { isIP } from 'node:net';
import { parseSecretKey } from './secrets/parse-secret-key.js';
import { SecretKeyError } from './secrets/secret-key-error.js';
import type { ZendeskMarketplaceApp } from './vendors/zendesk/index.js';

export interface Env {
  /** HTTP port of the API. */
  readonly port: number;
  /** Folder of the embedded store (PGlite) and its generated key. */
  readonly dataDir: string;
  /** PostgreSQL; `null` selects the embedded store. */
  readonly databaseUrl: string | null;
  /** Redis for BullMQ; `null` selects the in-process job runner. */
  readonly redisUrl: string | null;
  /** Key for credentials at rest; `null` with the embedded store generates one in `dataDir`. */
  readonly secretKey: string | null;
  readonly logLevel: string;
  /**
   * `FRONTLINE_ADMIN_TOKEN`: the password of the operators' queue dashboard (/admin/queues);
   * `null` turns the dashboard off. A secret: never logged.
   */
  readonly adminToken: string | null;
  /**
   * `FRONTLINE_ZENDESK_MARKETPLACE_NAME`, `_ORGANIZATION_ID`, `_APP_ID`: the Marketplace app every
   * Zendesk API call names in its headers; `null` (all unset) for a private, self-hosted app.
   */
  readonly zendeskMarketplace: ZendeskMarketplaceApp | null;
  /**
   * `FRONTLINE_FRAME_ANCESTORS`: origins, besides Zendesk's, that may frame the app's pages and
   * post their sign-in token (a helpdesk on a domain of its own, a test page); none by default.
   */
  readonly frameAncestors: readonly string[];
  /**
   * `FRONTLINE_TRUST_PROXY`: which proxies' X-Forwarded-For names the client (Fastify's
   * trustProxy): false (default: the connection's address), true (any proxy), or the proxies'
   * addresses and CIDR ranges. Throttling counts attempts per client address.
   */
  readonly trustProxy: boolean | string[];
  /**
   * `FRONTLINE_PUBLIC_URL`: the connector's own address as the helpdesks reach it
   * (`https://frontline.example.com`): OAuth redirects and the webhooks an admin's Connect creates
   * point there. `null`: admins cannot connect from the app; operators use `frontline tenant add`.
   */
  readonly publicUrl: string | null;
  /**
   * `FRONTLINE_FRESHDESK_ACCOUNT_URL`: how a Freshdesk account's API URL is made from its host
   * (`https://{host}`, the default, for `*.freshdesk.com`); `http://{host}` lets a test register a
   * local simulator. A Freshdesk install registers itself whenever `publicUrl` is set.
   */
  readonly freshdeskAccountUrl: string;
  /** What lets a Zendesk admin connect from the app; `null` unless all its variables are set. */
  readonly zendeskConnect: ZendeskConnectConfig | null;
}

/**
 * The Marketplace app's side of "Connect": its OAuth client and the public key its signed URLs
 * verify with, for any account that installs it.
 */
export interface ZendeskConnectConfig {
  /** `FRONTLINE_ZENDESK_OAUTH_CLIENT_ID`: the OAuth client's unique identifier. */
  readonly clientId: string;
  /** `FRONTLINE_ZENDESK_OAUTH_CLIENT_SECRET`: a secret, never logged. */
  readonly clientSecret: string;
  /**
   * `FRONTLINE_ZENDESK_APP_PUBLIC_KEY`: the app's public key (GET /api/v2/apps/{app_id}/public_key.pem),
   * as PEM text or the path of a PEM file; the composition root reads the file.
   */
  readonly appPublicKey: string;
  /**
   * `FRONTLINE_ZENDESK_ACCOUNT_URL`: how an account's API URL is made from the host its signed
   * token names; default `https://{host}`. Only a test against a local simulator changes it.
   */
  readonly accountUrl: string;
}

/** A configuration problem, said in one line an operator can act on. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A shorter admin token could be guessed; `openssl rand -base64 32` prints 44 characters. */
export const MIN_ADMIN_TOKEN_LENGTH = 24;

export function readEnv(source: Readonly<Record<string, string | undefined>> = process.env): Env {
  const value = (name: string) => {
    const raw = source[name]?.trim();
    return raw === undefined || raw === '' ? null : raw;
  };
  const port = value('PORT') ?? '3000';
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    throw new ConfigError(
      `PORT must be a TCP port number from 1 to 65535, got ${JSON.stringify(port)}; example: PORT=3000`,
    );
  }
  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== null)
    checkUrl(
      'DATABASE_URL',
      databaseUrl,
      ['postgres:', 'postgresql:'],
      'postgres://frontline:secret@db.internal:5432/frontline',
    );
  const redisUrl = value('REDIS_URL');
  if (redisUrl !== null) checkUrl('REDIS_URL', redisUrl, ['redis:', 'rediss:'], 'redis://127.0.0.1:6379');
  if (databaseUrl !== null && value('FRONTLINE_SECRET_KEY') === null) {
    throw new ConfigError(
      'FRONTLINE_SECRET_KEY is required with DATABASE_URL: it encrypts the stored vendor credentials; ' +
        'generate one with `openssl rand -base64 32` and keep it with your other secrets',
    );
  }
  const secretKey = value('FRONTLINE_SECRET_KEY');
  if (secretKey !== null) {
    try {
      parseSecretKey(secretKey);
    } catch (error) {
      // The message names the variable and how to make a key, never the value.
      throw error instanceof SecretKeyError ? new ConfigError(error.message) : error;
    }
  }
  const logLevel = value('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}; example: LOG_LEVEL=info`,
    );
  }
  const adminToken = value('FRONTLINE_ADMIN_TOKEN');
  if (adminToken !== null && adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    // The value is a secret: say only how long it is.
    throw new ConfigError(
      `FRONTLINE_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters, got ${adminToken.length}; ` +
        'generate one with `openssl rand -base64 32`',
    );
  }
  return {
    port: Number(port),
    dataDir: value('FRONTLINE_DATA_DIR') ?? './.frontline',
    databaseUrl,
    redisUrl,
    secretKey,
    logLevel,
    adminToken,
    zendeskMarketplace: readZendeskMarketplace(value),
    frameAncestors: readFrameAncestors(value('FRONTLINE_FRAME_ANCESTORS')),
    trustProxy: readTrustProxy(value('FRONTLINE_TRUST_PROXY')),
    ...readConnect(value),
  };
}

function readAccountUrl(value: (name: string) => string | null, name: string): string {
  const accountUrl = value(name) ?? 'https://{host}';
  if (!/^https?:\/\/\{host\}$/.test(accountUrl)) {
    throw new ConfigError(
      `${name} must be https://{host} (or http://{host} for a local simulator), got ${JSON.stringify(accountUrl)}`,
    );
  }
  return accountUrl;
}

const CONNECT = {
  clientId: 'FRONTLINE_ZENDESK_OAUTH_CLIENT_ID',
  clientSecret: 'FRONTLINE_ZENDESK_OAUTH_CLIENT_SECRET',
  appPublicKey: 'FRONTLINE_ZENDESK_APP_PUBLIC_KEY',
} as const;

function readConnect(
  value: (name: string) => string | null,
): Pick<Env, 'publicUrl' | 'zendeskConnect' | 'freshdeskAccountUrl'> {
  const publicUrl = value('FRONTLINE_PUBLIC_URL');
  if (publicUrl !== null)
    checkUrl('FRONTLINE_PUBLIC_URL', publicUrl, ['https:', 'http:'], 'https://frontline.example.com');
  const given = Object.values(CONNECT).filter((name) => value(name) !== null);
  const accountUrl = readAccountUrl(value, 'FRONTLINE_ZENDESK_ACCOUNT_URL');
  const freshdeskAccountUrl = readAccountUrl(value, 'FRONTLINE_FRESHDESK_ACCOUNT_URL');
  if (given.length === 0) {
    return { publicUrl: publicUrl?.replace(/\/+$/, '') ?? null, zendeskConnect: null, freshdeskAccountUrl };
  }
  const missing: string[] = Object.values(CONNECT).filter((name) => value(name) === null);
  if (publicUrl === null) missing.push('FRONTLINE_PUBLIC_URL');
  if (missing.length > 0) {
    throw new ConfigError(
      `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing: a Zendesk admin's Connect needs ` +
        `${[...Object.values(CONNECT), 'FRONTLINE_PUBLIC_URL'].join(', ')} (the OAuth client and app key from Zendesk's ` +
        `Marketplace portal, and the connector's https address); set none of them to connect accounts with the CLI only`,
    );
  }
  return {
    publicUrl: publicUrl!.replace(/\/+$/, ''),
    freshdeskAccountUrl,
    zendeskConnect: {
      clientId: value(CONNECT.clientId)!,
      clientSecret: value(CONNECT.clientSecret)!,
      appPublicKey: value(CONNECT.appPublicKey)!,
      accountUrl,
    },
  };
}

function readTrustProxy(raw: string | null): boolean | string[] {
  if (raw === null || raw === 'false') return false;
  if (raw === 'true') return true;
  const proxies = raw.split(',').map((p) => p.trim());
  const bad = proxies.find((p) => {
    const [address = '', bits, ...rest] = p.split('/');
    const family = isIP(address);
    return (
      family === 0 ||
      rest.length > 0 ||
      (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)))
    );
  });
  if (bad !== undefined) {
    throw new ConfigError(
      `FRONTLINE_TRUST_PROXY must be true, false, or the proxies' addresses and CIDR ranges separated by commas, ` +
        `got ${JSON.stringify(bad)}; example: FRONTLINE_TRUST_PROXY=10.0.0.0/8`,
    );
  }
  return proxies;
}

const MARKETPLACE = {
  name: 'FRONTLINE_ZENDESK_MARKETPLACE_NAME',
  organizationId: 'FRONTLINE_ZENDESK_MARKETPLACE_ORGANIZATION_ID',
  appId: 'FRONTLINE_ZENDESK_MARKETPLACE_APP_ID',
} as const;

/**
 * The three go together: a Marketplace app sends all three headers. The ids are whole numbers
 * (UNSURE: the reference names the headers, not their form; Zendesk's portal shows numbers), and the
 * name must be plain text, since it travels as an HTTP header value.
 */
function readZendeskMarketplace(value: (name: string) => string | null): ZendeskMarketplaceApp | null {
  const name = value(MARKETPLACE.name);
  const organizationId = value(MARKETPLACE.organizationId);
  const appId = value(MARKETPLACE.appId);
  if (name === null && organizationId === null && appId === null) return null;
  if (name === null || organizationId === null || appId === null) {
    const missing = Object.values(MARKETPLACE).filter((variable) => value(variable) === null);
    throw new ConfigError(
      `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing: set all three of ` +
        `${Object.values(MARKETPLACE).join(', ')} (from Zendesk's Marketplace portal) for a Marketplace app, or none for a private app`,
    );
  }
  if (!/^[\x20-\x7e]+$/.test(name)) {
    throw new ConfigError(
      `${MARKETPLACE.name} must be plain ASCII text (it is sent as an HTTP header), got ${JSON.stringify(name)}; ` +
        `example: ${MARKETPLACE.name}=Frontline`,
    );
  }
  for (const [variable, id] of [
    [MARKETPLACE.organizationId, organizationId],
    [MARKETPLACE.appId, appId],
  ] as const) {
    if (!/^\d{1,20}$/.test(id)) {
      throw new ConfigError(
        `${variable} must be a whole number, got ${JSON.stringify(id)}; example: ${variable}=123456`,
      );
    }
  }
  return { name, organizationId, appId };
}

/** An origin, or all subdomains of one (`https://*.example.com`), as a CSP source and an Origin header write them. */
const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

function readFrameAncestors(raw: string | null): string[] {
  if (raw === null) return [];
  const origins = raw.split(/[\s,]+/).filter((o) => o !== '');
  for (const origin of origins) {
    if (!ORIGIN.test(origin.toLowerCase().replace(/\/$/, ''))) {
      throw new ConfigError(
        `FRONTLINE_FRAME_ANCESTORS must be origins separated by spaces (scheme://host[:port], no path), ` +
          `got ${JSON.stringify(origin.slice(0, 100))}; example: FRONTLINE_FRAME_ANCESTORS="https://support.example.com https://*.example.org"`,
      );
    }
  }
  return origins.map((o) => o.toLowerCase().replace(/\/$/, ''));
}

function checkUrl(name: string, raw: string, protocols: string[], example: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL; example: ${name}=${example}`);
  }
  if (!protocols.includes(url.protocol)) {
    // The value may hold a password: name only its scheme.
    throw new ConfigError(
      `${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got ${url.protocol}//...; example: ${name}=${example}`,
    );
  }
}
