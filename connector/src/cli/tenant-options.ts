import type { NewTenant, VendorCredentials } from '../store/sync-store.js';
import type { VendorName } from '../vendors/index.js';
import { VENDOR_PLANS } from '../vendors/vendor-plans.js';
import { UsageError } from './usage-error.js';

/** What `tenant add` is given. */
export interface AddOptions {
  readonly vendor: 'zendesk' | 'freshdesk';
  readonly url: string;
  readonly email?: string;
  readonly token?: string;
  readonly oauthToken?: string;
  readonly apiKey?: string;
  readonly zigpollKey?: string;
  readonly zigpollAccount?: string;
  readonly plan?: string;
  /** False with `--no-check`. */
  readonly check?: boolean;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The tenant to store, from the command line; every mistake named with what to write instead. */
export function tenantFromOptions(name: string, options: AddOptions): NewTenant {
  if (!NAME.test(name)) {
    throw new UsageError(`tenant name ${JSON.stringify(name)}: use lowercase letters, digits and dashes, e.g. acme`);
  }
  const zigpoll =
    options.zigpollKey === undefined && options.zigpollAccount === undefined
      ? null
      : {
          apiKey: required(options.zigpollKey, '--zigpoll-key'),
          accountId: required(options.zigpollAccount, '--zigpoll-account'),
        };
  return {
    name,
    vendor: options.vendor,
    baseUrl: baseUrlFrom(options.url, options.vendor),
    credentials: credentialsFrom(options),
    zigpoll,
    plan: options.plan === undefined ? null : planFrom(options.plan, options.vendor),
  };
}

/** The base URL `--url` names (its origin); a mistake named with what to write instead. */
export function baseUrlFrom(given: string, vendor: VendorName): string {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError(`--url ${JSON.stringify(given)} is not a URL; e.g. --url https://acme.${vendor}.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--url must be an http(s) URL, e.g. https://acme.${vendor}.com`);
  }
  return url.origin;
}

/** `--plan`, if it is one of the vendor's plans. */
export function planFrom(plan: string, vendor: VendorName): string {
  const plans = VENDOR_PLANS[vendor];
  if (!plans.includes(plan)) {
    throw new UsageError(
      `--plan ${JSON.stringify(plan)} is not a ${vendor} plan; use one of ${plans.join(', ')} (or leave it out: the rate limits are then learned from the account's answers)`,
    );
  }
  return plan;
}

function credentialsFrom(options: AddOptions): VendorCredentials {
  if (options.vendor === 'freshdesk') {
    return { kind: 'freshdesk-key', apiKey: required(options.apiKey, '--api-key (a Freshdesk API key)') };
  }
  if (options.oauthToken !== undefined) return { kind: 'zendesk-oauth', accessToken: options.oauthToken };
  if (options.token === undefined) {
    throw new UsageError('a Zendesk tenant needs --email and --token (an API token), or --oauth-token');
  }
  return {
    kind: 'zendesk-token',
    email: required(options.email, '--email (the agent the API token belongs to)'),
    token: options.token,
  };
}

export function required(value: string | undefined, what: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`missing ${what}`);
  return value;
}
