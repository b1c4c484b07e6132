import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** A PostgreSQL cluster of the test's own on a free port, so restarting it disturbs no other test. */
export interface PrivatePostgres {
  readonly url: string;
  /** Stops the server at once, as a crash would (recovery from the WAL on start), and starts it again. */
  restart(): void;
  stop(): void;
}

function binDir(): string {
  const latest = readdirSync('/usr/lib/postgresql').sort().at(-1);
  if (latest === undefined) throw new Error('no PostgreSQL under /usr/lib/postgresql: install the postgresql package');
  return join('/usr/lib/postgresql', latest, 'bin');
}

/** PostgreSQL refuses to run as root: as root, its tools run as the postgres user. */
function run(command: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  execFileSync(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, {
    stdio: 'ignore',
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'frontline-pg-'));
  if (process.getuid?.() === 0) {
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])));
  }
  const data = join(dir, 'data');
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => run(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = (mode: 'immediate' | 'fast') => run(join(bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart() {
      stop('immediate');
      start();
    },
    stop() {
      stop('fast');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
