import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../env.js';
import { silentLogger } from '../logger.js';
import { openRuntime } from '../main.js';
import type { Runtime } from '../runtime.js';
import type { CliIo } from './cli-io.js';
import { main } from './main.js';

describe('frontline tenant access: secrets', () => {
  let dataDir: string;
  let runtime: Runtime;
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    now: () => Date.now(),
  };
  // One embedded store for every command, each of which would open (and close) its own.
  const frontline = (...argv: string[]) => main(argv, io, async () => ({ ...runtime, close: async () => {} }));
  const accessOf = async (name: string) => (await runtime.store.getTenant(name))!.access;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'frontline-tenant-access-'));
    runtime = await openRuntime(readEnv({ FRONTLINE_DATA_DIR: dataDir }), { log: silentLogger });
    await runtime.store.addTenant({
      name: 'beta',
      vendor: 'freshdesk',
      baseUrl: 'https://beta.freshdesk.com',
      credentials: { kind: 'freshdesk-key', apiKey: 'k' },
      zigpoll: null,
    });
    await runtime.store.addTenant({
      name: 'zen',
      vendor: 'zendesk',
      baseUrl: 'https://zen.zendesk.com',
      credentials: { kind: 'zendesk-token', email: 'admin@zen.example', token: 't' },
      zigpoll: null,
    });
  });
  afterAll(async () => {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    stdout = '';
    stderr = '';
  });

  it('refuses an app secret or a Freshdesk webhook secret shorter than 24 characters, saying how long it was', async () => {
    expect(await frontline('tenant', 'access', 'beta', '--app-secret', 'a')).toBe(2);
    expect(stderr).toBe(
      'error: --app-secret must be at least 24 characters, got 1: give --app-secret without a value and a secret is generated\n',
    );
    stderr = '';
    expect(await frontline('tenant', 'access', 'beta', '--webhook-secret', 'x'.repeat(23))).toBe(2);
    expect(stderr).toBe(
      'error: --webhook-secret must be at least 24 characters, got 23: give --webhook-secret without a value and a secret is generated\n',
    );
    expect(stdout).toBe('');
    expect(await accessOf('beta')).toMatchObject({ appSecret: null, webhookSecrets: [] });
    expect(await frontline('tenant', 'access', 'beta', '--app-secret', 'y'.repeat(24))).toBe(0);
    expect((await accessOf('beta')).appSecret).toBe('y'.repeat(24));
  });

  it('generates a Freshdesk webhook secret when given none, and prints it once', async () => {
    expect(await frontline('tenant', 'access', 'beta', '--webhook-secret')).toBe(0);
    const [secret] = (await accessOf('beta')).webhookSecrets;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(stdout).toBe(
      'updated the access of tenant beta: webhookSecrets\n' +
        `webhook secret (enter it as the automation rule's X-Frontline-Webhook-Secret header): ${secret}\n`,
    );
  });

  it("takes Zendesk's signing secrets as Zendesk makes them, but not the public test secret nor none", async () => {
    expect(await frontline('tenant', 'access', 'zen', '--webhook-secret')).toBe(2);
    expect(stderr).toMatch(/^error: --webhook-secret needs each webhook's signing secret: Zendesk makes it/);
    stderr = '';
    expect(
      await frontline('tenant', 'access', 'zen', '--webhook-secret', 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ=='),
    ).toBe(2);
    expect(stderr).toMatch(/public secret of Zendesk test requests/);
    const events = 'Zk3bT1x9QmVnP2s4WjdLcE5hUjZ0WTh1SDBvRzVlQ2k=';
    expect(await frontline('tenant', 'access', 'zen', '--webhook-secret', events, 'ratings-secret-from-zendesk')).toBe(
      0,
    );
    expect((await accessOf('zen')).webhookSecrets).toEqual([events, 'ratings-secret-from-zendesk']);
  });
});
