/**
 * The compiled CLI, as a user runs it: `bin/frontline.js` in a copy of the connector whose
 * build this file makes. The copy's sources can be edited without touching the repository's.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DESCRIPTION = 'Frontline: agent-performance KPIs for Zendesk and Freshdesk';

let root: string;
let connector: string;

function frontline(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [join(connector, 'bin/frontline.js'), ...args], {
    cwd: root,
    env: { ...process.env, FRONTLINE_FROM_SOURCES: undefined, ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function build(): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(connector, 'scripts/build-cli.ts')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`the build failed (${result.status}): ${result.stderr}`);
}

/** Marks the compiled program's description, so a run shows whether the build or the sources ran. */
async function markBuild(): Promise<void> {
  const entry = join(connector, 'dist/main.js');
  const code = await readFile(entry, 'utf8');
  expect(code).toContain(DESCRIPTION);
  await writeFile(entry, code.replace(DESCRIPTION, 'Frontline (compiled)'));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'frontline-build-'));
  connector = join(root, 'connector');
  for (const part of ['bin', 'src', 'scripts', 'package.json']) {
    await cp(join(REPO, 'connector', part), join(connector, part), { recursive: true });
  }
  // The copy's packages (and @frontline/kpi, through its workspace link) come from the repository.
  await symlink(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  build();
}, 120_000);

afterAll(async () => {
  if (root !== undefined) await rm(root, { recursive: true, force: true });
});

describe('bin/frontline.js', () => {
  it('runs the compiled build when it was built from the sources as they are', async () => {
    await markBuild();
    const run = frontline(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Frontline (compiled)');
  });

  it('keeps the build when a source was touched but not changed (a checkout, a copy)', async () => {
    const later = new Date(Date.now() + 60_000);
    await utimes(join(connector, 'src/cli/main.ts'), later, later);
    expect(frontline(['--help']).stdout).toContain('Frontline (compiled)');
  });

  it('runs the sources, never the stale build, once a source changed', async () => {
    const source = join(connector, 'src/cli/main.ts');
    const original = await readFile(source, 'utf8');
    await writeFile(source, original.replace(DESCRIPTION, 'Frontline (edited source)'));
    try {
      const run = frontline(['--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Frontline (edited source)');
      expect(run.stdout).not.toContain('(compiled)');
    } finally {
      await writeFile(source, original);
    }
    expect(frontline(['--help']).stdout).toContain('Frontline (compiled)');
  });

  it('leaves a current build in place when built again (CLIs may be running from it)', async () => {
    const entry = join(connector, 'dist/main.js');
    const before = await stat(entry);
    build();
    expect((await stat(entry)).mtimeMs).toBe(before.mtimeMs);
    expect(frontline(['--help']).stdout).toContain('Frontline (compiled)');
  });

  it('runs the sources with FRONTLINE_FROM_SOURCES=1', () => {
    const run = frontline(['--help'], { FRONTLINE_FROM_SOURCES: '1' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(DESCRIPTION);
  });

  it('computes KPIs from an export through the build', () => {
    const run = frontline([
      'kpi',
      '--vendor',
      'zendesk',
      '--input',
      join(REPO, 'test/fixtures/export/zendesk-small'),
      '--from',
      '2026-01-01',
      '--to',
      '2026-02-01',
      '--now',
      '2026-03-01T00:00:00Z',
      '--agent',
      '9003',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // test/fixtures/export/README.md: nine tickets solved in January; of Carol's (9003) three,
    // ticket 5 is escalated.
    const report = JSON.parse(run.stdout) as { team: object; agents: Record<string, object> };
    expect(report.team).toMatchObject({ solved: { value: 9, sample: 9 } });
    expect(Object.keys(report.agents)).toEqual(['9003']);
    expect(report.agents['9003']).toMatchObject({ escalation_rate: { value: 1 / 3, sample: 3 } });
  });

  it('serves the packaged app pages from the repository dist folder when the API runs from the build', async () => {
    await mkdir(join(root, 'dist/zendesk-web'), { recursive: true });
    await writeFile(join(root, 'dist/zendesk-web/probe.css'), 'body { color: teal }\n');
    const schema = `frontline_build_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client(DATABASE_URL);
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const port = await freePort();
    const api = spawn(process.execPath, [join(connector, 'bin/frontline.js'), 'serve'], {
      cwd: root,
      env: {
        ...process.env,
        FRONTLINE_FROM_SOURCES: undefined,
        REDIS_URL: undefined,
        DATABASE_URL: url.toString(),
        FRONTLINE_SECRET_KEY: randomBytes(32).toString('base64'),
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    api.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    try {
      const started = Date.now();
      while (!stderr.includes('listening')) {
        if (api.exitCode !== null || Date.now() - started > 60_000) throw new Error(`serve did not start: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const page = await fetch(`http://127.0.0.1:${port}/apps/zendesk/probe.css`);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe('body { color: teal }\n');
    } finally {
      api.kill('SIGTERM');
      if (api.exitCode === null) await once(api, 'exit');
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });

  it('runs the sources when the build never finished (no stamp)', async () => {
    await rm(join(connector, 'dist/build-stamp.json'));
    const run = frontline(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(DESCRIPTION);
  });
});
