import type { Command } from 'commander';
import type { OpenRuntime } from '../runtime.js';
import { createJobHandler } from '../sync/handle-sync-job.js';
import { startSyncScheduler } from '../sync/sync-scheduler.js';
import type { CliIo } from './cli-io.js';

/**
 * Adds `frontline serve`: the HTTP API on PORT until SIGTERM or SIGINT, then it stops taking
 * connections and lets the requests in flight finish. Without REDIS_URL the job queue lives in
 * this process, so it also runs the jobs (webhook refreshes, syncs) that no other process could.
 */
export function registerServeCommand(program: Command, io: CliIo, openRuntime: OpenRuntime): void {
  program
    .command('serve')
    .description('run the HTTP API (PORT, default 3000): /v1, /healthz, /metrics, /openapi.json')
    .action(async () => {
      // Loaded here, not with the CLI: the HTTP server is most of a second of imports that
      // every other command (`frontline kpi` above all) would pay for.
      const { createServer } = await import('../http/create-server.js');
      const runtime = await openRuntime();
      const app = await createServer(runtime);
      const embedded = runtime.env.redisUrl === null;
      const worker = embedded ? runtime.queue.work(createJobHandler(runtime), { concurrency: 2 }) : null;
      const scheduler = embedded ? startSyncScheduler(runtime) : null;
      const address = await app.listen({ port: runtime.env.port, host: '0.0.0.0' });
      io.stderr(`frontline API listening on ${address}${embedded ? ' (running jobs in process: no REDIS_URL)' : ''}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', () => resolve());
        process.once('SIGINT', () => resolve());
      });
      io.stderr('stopping: draining requests in flight...\n');
      scheduler?.stop();
      await app.close();
      await worker?.close();
      await runtime.close();
    });
}
