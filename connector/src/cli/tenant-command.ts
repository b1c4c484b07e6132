import { Option, type Command } from 'commander';
import type { OpenRuntime } from '../runtime.js';
import type { NewTenant, Tenant, VendorCredentials } from '../store/sync-store.js';
import { VENDOR_PLANS } from '../vendors/vendor-plans.js';
import type { CliIo } from './cli-io.js';
import { registerTenantAccessCommands } from './tenant-access-command.js';
import { UsageError } from './usage-error.js';

interface AddOptions {
  readonly vendor: 'zendesk' | 'freshdesk';
  readonly url: string;
  readonly email?: string;
  readonly token?: string;
  readonly oauthToken?: string;
  readonly apiKey?: string;
  readonly zigpollKey?: string;
  readonly zigpollAccount?: string;
  readonly plan?: string;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The tenant to store, from the command line; every mistake named with what to write instead. */
export function tenantFromOptions(name: string, options: AddOptions): NewTenant {
  if (!NAME.test(name)) {
    throw new UsageError(`tenant name ${JSON.stringify(name)}: use lowercase letters, digits and dashes, e.g. acme`);
  }
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new UsageError(
      `--url ${JSON.stringify(options.url)} is not a URL; e.g. --url https://acme.${options.vendor}.com`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--url must be an http(s) URL, e.g. https://acme.${options.vendor}.com`);
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
    baseUrl: url.origin,
    credentials: credentialsFrom(options),
    zigpoll,
    plan: planFrom(options),
  };
}

function planFrom(options: AddOptions): string | null {
  if (options.plan === undefined) return null;
  const plans = VENDOR_PLANS[options.vendor];
  if (!plans.includes(options.plan)) {
    throw new UsageError(
      `--plan ${JSON.stringify(options.plan)} is not a ${options.vendor} plan; use one of ${plans.join(', ')} (or leave it out: the rate limits are then learned from the account's answers)`,
    );
  }
  return options.plan;
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

function required(value: string | undefined, what: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`missing ${what}`);
  return value;
}

/** One line per tenant; credentials are never printed. */
function describeTenant(tenant: Tenant): string {
  const status = tenant.status === 'active' ? 'active' : `stopped: ${tenant.statusReason ?? 'no reason recorded'}`;
  const zigpoll = tenant.zigpoll === null ? '' : ', with Zigpoll surveys';
  const plan = tenant.plan === null ? '' : `, ${tenant.plan} plan`;
  return `${tenant.name}\t${tenant.vendor}\t${tenant.baseUrl}\t${status}${plan}${zigpoll}`;
}

/** Adds `frontline tenant add NAME ...`, `tenant list`, and the access commands. */
export function registerTenantCommand(program: Command, io: CliIo, openRuntime: OpenRuntime): void {
  const tenant = program.command('tenant').description('connect helpdesk accounts and list them');
  tenant
    .command('add')
    .description('connect a Zendesk or Freshdesk account (credentials are stored encrypted)')
    .argument('<name>', 'a short name for the tenant, e.g. acme')
    .addOption(new Option('--vendor <vendor>', 'the helpdesk').choices(['zendesk', 'freshdesk']).makeOptionMandatory())
    .requiredOption('--url <url>', 'the vendor base URL, e.g. https://acme.zendesk.com')
    .option('--email <email>', 'Zendesk: the agent the API token belongs to')
    .option('--token <token>', 'Zendesk: an API token')
    .option('--oauth-token <token>', 'Zendesk: an OAuth access token, instead of --email and --token')
    .option('--api-key <key>', 'Freshdesk: an API key')
    .option('--zigpoll-key <key>', 'Zigpoll API key, for NPS and CES answers')
    .option('--zigpoll-account <id>', 'Zigpoll account id')
    .option(
      '--plan <plan>',
      `the helpdesk plan, for its rate limits (Freshdesk: ${VENDOR_PLANS.freshdesk.join('|')}; Zendesk: ${VENDOR_PLANS.zendesk.join('|')}); default: learned from the answers`,
    )
    .action(async (name: string, options: AddOptions) => {
      const input = tenantFromOptions(name, options);
      const runtime = await openRuntime();
      try {
        const existing = await runtime.store.getTenant(name);
        let saved =
          existing === null
            ? await runtime.store.addTenant(input)
            : await runtime.store.updateCredentials(name, input.credentials);
        if (existing !== null && input.plan != null) saved = await runtime.store.setTenantPlan(name, input.plan);
        io.stdout(
          `${existing === null ? 'added' : 'updated the credentials of'} tenant ${saved.name} (${saved.vendor}, ${saved.baseUrl})\n` +
            `next: npx frontline sync --tenant ${saved.name}\n`,
        );
      } finally {
        await runtime.close();
      }
    });
  tenant
    .command('list')
    .description('list the connected tenants')
    .action(async () => {
      const runtime = await openRuntime();
      try {
        const tenants = await runtime.store.listTenants();
        if (tenants.length === 0)
          io.stdout('no tenants yet: add one with `npx frontline tenant add NAME --vendor ...`\n');
        for (const t of tenants) io.stdout(`${describeTenant(t)}\n`);
      } finally {
        await runtime.close();
      }
    });
  registerTenantAccessCommands(tenant, io, openRuntime);
}
