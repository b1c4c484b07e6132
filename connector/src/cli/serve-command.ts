import type { Command } from 'commander';
import type { createServer } from '../http/create-server.js';
import { explainListenFailure } from '../explain-connection-failure.js';
import type { OpenRuntime, Runtime } from '../runtime.js';
import { createJobHandler } from '../sync/handle-sync-job.js';
import { startSyncScheduler } from '../sync/sync-scheduler.js';
import type { CliIo } from './cli-io.js';
import { PortUnavailableError } from './port-unavailable-error.js';
import { closeWithin, nextStopSignal } from './stop-signals.js';
import { reportStop } from './report-stop.js';

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
      const app = await createServer(runtime).catch(async (error: unknown) => {
        await runtime.close();
        throw error;
      });
      const address = await listen(app, runtime);
      // Jobs start once the port is ours: a serve that cannot listen leaves nothing running.
      const embedded = runtime.env.redisUrl === null;
      const worker = embedded ? runtime.queue.work(createJobHandler(runtime), { concurrency: 2 }) : null;
      const scheduler = embedded ? startSyncScheduler(runtime) : null;
      io.stderr(`frontline API listening on ${address}${embedded ? ' (running jobs in process: no REDIS_URL)' : ''}\n`);
      await nextStopSignal();
      io.stderr('stopping: draining requests in flight (a second signal stops at once)...\n');
      const outcome = await closeWithin(
        async () => {
          scheduler?.stop();
          await app.close();
          await worker?.close();
          await runtime.close();
        },
        { hopeless: () => runtime.redisDown() },
      );
      reportStop('API', outcome, io);
    });
}

type Server = Awaited<ReturnType<typeof createServer>>;

/** Listens on PORT; when it cannot, closes everything and says why in one line. */
async function listen(app: Server, runtime: Runtime): Promise<string> {
  const port = runtime.env.port;
  try {
    return await app.listen({ port, host: '0.0.0.0' });
  } catch (error) {
    await app.close();
    await runtime.close();
    const line = explainListenFailure(error, port);
    throw line === null ? error : new PortUnavailableError(line);
  }
}
