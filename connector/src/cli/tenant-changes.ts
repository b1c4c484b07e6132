import type { Tenant, VendorCredentials, ZigpollCredentials } from '../store/sync-store.js';
import { baseUrlFrom, planFrom, required } from './tenant-options.js';
import { UsageError } from './usage-error.js';

/** What `tenant update` is given: each option it has changes that part, the rest stays. */
export interface UpdateOptions {
  readonly url?: string;
  readonly email?: string;
  readonly token?: string;
  readonly oauthToken?: string;
  readonly apiKey?: string;
  readonly plan?: string;
  readonly zigpollKey?: string;
  readonly zigpollAccount?: string;
  /** False with `--no-check`. */
  readonly check?: boolean;
}

/** The parts of a tenant an update replaces; absent parts stay as stored. */
export interface TenantChanges {
  readonly baseUrl?: string;
  readonly credentials?: VendorCredentials;
  readonly plan?: string;
  readonly zigpoll?: ZigpollCredentials;
}

const CHANGE_OPTIONS = [
  'url',
  'email',
  'token',
  'oauthToken',
  'apiKey',
  'plan',
  'zigpollKey',
  'zigpollAccount',
] as const;

/** Whether the command line changes anything at all: checked before the store is opened. */
export function changesSomething(options: UpdateOptions): boolean {
  return CHANGE_OPTIONS.some((option) => options[option] !== undefined);
}

export const NOTHING_TO_CHANGE =
  'nothing to change: give --url, new credentials (Zendesk --email/--token or --oauth-token, Freshdesk --api-key), --plan, or --zigpoll-key with --zigpoll-account';

/** The changes the options make to `tenant`; every mistake named with what to write instead. */
export function changesFromOptions(tenant: Tenant, options: UpdateOptions): TenantChanges {
  if (!changesSomething(options)) throw new UsageError(NOTHING_TO_CHANGE);
  const credentials = credentialsFrom(tenant, options);
  return {
    ...(options.url === undefined ? {} : { baseUrl: baseUrlFrom(options.url, tenant.vendor) }),
    ...(credentials === null ? {} : { credentials }),
    ...(options.plan === undefined ? {} : { plan: planFrom(options.plan, tenant.vendor) }),
    ...(options.zigpollKey === undefined && options.zigpollAccount === undefined
      ? {}
      : { zigpoll: zigpollFrom(tenant, options) }),
  };
}

/** New credentials from the options, or null when none are given. */
function credentialsFrom(tenant: Tenant, options: UpdateOptions): VendorCredentials | null {
  const zendeskGiven = [options.email, options.token, options.oauthToken].some((value) => value !== undefined);
  if (tenant.vendor === 'freshdesk') {
    if (zendeskGiven) {
      throw new UsageError(
        `--email, --token and --oauth-token are for Zendesk; ${tenant.name} is a Freshdesk tenant: give --api-key`,
      );
    }
    if (options.apiKey === undefined) return null;
    return { kind: 'freshdesk-key', apiKey: required(options.apiKey, '--api-key (a Freshdesk API key)') };
  }
  if (options.apiKey !== undefined) {
    throw new UsageError(
      `--api-key is for Freshdesk; ${tenant.name} is a Zendesk tenant: give --email and --token, or --oauth-token`,
    );
  }
  if (!zendeskGiven) return null;
  if (options.oauthToken !== undefined) {
    if (options.email !== undefined || options.token !== undefined) {
      throw new UsageError('give --oauth-token, or --email and --token, not both');
    }
    return { kind: 'zendesk-oauth', accessToken: required(options.oauthToken, '--oauth-token') };
  }
  // An API token keeps the stored e-mail address, or the other way round, when only one is given.
  const stored = tenant.credentials.kind === 'zendesk-token' ? tenant.credentials : null;
  return {
    kind: 'zendesk-token',
    email: required(options.email ?? stored?.email, '--email (the agent the API token belongs to)'),
    token: required(options.token ?? stored?.token, '--token (an API token)'),
  };
}

/** New Zigpoll credentials: both parts, or one of them beside the stored other. */
function zigpollFrom(tenant: Tenant, options: UpdateOptions): ZigpollCredentials {
  return {
    apiKey: required(options.zigpollKey ?? tenant.zigpoll?.apiKey, '--zigpoll-key'),
    accountId: required(options.zigpollAccount ?? tenant.zigpoll?.accountId, '--zigpoll-account'),
  };
}
