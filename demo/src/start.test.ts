import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('../bin/frontline-demo.js', import.meta.url));

/** Runs `npm start`'s entry with `env` added, as a user would with a wrong variable. */
function start(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontline-demo-config-'));
  return spawnSync(process.execPath, [ENTRY, '--no-build'], {
    env: { ...process.env, FRONTLINE_DATA_DIR: dataDir, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm start with a wrong configuration', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a TCP port number', 'example: PORT=3000'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must start with redis:// or rediss://', 'example: REDIS_URL=redis://'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of', 'example: LOG_LEVEL=info'],
    [{ FRONTLINE_SECRET_KEY: 'too-short' }, 'FRONTLINE_SECRET_KEY decodes to', 'openssl rand -base64 32'],
  ])('stops at once with %j, naming the variable and a correct value', (env, problem, example) => {
    const run = start(env);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(problem);
    expect(run.stderr).toContain(example);
  });
});
