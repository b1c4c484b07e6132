import { describe, expect, it } from 'vitest';
import { ConfigError, readEnv } from './env.js';

describe('readEnv', () => {
  it('gives the embedded defaults with no configuration', () => {
    expect(readEnv({})).toEqual({
      port: 3000,
      dataDir: './.frontline',
      databaseUrl: null,
      redisUrl: null,
      secretKey: null,
      logLevel: 'info',
      adminToken: null,
      zendeskMarketplace: null,
      frameAncestors: [],
      trustProxy: false,
      publicUrl: null,
      zendeskConnect: null,
      freshdeskAccountUrl: 'https://{host}',
    });
  });

  it("reads the Marketplace app's Connect settings together, and names the missing ones", () => {
    const connect = {
      FRONTLINE_PUBLIC_URL: 'https://frontline.example.com/',
      FRONTLINE_ZENDESK_OAUTH_CLIENT_ID: 'frontline_marketplace',
      FRONTLINE_ZENDESK_OAUTH_CLIENT_SECRET: 'oauth-secret',
      FRONTLINE_ZENDESK_APP_PUBLIC_KEY: '/etc/frontline/app.pem',
    };
    expect(readEnv(connect)).toMatchObject({
      publicUrl: 'https://frontline.example.com',
      zendeskConnect: {
        clientId: 'frontline_marketplace',
        clientSecret: 'oauth-secret',
        appPublicKey: '/etc/frontline/app.pem',
        accountUrl: 'https://{host}',
      },
    });
    expect(() => readEnv({ ...connect, FRONTLINE_PUBLIC_URL: '' })).toThrow(
      /^FRONTLINE_PUBLIC_URL is missing: a Zendesk admin's Connect needs /,
    );
    expect(() => readEnv({ FRONTLINE_ZENDESK_OAUTH_CLIENT_ID: 'x' })).toThrow(
      /^FRONTLINE_ZENDESK_OAUTH_CLIENT_SECRET and FRONTLINE_ZENDESK_APP_PUBLIC_KEY and FRONTLINE_PUBLIC_URL are missing/,
    );
    expect(() => readEnv({ ...connect, FRONTLINE_ZENDESK_ACCOUNT_URL: 'https://evil.example/{host}' })).toThrow(
      /^FRONTLINE_ZENDESK_ACCOUNT_URL must be https:\/\/\{host\}/,
    );
    // The public URL alone is fine: a Freshdesk install needs it, Zendesk's Connect stays off.
    expect(readEnv({ FRONTLINE_PUBLIC_URL: 'https://f.example.com' }).zendeskConnect).toBeNull();
  });

  it('reads the origins that may frame the app pages, and refuses what is not an origin', () => {
    expect(
      readEnv({
        FRONTLINE_FRAME_ANCESTORS: ' https://Support.Example.com/  http://localhost:4567,https://*.example.org ',
      }).frameAncestors,
    ).toEqual(['https://support.example.com', 'http://localhost:4567', 'https://*.example.org']);
    for (const bad of [
      'support.example.com',
      'https://example.com/app',
      "'self'",
      'https://a.example.com;script-src',
    ]) {
      expect(() => readEnv({ FRONTLINE_FRAME_ANCESTORS: bad }), bad).toThrow(
        /^FRONTLINE_FRAME_ANCESTORS must be origins separated by spaces .*example: FRONTLINE_FRAME_ANCESTORS="https:/,
      );
    }
  });

  it('reads which proxies name the client address, and refuses what is not an address or range', () => {
    expect(readEnv({ FRONTLINE_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(readEnv({ FRONTLINE_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1, fd00::/8' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'fd00::/8',
    ]);
    expect(() => readEnv({ FRONTLINE_TRUST_PROXY: 'yes' })).toThrow(
      "FRONTLINE_TRUST_PROXY must be true, false, or the proxies' addresses and CIDR ranges separated by commas, " +
        'got "yes"; example: FRONTLINE_TRUST_PROXY=10.0.0.0/8',
    );
    expect(() => readEnv({ FRONTLINE_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/got "10\.0\.0\.0\/33"/);
  });

  it('names a malformed variable and shows a correct value', () => {
    expect(() => readEnv({ PORT: 'eighty' })).toThrow(/PORT must be a TCP port.*example: PORT=3000/);
    expect(() => readEnv({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL must start with redis:\/\//);
    expect(() => readEnv({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
  });

  it('never repeats a password from a malformed URL', () => {
    const error = (() => {
      try {
        readEnv({ DATABASE_URL: 'mysql://app:hunter2@db/frontline', FRONTLINE_SECRET_KEY: 'k' });
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.message).toMatch(/DATABASE_URL must start with postgres:\/\//);
    expect(error.message).not.toContain('hunter2');
  });

  it('requires a secret key with a server database', () => {
    expect(() => readEnv({ DATABASE_URL: 'postgres://db/frontline' })).toThrow(/FRONTLINE_SECRET_KEY is required/);
  });

  it('refuses a malformed secret key at once, saying how to make one and never repeating it', () => {
    const short = 'c2hvcnQta2V5';
    expect(() => readEnv({ FRONTLINE_SECRET_KEY: short })).toThrow(ConfigError);
    expect(() => readEnv({ FRONTLINE_SECRET_KEY: short })).toThrow(
      /FRONTLINE_SECRET_KEY decodes to 9 bytes, not 32.*openssl rand -base64 32/,
    );
    expect(() => readEnv({ FRONTLINE_SECRET_KEY: 'not a key!' })).toThrow(
      /FRONTLINE_SECRET_KEY is neither base64 nor hex/,
    );
    try {
      readEnv({ FRONTLINE_SECRET_KEY: short });
    } catch (error) {
      expect((error as Error).message).not.toContain(short);
    }
    expect(readEnv({ FRONTLINE_SECRET_KEY: 'a'.repeat(64) }).secretKey).toBe('a'.repeat(64));
  });

  describe('FRONTLINE_ADMIN_TOKEN', () => {
    const token = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0';

    it('turns the queue dashboard on with a long enough token', () => {
      expect(readEnv({ FRONTLINE_ADMIN_TOKEN: token }).adminToken).toBe(token);
    });

    it('treats an empty value as unset', () => {
      expect(readEnv({ FRONTLINE_ADMIN_TOKEN: '  ' }).adminToken).toBeNull();
    });

    it('refuses a short token, shows how to make one and never repeats it', () => {
      const short = 'hunter2-hunter2';
      let error: unknown;
      try {
        readEnv({ FRONTLINE_ADMIN_TOKEN: short });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/^FRONTLINE_ADMIN_TOKEN must be at least 24 characters, got 15/);
      expect((error as Error).message).toContain('openssl rand -base64 32');
      expect((error as Error).message).not.toContain(short);
    });
  });

  describe('the Zendesk Marketplace app', () => {
    const all = {
      FRONTLINE_ZENDESK_MARKETPLACE_NAME: 'Frontline',
      FRONTLINE_ZENDESK_MARKETPLACE_ORGANIZATION_ID: '4242',
      FRONTLINE_ZENDESK_MARKETPLACE_APP_ID: '987654',
    };

    it('is read from all three variables', () => {
      expect(readEnv(all).zendeskMarketplace).toEqual({ name: 'Frontline', organizationId: '4242', appId: '987654' });
    });

    it('is none when none is set, or all are empty (a private app)', () => {
      expect(readEnv({}).zendeskMarketplace).toBeNull();
      expect(
        readEnv({
          FRONTLINE_ZENDESK_MARKETPLACE_NAME: '',
          FRONTLINE_ZENDESK_MARKETPLACE_ORGANIZATION_ID: ' ',
          FRONTLINE_ZENDESK_MARKETPLACE_APP_ID: '',
        }).zendeskMarketplace,
      ).toBeNull();
    });

    it('refuses one or two of the three, naming what is missing', () => {
      expect(() => readEnv({ FRONTLINE_ZENDESK_MARKETPLACE_NAME: 'Frontline' })).toThrow(
        new ConfigError(
          'FRONTLINE_ZENDESK_MARKETPLACE_ORGANIZATION_ID and FRONTLINE_ZENDESK_MARKETPLACE_APP_ID are missing: ' +
            'set all three of FRONTLINE_ZENDESK_MARKETPLACE_NAME, FRONTLINE_ZENDESK_MARKETPLACE_ORGANIZATION_ID, ' +
            "FRONTLINE_ZENDESK_MARKETPLACE_APP_ID (from Zendesk's Marketplace portal) for a Marketplace app, " +
            'or none for a private app',
        ),
      );
      expect(() => readEnv({ ...all, FRONTLINE_ZENDESK_MARKETPLACE_APP_ID: undefined })).toThrow(
        /^FRONTLINE_ZENDESK_MARKETPLACE_APP_ID is missing: set all three/,
      );
    });

    it('refuses ids that are not whole numbers and a name that cannot be a header', () => {
      expect(() => readEnv({ ...all, FRONTLINE_ZENDESK_MARKETPLACE_APP_ID: 'frontline' })).toThrow(
        'FRONTLINE_ZENDESK_MARKETPLACE_APP_ID must be a whole number, got "frontline"; ' +
          'example: FRONTLINE_ZENDESK_MARKETPLACE_APP_ID=123456',
      );
      expect(() => readEnv({ ...all, FRONTLINE_ZENDESK_MARKETPLACE_ORGANIZATION_ID: '-1' })).toThrow(ConfigError);
      expect(() => readEnv({ ...all, FRONTLINE_ZENDESK_MARKETPLACE_NAME: 'Frontline\nX-Evil: 1' })).toThrow(
        /^FRONTLINE_ZENDESK_MARKETPLACE_NAME must be plain ASCII text/,
      );
    });
  });
});
