import type { Command } from 'commander';
import { createServer } from '../http/create-server.js';
import type { OpenRuntime } from '../runtime.js';
import type { CliIo } from './cli-io.js';

/**
 * Adds `frontline serve`: the HTTP API on PORT until SIGTERM or SIGINT, then it stops taking
 * connections and lets the requests in flight finish.
 */
export function registerServeCommand(program: Command, io: CliIo, openRuntime: OpenRuntime): void {
  program
    .command('serve')
    .description('run the HTTP API (PORT, default 3000): /healthz, /metrics, /openapi.json')
    .action(async () => {
      const runtime = await openRuntime();
      const app = await createServer(runtime);
      const address = await app.listen({ port: runtime.env.port, host: '0.0.0.0' });
      io.stderr(`frontline API listening on ${address}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', () => resolve());
        process.once('SIGINT', () => resolve());
      });
      io.stderr('stopping: draining requests in flight...\n');
      await app.close();
      await runtime.close();
    });
}
