import type { Command } from 'commander';
import type { OpenRuntime } from '../runtime.js';
import type { Tenant } from '../store/sync-store.js';
import type { CliIo } from './cli-io.js';
import { TenantInputError } from './tenant-input-error.js';
import { UsageError } from './usage-error.js';

interface RemoveOptions {
  readonly yes?: boolean;
}

/**
 * Adds `frontline tenant remove NAME [--yes]`: deletes the tenant and everything stored for it,
 * once the operator typed its name at the terminal (or passed --yes, where there is no terminal).
 */
export function registerTenantRemoveCommand(tenant: Command, io: CliIo, openRuntime: OpenRuntime): void {
  tenant
    .command('remove')
    .description(
      'delete a tenant and everything stored for it (synced history, coaching notes, targets, roles, keys); asks for its name first',
    )
    .argument('<name>', 'the tenant, as `tenant list` shows it')
    .option('--yes', 'do not ask: needed where there is no terminal to ask on (scripts, CI)')
    .action(async (name: string, options: RemoveOptions) => {
      const runtime = await openRuntime();
      try {
        const found = await runtime.store.getTenant(name);
        if (found === null) {
          throw new TenantInputError(`no tenant named ${name}: see the tenants with \`npx frontline tenant list\``);
        }
        if (options.yes !== true) await confirm(found, io);
        // As Disconnect in the app: what Connect created in the helpdesk goes too, and its OAuth token.
        const { problems } = await runtime.connect.disconnect(found);
        for (const problem of problems) io.stderr(`warning: ${problem}\n`);
        io.stdout(
          `removed tenant ${name} and everything stored for it\n` +
            (found.access.hooks === null
              ? `its helpdesk keeps its own data; remove the Frontline app and webhooks there if they point at this connector\n`
              : `the webhooks Frontline created in the helpdesk were removed${problems.length > 0 ? ', except as warned above' : ''}; the helpdesk keeps its own data\n`),
        );
      } finally {
        await runtime.close();
      }
    });
}

/** Asks for the tenant's name at the terminal; throws unless it is typed exactly. */
async function confirm(tenant: Tenant, io: CliIo): Promise<void> {
  if (io.ask === undefined) {
    throw new UsageError(
      `removing ${tenant.name} deletes everything stored for it, and there is no terminal to confirm on: ` +
        `pass --yes (npx frontline tenant remove ${tenant.name} --yes)`,
    );
  }
  io.stderr(
    `this deletes tenant ${tenant.name} (${tenant.vendor}, ${tenant.baseUrl}) and everything stored for it: ` +
      `its synced history, coaching notes, targets, roles and personal keys\n`,
  );
  const answer = (await io.ask("type the tenant's name to delete it: ")).trim();
  if (answer !== tenant.name) {
    throw new TenantInputError(
      `not removed: ${JSON.stringify(answer)} is not ${JSON.stringify(tenant.name)}; nothing was deleted`,
    );
  }
}
