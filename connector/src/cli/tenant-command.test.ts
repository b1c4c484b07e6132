import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../env.js';
import { silentLogger } from '../logger.js';
import { openRuntime } from '../main.js';
import type { CliIo } from './cli-io.js';
import { main } from './main.js';
import { tenantFromOptions } from './tenant-options.js';

describe('tenantFromOptions', () => {
  it('takes a Zendesk tenant with an API token', () => {
    expect(
      tenantFromOptions('acme', {
        vendor: 'zendesk',
        url: 'https://acme.zendesk.com/',
        email: 'a@acme.com',
        token: 't0k',
      }),
    ).toEqual({
      name: 'acme',
      vendor: 'zendesk',
      baseUrl: 'https://acme.zendesk.com',
      credentials: { kind: 'zendesk-token', email: 'a@acme.com', token: 't0k' },
      zigpoll: null,
      plan: null,
    });
  });

  it("takes each vendor's own plan names", () => {
    const freshdesk = { vendor: 'freshdesk', url: 'https://f.freshdesk.com', apiKey: 'k' } as const;
    expect(tenantFromOptions('f', { ...freshdesk, plan: 'enterprise' }).plan).toBe('enterprise');
    expect(
      tenantFromOptions('z', { vendor: 'zendesk', url: 'https://z.zendesk.com', oauthToken: 'o', plan: 'team' }).plan,
    ).toBe('team');
    expect(() => tenantFromOptions('f', { ...freshdesk, plan: 'professional' })).toThrow(
      '--plan "professional" is not a freshdesk plan; use one of growth, pro, enterprise',
    );
  });

  it('takes a Zendesk OAuth token, a Freshdesk API key and Zigpoll credentials', () => {
    expect(
      tenantFromOptions('z', { vendor: 'zendesk', url: 'https://z.zendesk.com', oauthToken: 'o' }).credentials,
    ).toEqual({
      kind: 'zendesk-oauth',
      accessToken: 'o',
    });
    const fresh = tenantFromOptions('f', {
      vendor: 'freshdesk',
      url: 'http://127.0.0.1:4010',
      apiKey: 'key',
      zigpollKey: 'zk',
      zigpollAccount: 'acc',
    });
    expect(fresh.credentials).toEqual({ kind: 'freshdesk-key', apiKey: 'key' });
    expect(fresh.baseUrl).toBe('http://127.0.0.1:4010');
    expect(fresh.zigpoll).toEqual({ apiKey: 'zk', accountId: 'acc' });
  });

  it('says what is missing or wrong, and what to write instead', () => {
    expect(() =>
      tenantFromOptions('Acme Corp', { vendor: 'zendesk', url: 'https://a.zendesk.com', oauthToken: 'o' }),
    ).toThrow(/lowercase letters, digits and dashes/);
    expect(() => tenantFromOptions('acme', { vendor: 'zendesk', url: 'acme', oauthToken: 'o' })).toThrow(
      /--url "acme" is not a URL/,
    );
    expect(() => tenantFromOptions('acme', { vendor: 'zendesk', url: 'https://a.zendesk.com' })).toThrow(
      /--email and --token/,
    );
    expect(() => tenantFromOptions('acme', { vendor: 'zendesk', url: 'https://a.zendesk.com', token: 't' })).toThrow(
      /missing --email/,
    );
    expect(() => tenantFromOptions('acme', { vendor: 'freshdesk', url: 'https://a.freshdesk.com' })).toThrow(
      /missing --api-key/,
    );
    expect(() =>
      tenantFromOptions('acme', { vendor: 'freshdesk', url: 'https://a.freshdesk.com', apiKey: 'k', zigpollKey: 'z' }),
    ).toThrow(/missing --zigpoll-account/);
  });
});

describe('frontline tenant add --plan', () => {
  it('stores the plan, lists it, and tenant update changes it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'frontline-tenant-plan-'));
    let stdout = '';
    const io: CliIo = { stdout: (text) => void (stdout += text), stderr: () => {}, now: () => Date.now() };
    // One embedded store for the three commands, each of which would open (and close) its own.
    const runtime = await openRuntime(readEnv({ FRONTLINE_DATA_DIR: dataDir }), { log: silentLogger });
    const frontline = (...argv: string[]) => main(argv, io, async () => ({ ...runtime, close: async () => {} }));
    const add = [
      'tenant',
      'add',
      'beta',
      '--vendor',
      'freshdesk',
      '--url',
      'https://beta.freshdesk.com',
      '--api-key',
      'k',
      // No helpdesk answers here: the check is tenant-lifecycle.test.ts's.
      '--no-check',
    ];
    try {
      expect(await frontline(...add, '--plan', 'pro')).toBe(0);
      expect(await frontline('tenant', 'update', 'beta', '--plan', 'enterprise')).toBe(0);
      stdout = '';
      expect(await frontline('tenant', 'list')).toBe(0);
      expect(stdout).toBe('beta\tfreshdesk\thttps://beta.freshdesk.com\tactive, enterprise plan\n');
    } finally {
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
