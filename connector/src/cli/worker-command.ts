import type { Command } from 'commander';
import type { OpenRuntime } from '../runtime.js';
import { createJobHandler } from '../sync/handle-sync-job.js';
import { startSyncScheduler } from '../sync/sync-scheduler.js';
import type { CliIo } from './cli-io.js';
import { reportStop } from './report-stop.js';
import { closeWithin, nextStopSignal } from './stop-signals.js';
import { UsageError } from './usage-error.js';

interface WorkerOptions {
  readonly concurrency: string;
}

/**
 * Adds `frontline worker`: runs sync and refresh jobs from the queue until SIGTERM or SIGINT,
 * then hands back the jobs in hand; it gives up on that after 20 s, at a second signal, or at
 * once when Redis does not answer, since the jobs' claims then lapse by themselves.
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
      await nextStopSignal();
      io.stderr('worker stopping: handing back the jobs in hand (a second signal stops at once)...\n');
      const outcome = await closeWithin(
        async () => {
          scheduler.stop();
          await worker.close();
          await runtime.close();
        },
        { hopeless: () => runtime.redisDown() },
      );
      reportStop('worker', outcome, io);
    });
}
