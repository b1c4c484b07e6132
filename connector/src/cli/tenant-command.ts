import { Option, type Command } from 'commander';
import type { OpenRuntime } from '../runtime.js';
import type { Tenant } from '../store/sync-store.js';
import { TenantExistsError } from '../store/tenant-exists-error.js';
import { VENDOR_PLANS } from '../vendors/vendor-plans.js';
import type { CliIo } from './cli-io.js';
import { registerTenantAccessCommands } from './tenant-access-command.js';
import { checkBeforeSaving, describeCheck, NOT_CHECKED, unsavedTenant } from './tenant-check.js';
import { TenantInputError } from './tenant-input-error.js';
import { tenantFromOptions, type AddOptions } from './tenant-options.js';
import { registerTenantRemoveCommand } from './tenant-remove-command.js';
import { registerTenantUpdateCommand } from './tenant-update-command.js';

/** One line per tenant; credentials are never printed. */
function describeTenant(tenant: Tenant): string {
  const status = tenant.status === 'active' ? 'active' : `stopped: ${tenant.statusReason ?? 'no reason recorded'}`;
  const zigpoll = tenant.zigpoll === null ? '' : ', with Zigpoll surveys';
  const plan = tenant.plan === null ? '' : `, ${tenant.plan} plan`;
  return `${tenant.name}\t${tenant.vendor}\t${tenant.baseUrl}\t${status}${plan}${zigpoll}`;
}

/** Adds `frontline tenant add NAME ...`, `tenant list`, `update`, `remove`, and the access commands. */
export function registerTenantCommand(program: Command, io: CliIo, openRuntime: OpenRuntime): void {
  const tenant = program.command('tenant').description('connect helpdesk accounts, change, list and remove them');
  tenant
    .command('add')
    .description(
      'connect a Zendesk or Freshdesk account: signs in once to check the URL and credentials, then saves them (encrypted)',
    )
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
    .option('--no-check', 'save without signing in to the helpdesk first')
    .action(async (name: string, options: AddOptions) => {
      const input = tenantFromOptions(name, options);
      const runtime = await openRuntime();
      try {
        const existing = await runtime.store.getTenant(name);
        if (existing !== null) throw alreadyAdded(existing);
        const agent = options.check === false ? null : await checkBeforeSaving(runtime, unsavedTenant(input));
        const saved = await runtime.store.addTenant(input).catch(async (error: unknown) => {
          // Added by another process since the read above.
          const taken = error instanceof TenantExistsError ? await runtime.store.getTenant(name) : null;
          throw taken === null ? error : alreadyAdded(taken);
        });
        io.stdout(
          `${agent === null ? NOT_CHECKED : describeCheck(saved, agent)}\n` +
            `added tenant ${saved.name} (${saved.vendor}, ${saved.baseUrl})\n` +
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
  registerTenantUpdateCommand(tenant, io, openRuntime);
  registerTenantRemoveCommand(tenant, io, openRuntime);
  registerTenantAccessCommands(tenant, io, openRuntime);
}

/** A second `tenant add` of a name: it changes nothing, and says which command does. */
function alreadyAdded(existing: Tenant): TenantInputError {
  return new TenantInputError(
    `a tenant named ${existing.name} already exists (${existing.vendor}, ${existing.baseUrl}); nothing was changed: ` +
      `change its URL, credentials or plan with \`npx frontline tenant update ${existing.name} --url URL ...\`, ` +
      `or remove it with \`npx frontline tenant remove ${existing.name}\``,
  );
}
