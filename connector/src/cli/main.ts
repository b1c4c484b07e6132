import { Command, CommanderError } from 'commander';
import { ExportError } from '../export/export-error.js';
import { ConfigError, readEnv } from '../env.js';
import { AccountCheckError } from '../vendors/account-check-error.js';
import { VendorUnavailableError } from '../vendors/vendor-unavailable-error.js';
import { whatToDo } from './account-check-advice.js';
import type { OpenRuntime } from '../runtime.js';
import { ServiceUnavailableError } from '../service-unavailable-error.js';
import { StoreInUseError } from '../store/store-in-use-error.js';
import { processIo, type CliIo } from './cli-io.js';
import { registerKpiCommand } from './kpi-command.js';
import { PortUnavailableError } from './port-unavailable-error.js';
import { registerSecretsCommand } from './secrets-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerSyncCommand } from './sync-command.js';
import { registerTenantCommand } from './tenant-command.js';
import { TenantInputError } from './tenant-input-error.js';
import { TenantStoppedError } from './tenant-stopped-error.js';
import { UsageError } from './usage-error.js';
import { registerWorkerCommand } from './worker-command.js';

/**
 * Exit codes: 0 done, 1 the input could not be read, 2 the command line is wrong, 3 PostgreSQL or
 * Redis cannot be reached, 4 the API's port cannot be opened, 5 the embedded store is in use.
 */
export const EXIT = { ok: 0, input: 1, usage: 2, unavailable: 3, port: 4, storeInUse: 5 } as const;

/** Failures that are one line for the operator, with their exit codes. */
const OPERATOR_FAILURES = [
  [ServiceUnavailableError, EXIT.unavailable],
  [PortUnavailableError, EXIT.port],
  [StoreInUseError, EXIT.storeInUse],
] as const;

/** Commander's "I printed what was asked for" codes, which are not errors. */
const COMMANDER_DONE = new Set(['commander.helpDisplayed', 'commander.version']);

/** The composition root, loaded only by commands that need the store or the queue. */
const openDefaultRuntime: OpenRuntime = async () => {
  const { openRuntime } = await import('../main.js');
  const { readEnv } = await import('../env.js');
  return openRuntime(readEnv());
};

function createProgram(io: CliIo, openRuntime: OpenRuntime): Command {
  const program = new Command('frontline')
    .description('Frontline: agent-performance KPIs for Zendesk and Freshdesk')
    // Throw instead of exiting, and write through `io`, so main() returns an exit code.
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 done, 1 wrong input (a file, a tenant), 2 wrong command line, 3 PostgreSQL or Redis\n' +
        'unreachable, 4 PORT cannot be opened, 5 the embedded store is in use by another process.\n',
    );
  // Subcommands inherit the settings above, so they are added after them: one file each.
  registerKpiCommand(program, io, openRuntime);
  registerTenantCommand(program, io, openRuntime);
  registerSyncCommand(program, io, openRuntime, process.stderr.isTTY === true);
  registerWorkerCommand(program, io, openRuntime);
  registerServeCommand(program, io, openRuntime);
  registerSecretsCommand(program, io, () => readEnv());
  return program;
}

/**
 * Runs the `frontline` command line (`argv` without node and the script) and returns the exit
 * code ({@link EXIT}). Results go to
 * stdout, errors to stderr; nothing reaches stdout when the command fails.
 */
export async function main(
  argv: string[],
  io: CliIo = processIo,
  openRuntime: OpenRuntime = openDefaultRuntime,
): Promise<number> {
  try {
    await createProgram(io, openRuntime).parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // Commander has already printed its own message.
    if (error instanceof CommanderError) return COMMANDER_DONE.has(error.code) ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof ExportError || error instanceof ConfigError || error instanceof TenantStoppedError) {
      io.stderr(`error: ${error.message}\n`);
      return EXIT.input;
    }
    for (const [kind, code] of OPERATOR_FAILURES) {
      if (error instanceof kind) {
        io.stderr(`error: ${error.message}\n`);
        return code;
      }
    }
    if (error instanceof AccountCheckError) {
      io.stderr(`error: ${error.message}\n${whatToDo(error.problem)}\n`);
      return EXIT.input;
    }
    if (error instanceof TenantInputError) {
      io.stderr(`error: ${error.message}\n`);
      return EXIT.input;
    }
    if (error instanceof VendorUnavailableError) {
      io.stderr(
        `error: ${error.message}\nthe helpdesk did not answer; check the tenant's URL and the network, then run the command again (a sync resumes where it stopped)\n`,
      );
      return EXIT.input;
    }
    io.stderr(
      `error: unexpected failure, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.input;
  }
}
