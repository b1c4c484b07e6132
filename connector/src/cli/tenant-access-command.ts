import { createPublicKey, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { hashUserKey, newUserKey } from '../auth/index.js';
import type { OpenRuntime } from '../runtime.js';
import type { Tenant, TenantAccess } from '../store/sync-store.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage-error.js';

interface AccessOptions {
  readonly webhookSecret?: string[] | true;
  readonly appSecret?: string | true;
  readonly zendeskAppKey?: string;
  readonly zendeskAppAudience?: string;
  readonly zendeskAppIssuer?: string;
}

interface RoleOptions {
  readonly user: string;
  readonly role: 'agent' | 'lead' | 'admin';
}

/** A fresh secret, printed once for the admin to paste into the helpdesk: 32 characters. */
const newSecret = (): string => randomBytes(24).toString('base64url');

/**
 * The shortest secret we accept where we choose it (app secret, Freshdesk webhook secret): with
 * sign-in throttled to a few guesses a minute, 24 random characters cannot be guessed.
 */
export const MIN_SECRET_LENGTH = 24;

/**
 * The secret Zendesk signs its webhook builder's test requests with, printed in its docs: anyone
 * can sign with it. Zendesk makes the real secrets (the reference gives no length for them, so
 * they are not held to MIN_SECRET_LENGTH); this one is refused.
 */
const ZENDESK_TEST_SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';

function checkLength(option: string, secret: string): string {
  if (secret.length < MIN_SECRET_LENGTH) {
    // The value is a secret: say only how long it is.
    throw new UsageError(
      `${option} must be at least ${MIN_SECRET_LENGTH} characters, got ${secret.length}: ` +
        `give ${option} without a value and a secret is generated`,
    );
  }
  return secret;
}

/** The webhook secrets to store: Zendesk's as given, Freshdesk's at least 24 characters or generated. */
function webhookSecrets(given: string[] | true, vendor: Tenant['vendor']): string[] {
  if (vendor === 'zendesk') {
    if (given === true) {
      throw new UsageError(
        "--webhook-secret needs each webhook's signing secret: Zendesk makes it (Admin Center > Webhooks > the webhook > Reveal secret)",
      );
    }
    if (given.includes(ZENDESK_TEST_SECRET)) {
      throw new UsageError(
        "--webhook-secret: that is the public secret of Zendesk test requests; give the webhook's own (Reveal secret)",
      );
    }
    return given;
  }
  return given === true ? [newSecret()] : given.map((secret) => checkLength('--webhook-secret', secret));
}

/** What `tenant access` sets, from its options; the public key is read and checked first. */
async function accessFromOptions(options: AccessOptions, tenant: Tenant): Promise<Partial<TenantAccess>> {
  const access: { -readonly [K in keyof TenantAccess]?: TenantAccess[K] } = {};
  const host = new URL(tenant.baseUrl).host;
  if (options.webhookSecret !== undefined) access.webhookSecrets = webhookSecrets(options.webhookSecret, tenant.vendor);
  if (options.appSecret !== undefined) {
    access.appSecret = options.appSecret === true ? newSecret() : checkLength('--app-secret', options.appSecret);
  }
  if (options.zendeskAppKey !== undefined) {
    const pem = await readFile(options.zendeskAppKey, 'utf8').catch(() => {
      throw new UsageError(
        `--zendesk-app-key ${options.zendeskAppKey}: cannot read the file; give the app's public key PEM`,
      );
    });
    try {
      createPublicKey(pem);
    } catch {
      throw new UsageError(`--zendesk-app-key ${options.zendeskAppKey} is not a PEM public key (BEGIN PUBLIC KEY)`);
    }
    if (options.zendeskAppAudience === undefined) {
      throw new UsageError('--zendesk-app-key needs --zendesk-app-audience (the installation the tokens are for)');
    }
    access.zendeskApp = {
      publicKeyPem: pem,
      audience: options.zendeskAppAudience,
      issuer: options.zendeskAppIssuer ?? host,
    };
  }
  if (Object.keys(access).length === 0) {
    throw new UsageError('nothing to set: give --webhook-secret, --app-secret or --zendesk-app-key');
  }
  return access;
}

/** Adds `tenant access` (what proves a request comes from the helpdesk) and `tenant role`. */
export function registerTenantAccessCommands(tenant: Command, io: CliIo, openRuntime: OpenRuntime): void {
  tenant
    .command('access')
    .description('set what proves requests come from the helpdesk: webhook secret, app secret, Zendesk app key')
    .argument('<name>', 'the tenant')
    .option(
      '--webhook-secret [secret...]',
      "Zendesk: each webhook's signing secret (ticket events, the ratings trigger); Freshdesk: the rule's secret header, " +
        `at least ${MIN_SECRET_LENGTH} characters (generated when no value)`,
    )
    .option(
      '--app-secret [secret]',
      `Freshdesk: the app's secure installation parameter, at least ${MIN_SECRET_LENGTH} characters (generated when no value)`,
    )
    .option('--zendesk-app-key <file>', "Zendesk: PEM file of the app's public key (signed URLs)")
    .option('--zendesk-app-audience <aud>', 'Zendesk: the `aud` of the signed-URL tokens')
    .option('--zendesk-app-issuer <host>', 'Zendesk: the `iss` of the tokens (default: the host of the tenant URL)')
    .action(async (name: string, options: AccessOptions) => {
      const runtime = await openRuntime();
      try {
        const existing = await runtime.store.getTenant(name);
        if (existing === null) throw new UsageError(`no tenant ${name}: see npx frontline tenant list`);
        const access = await accessFromOptions(options, existing);
        await runtime.store.updateAccess(name, access);
        const set = Object.keys(access).join(', ');
        io.stdout(`updated the access of tenant ${name}: ${set}\n`);
        // A generated secret is shown once, here, for the admin to paste into the app's settings.
        if (options.appSecret === true) io.stdout(`app secret (enter it in the app's settings): ${access.appSecret}\n`);
        if (options.webhookSecret === true && existing.vendor === 'freshdesk') {
          io.stdout(
            `webhook secret (enter it as the automation rule's X-Frontline-Webhook-Secret header): ${access.webhookSecrets![0]}\n`,
          );
        }
      } finally {
        await runtime.close();
      }
    });
  tenant
    .command('role')
    .description("set a user's role in Frontline (default agent); a Freshdesk lead or admin also gets a personal key")
    .argument('<name>', 'the tenant')
    .requiredOption('--user <id>', 'the helpdesk user id')
    .addOption(new Option('--role <role>', 'the role').choices(['agent', 'lead', 'admin']).makeOptionMandatory())
    .action(async (name: string, options: RoleOptions) => {
      const runtime = await openRuntime();
      try {
        const found = await runtime.store.getTenant(name);
        if (found === null) throw new UsageError(`no tenant ${name}: see npx frontline tenant list`);
        await runtime.store.coaching.setRole(found.id, options.user, options.role);
        io.stdout(`user ${options.user} of ${name} is now ${options.role}\n`);
        if (found.vendor === 'freshdesk' && options.role !== 'agent') {
          const key = newUserKey();
          await runtime.store.saveUserKeyHash(found.id, options.user, hashUserKey(key));
          io.stdout(`personal key (give it to the user, once; it is not stored): ${key}\n`);
        }
      } finally {
        await runtime.close();
      }
    });
}
