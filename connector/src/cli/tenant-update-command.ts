import type { Command } from 'commander';
import type { OpenRuntime } from '../runtime.js';
import type { Tenant } from '../store/sync-store.js';
import { VENDOR_PLANS } from '../vendors/vendor-plans.js';
import type { CliIo } from './cli-io.js';
import {
  changesFromOptions,
  changesSomething,
  NOTHING_TO_CHANGE,
  type TenantChanges,
  type UpdateOptions,
} from './tenant-changes.js';
import { checkBeforeSaving, describeCheck, NOT_CHECKED } from './tenant-check.js';
import { TenantInputError } from './tenant-input-error.js';
import { UsageError } from './usage-error.js';

/**
 * Adds `frontline tenant update NAME [--url] [credentials] [--plan] [--zigpoll-key/-account]
 * [--no-check]`: changes only what is given, after signing in with the result when the URL or the
 * credentials change. A stopped tenant whose URL or credentials change is active again.
 */
export function registerTenantUpdateCommand(tenant: Command, io: CliIo, openRuntime: OpenRuntime): void {
  tenant
    .command('update')
    .description(
      "change a tenant's URL, credentials or plan (the rest stays); signs in with the result first when the URL or the credentials change",
    )
    .argument('<name>', 'the tenant, as `tenant list` shows it')
    .option('--url <url>', 'the new vendor base URL, e.g. https://acme.zendesk.com')
    .option('--email <email>', 'Zendesk: the agent the API token belongs to')
    .option('--token <token>', 'Zendesk: a new API token')
    .option('--oauth-token <token>', 'Zendesk: an OAuth access token, instead of --email and --token')
    .option('--api-key <key>', 'Freshdesk: a new API key')
    .option(
      '--plan <plan>',
      `the helpdesk plan (Freshdesk: ${VENDOR_PLANS.freshdesk.join('|')}; Zendesk: ${VENDOR_PLANS.zendesk.join('|')})`,
    )
    .option('--zigpoll-key <key>', 'Zigpoll API key')
    .option('--zigpoll-account <id>', 'Zigpoll account id')
    .option('--no-check', 'save without signing in to the helpdesk first')
    .action(async (name: string, options: UpdateOptions) => {
      if (!changesSomething(options)) throw new UsageError(NOTHING_TO_CHANGE);
      const runtime = await openRuntime();
      try {
        const before = await runtime.store.getTenant(name);
        if (before === null) {
          throw new TenantInputError(
            `no tenant named ${name}: add it with \`npx frontline tenant add ${name} --vendor ...\`, or see the tenants with \`npx frontline tenant list\``,
          );
        }
        const changes = changesFromOptions(before, options);
        const reaches = changes.baseUrl !== undefined || changes.credentials !== undefined;
        const lines: string[] = [];
        if (reaches) {
          const candidate: Tenant = { ...before, ...changes };
          if (options.check === false) lines.push(NOT_CHECKED);
          else lines.push(describeCheck(candidate, await checkBeforeSaving(runtime, candidate)));
        }
        const { store } = runtime;
        let after: Tenant = before;
        if (changes.baseUrl !== undefined) after = await store.moveTenant(name, changes.baseUrl);
        // New credentials also make a stopped tenant active (the store does it).
        if (changes.credentials !== undefined) after = await store.updateCredentials(name, changes.credentials);
        if (changes.plan !== undefined) after = await store.setTenantPlan(name, changes.plan);
        if (changes.zigpoll !== undefined) after = await store.setTenantZigpoll(name, changes.zigpoll);
        if (reaches && after.status === 'stopped') {
          await store.setTenantStatus(after.id, 'active', null);
          after = { ...after, status: 'active', statusReason: null };
        }
        lines.push(`updated tenant ${name}: ${describeChanges(changes, after)}`);
        if (before.status === 'stopped' && after.status === 'active') {
          lines.push(`${name} was stopped (${before.statusReason ?? 'no reason recorded'}); it is active again`);
        }
        if (reaches) lines.push(`next: npx frontline sync --tenant ${name}`);
        io.stdout(lines.map((line) => `${line}\n`).join(''));
      } finally {
        await runtime.close();
      }
    });
}

/** `URL https://..., credentials, plan pro, Zigpoll credentials`: what changed, never a secret. */
function describeChanges(changes: TenantChanges, after: Tenant): string {
  return [
    changes.baseUrl === undefined ? null : `URL ${after.baseUrl}`,
    changes.credentials === undefined ? null : 'credentials',
    changes.plan === undefined ? null : `plan ${after.plan}`,
    changes.zigpoll === undefined ? null : 'Zigpoll credentials',
  ]
    .filter((part): part is string => part !== null)
    .join(', ');
}
