/**
 * The operator's failures, as real `frontline` processes: each unreachable service, busy port or
 * store in use is one line on stderr with its own exit code, and nothing is left running; a
 * worker or API told to stop while Redis is down stops.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshSchema, TEST_DATABASE_URL, type FreshSchema } from './support/fresh-schema.js';
import { freePort } from './support/free-port.js';
import { runFrontline, startFrontline } from './support/frontline-process.js';
import { startPrivateRedis } from './support/private-redis.js';

const secretKey = randomBytes(32).toString('base64');
const postgres = (url: string) => ({ DATABASE_URL: url, FRONTLINE_SECRET_KEY: secretKey, LOG_LEVEL: 'warn' });

/** stderr as the operator reads it: its lines, and whether any is a stack frame. */
function linesOf(stderr: string) {
  const lines = stderr.split('\n').filter((line) => line !== '');
  return { lines, traced: lines.some((line) => /^\s+at /.test(line)) };
}

describe('an unreachable PostgreSQL or Redis', () => {
  let schema: FreshSchema;
  beforeAll(async () => {
    schema = await createFreshSchema();
  });
  afterAll(() => schema.drop());

  it('DATABASE_URL on a closed port: one line, exit 3', async () => {
    const port = await freePort();
    const run = await runFrontline(['tenant', 'list'], postgres(`postgres://postgres@127.0.0.1:${port}/test`));
    expect(run.code).toBe(3);
    expect(linesOf(run.stderr)).toEqual({
      lines: [
        `error: PostgreSQL at 127.0.0.1:${port} (DATABASE_URL) refuses connections: start PostgreSQL there, or set DATABASE_URL to a running server`,
      ],
      traced: false,
    });
    expect(run.leftRunning).toBe(false);
  });

  it('a database that does not exist, and a password never shown', async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/no_such_database';
    url.password = 'hunter2-never-printed';
    const run = await runFrontline(['tenant', 'list'], postgres(url.toString()));
    expect(run.code).toBe(3);
    const { lines } = linesOf(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /has no database "no_such_database" \(DATABASE_URL\): create it \(createdb no_such_database\)/,
    );
    expect(run.stderr).not.toContain('hunter2');
  });

  it('REDIS_URL on a closed port: the worker says so in one line within seconds, exit 3', async () => {
    const port = await freePort();
    const run = await runFrontline(['worker'], { ...postgres(schema.url), REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(run.code).toBe(3);
    expect(linesOf(run.stderr)).toEqual({
      lines: [
        `error: Redis at 127.0.0.1:${port} (REDIS_URL) refuses connections: start Redis there, or set REDIS_URL to a running server`,
      ],
      traced: false,
    });
    expect(run.ms).toBeLessThan(10_000);
    expect(run.leftRunning).toBe(false);
  });
});

describe('serve on a port that is taken', () => {
  let squatter: Server;
  let port: number;
  let schema: FreshSchema;
  beforeAll(async () => {
    schema = await createFreshSchema();
    port = await freePort();
    squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '0.0.0.0', resolve));
  });
  afterAll(async () => {
    squatter.close();
    await schema.drop();
  });

  it('says which PORT, exits 4 and leaves nothing running', async () => {
    const run = await runFrontline(['serve'], { ...postgres(schema.url), PORT: String(port) });
    expect(run.code).toBe(4);
    expect(linesOf(run.stderr)).toEqual({
      lines: [`error: PORT ${port} is in use by another process: stop that process, or set PORT to a free port`],
      traced: false,
    });
    expect(run.leftRunning).toBe(false);
  });
});

describe('the embedded store, held by one process', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'frontline-lock-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('refuses a second process in one line (exit 5), and is taken over once the holder was killed', async () => {
    const env = { FRONTLINE_DATA_DIR: dataDir, PORT: String(await freePort()), LOG_LEVEL: 'warn' };
    const serve = startFrontline(['serve'], env);
    try {
      await serve.waitFor('frontline API listening', 60_000);
      const refused = await runFrontline(['tenant', 'list'], env);
      expect(refused.code).toBe(5);
      const { lines, traced } = linesOf(refused.stderr);
      expect(traced).toBe(false);
      expect(lines).toEqual([
        expect.stringMatching(
          new RegExp(
            `^error: the embedded store in ${dataDir}/pglite is in use by process ${serve.child.pid} on .+: stop that process first, or set DATABASE_URL`,
          ),
        ),
      ]);
      // A crash leaves the lock file behind; its process is gone, so the next process takes it.
      await serve.kill();
      const after = await runFrontline(['tenant', 'list'], env);
      expect(after.stderr).toBe('');
      expect(after.code).toBe(0);
    } finally {
      await serve.kill();
    }
  });
});

describe('stopping while Redis is down', () => {
  for (const command of ['worker', 'serve'] as const) {
    it(`${command}: SIGTERM stops it at once, after one warning for the outage`, async () => {
      const [redis, schema] = await Promise.all([startPrivateRedis(), createFreshSchema()]);
      const env = { ...postgres(schema.url), REDIS_URL: redis.url, PORT: String(await freePort()) };
      const process = startFrontline([command], env);
      try {
        await process.waitFor(command === 'worker' ? 'worker started' : 'frontline API listening', 60_000);
        await redis.stop();
        await process.waitFor('stopped answering', 10_000);
        // Long enough for ioredis to fail many reconnects, each of which used to print a trace.
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        const signalled = Date.now();
        process.child.kill('SIGTERM');
        expect(await process.exited(10_000)).toBe(0);
        expect(Date.now() - signalled).toBeLessThan(5_000);
        const { lines, traced } = linesOf(process.stderr());
        expect(traced).toBe(false);
        const warnings = lines.filter((line) => line.includes('stopped answering'));
        expect(warnings).toHaveLength(1);
        expect(JSON.parse(warnings[0]!)).toMatchObject({
          msg: expect.stringMatching(
            new RegExp(
              `^Redis at 127\\.0\\.0\\.1:${new URL(redis.url).port} \\(REDIS_URL\\) stopped answering \\(E[A-Z]+\\); retrying until it answers`,
            ),
          ),
        });
        expect(lines.at(-1)).toMatch(
          new RegExp(`^${command === 'worker' ? 'worker' : 'API'} stopped at once: Redis does not answer`),
        );
        expect(process.groupAlive()).toBe(false);
      } finally {
        await process.kill();
        await redis.stop();
        await schema.drop();
      }
    });
  }
});
