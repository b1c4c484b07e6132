import type { Command } from 'commander';
import type { OpenRuntime, Runtime } from '../runtime.js';
import type { Tenant } from '../store/sync-store.js';
import { syncTenant, type SyncProgress } from '../sync/sync-tenant.js';
import { AccountCheckError } from '../vendors/account-check-error.js';
import { VendorAuthError } from '../vendors/vendor-auth-error.js';
import { VendorUnsupportedError } from '../vendors/vendor-unsupported-error.js';
import type { CliIo } from './cli-io.js';
import { etaMs, formatDuration, formatProgress } from './sync-progress.js';
import { TenantStoppedError } from './tenant-stopped-error.js';
import { UsageError } from './usage-error.js';

interface SyncOptions {
  readonly tenant: string;
  readonly full?: boolean;
}

/** How often a plain (non-terminal) progress line is written. */
const PLAIN_EVERY_MS = 5_000;
/** How long to wait between tries when a worker holds the tenant. */
const LOCK_RETRY_MS = 2_000;

/** Adds `frontline sync --tenant NAME [--full]`: syncs until caught up, showing progress. */
export function registerSyncCommand(program: Command, io: CliIo, openRuntime: OpenRuntime, isTerminal: boolean): void {
  program
    .command('sync')
    .description('bring a tenant up to date with its helpdesk (recent 60 days first), then exit')
    .requiredOption('--tenant <name>', 'the tenant to sync')
    .option('--full', 'start every stream over instead of resuming')
    .action(async (options: SyncOptions) => {
      const runtime = await openRuntime();
      try {
        await runSync(runtime, options, io, isTerminal);
      } finally {
        await runtime.close();
      }
    });
}

async function runSync(runtime: Runtime, options: SyncOptions, io: CliIo, isTerminal: boolean): Promise<void> {
  const tenant = await runtime.store.getTenant(options.tenant);
  if (tenant === null) {
    throw new UsageError(
      `no tenant named ${options.tenant}: add it with \`npx frontline tenant add ${options.tenant} --vendor ...\``,
    );
  }
  if (tenant.status === 'stopped') throw new TenantStoppedError(tenant);
  await checkFirst(runtime, tenant);
  const held = await acquire(runtime, tenant, io);
  const started = runtime.clock.now();
  let waited = 0;
  let stepStarted = started;
  let lastStep = '';
  let lastPlain = 0;
  const show = (progress: SyncProgress) => {
    const now = runtime.clock.now();
    if (progress.step !== lastStep) {
      lastStep = progress.step;
      stepStarted = now;
      if (isTerminal) io.stderr('\n');
    }
    const line = formatProgress(
      progress,
      { rateLimitWaitMs: waited, elapsedMs: now - started },
      etaMs(progress, now - stepStarted),
      isTerminal,
    );
    if (isTerminal) io.stderr(`\r\x1b[2K${line}`);
    else if (now - lastPlain >= PLAIN_EVERY_MS) {
      lastPlain = now;
      io.stderr(`${new Date(now).toISOString()} sync ${tenant.name}: ${line}\n`);
    }
  };
  try {
    const client = runtime.clientFor(tenant, { observer: { onRateLimitWait: (ms) => void (waited += ms) } });
    const outcome = await syncTenant(
      tenant,
      { store: runtime.store, client, surveys: runtime.surveysFor(tenant), clock: runtime.clock, log: runtime.log },
      { full: options.full ?? false, onProgress: show },
    );
    if (isTerminal) io.stderr('\n');
    io.stdout(
      `${tenant.name} is up to date: ${outcome.pages} pages in ${formatDuration(runtime.clock.now() - started)}, ` +
        `${formatDuration(waited)} waiting for rate limits\n`,
    );
  } catch (error) {
    if (error instanceof VendorAuthError || error instanceof VendorUnsupportedError) {
      await runtime.store.setTenantStatus(tenant.id, 'stopped', error.message);
      throw new TenantStoppedError({ ...tenant, statusReason: error.message });
    }
    throw error;
  } finally {
    await held.release();
  }
}

/**
 * Signs in once before syncing, so that a URL that does not answer fails in seconds instead of
 * after a sync's retries. Credentials refused stop the tenant, as a refusal during the sync does
 * (the worker then skips it until they are replaced); other problems only fail this run.
 */
async function checkFirst(runtime: Runtime, tenant: Tenant): Promise<void> {
  try {
    await runtime.clientFor(tenant).checkAccess();
  } catch (error) {
    if (error instanceof AccountCheckError && (error.problem === 'credentials' || error.problem === 'not-an-agent')) {
      const reason = `${error.message}: give it new credentials with \`npx frontline tenant update ${tenant.name} ...\` and sync again`;
      await runtime.store.setTenantStatus(tenant.id, 'stopped', reason);
      throw new TenantStoppedError({ ...tenant, statusReason: reason });
    }
    throw error;
  }
}

/** Takes the tenant's lock, waiting while a worker process is syncing it. */
async function acquire(runtime: Runtime, tenant: Tenant, io: CliIo) {
  let told = false;
  for (;;) {
    const held = await runtime.lock.tryAcquire(tenant.id);
    if (held !== null) return held;
    if (!told) io.stderr(`a worker is syncing ${tenant.name} right now; waiting for it to finish its pages...\n`);
    told = true;
    await runtime.clock.sleep(LOCK_RETRY_MS);
  }
}
