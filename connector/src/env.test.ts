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
    });
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
});
