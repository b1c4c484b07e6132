import type { Command } from 'commander';
import type { OpenRuntime } from '../runtime.js';
import { createJobHandler } from '../sync/handle-sync-job.js';
import { startSyncScheduler } from '../sync/sync-scheduler.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './usage-error.js';

interface WorkerOptions {
  readonly concurrency: string;
}

/**
 * Adds `frontline worker`: runs sync and refresh jobs from the queue until SIGTERM or SIGINT,
 * then finishes the jobs in hand, or hands back those waiting (a rate limit, a retry).
 */
export function registerWorkerCommand(program: Command, io: CliIo, openRuntime: OpenRuntime): void {
  program
    .command('worker')
    .description('run sync jobs from the queue (with REDIS_URL, any number of workers on any hosts)')
    .option('--concurrency <n>', 'jobs at once (different tenants)', '2')
    .action(async (options: WorkerOptions) => {
      const concurrency = Number(options.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new UsageError(`--concurrency ${options.concurrency}: expected a whole number of at least 1`);
      }
      const runtime = await openRuntime();
      const worker = runtime.queue.work(createJobHandler(runtime), { concurrency });
      const scheduler = startSyncScheduler(runtime);
      io.stderr(
        `worker started (${runtime.env.redisUrl ? 'queue on Redis' : 'in-process queue'}, concurrency ${concurrency})\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      io.stderr('worker stopping: finishing the jobs in hand...\n');
      scheduler.stop();
      await worker.close();
      await runtime.close();
      io.stderr('worker stopped\n');
    });
}
