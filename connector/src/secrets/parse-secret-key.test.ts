import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSecretKey } from './parse-secret-key.js';
import { SecretKeyError } from './secret-key-error.js';

describe('parseSecretKey', () => {
  it('reads 32 bytes of base64, as openssl rand -base64 32 prints them', () => {
    const bytes = randomBytes(32);
    expect(parseSecretKey(`${bytes.toString('base64')}\n`).toBase64()).toBe(bytes.toString('base64'));
  });

  it('reads 32 bytes of base64url without padding', () => {
    const bytes = randomBytes(32);
    expect(parseSecretKey(bytes.toString('base64url')).toBase64()).toBe(bytes.toString('base64'));
  });

  it('reads 64 hex digits', () => {
    const bytes = randomBytes(32);
    expect(parseSecretKey(bytes.toString('hex').toUpperCase()).toBase64()).toBe(bytes.toString('base64'));
  });

  it('refuses a short key, naming FRONTLINE_SECRET_KEY and how to generate one', () => {
    const attempt = (): unknown => parseSecretKey(randomBytes(16).toString('base64'));
    expect(attempt).toThrow(SecretKeyError);
    expect(attempt).toThrow(/FRONTLINE_SECRET_KEY decodes to 16 bytes, not 32/);
    expect(attempt).toThrow(/openssl rand -base64 32/);
  });

  it('refuses an empty key', () => {
    expect(() => parseSecretKey('  ')).toThrow(/FRONTLINE_SECRET_KEY is empty/);
  });

  it('refuses text that is neither base64 nor hex without repeating it', () => {
    const text = 'my password is hunter2!';
    try {
      parseSecretKey(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SecretKeyError);
      expect(String(error)).toMatch(/neither base64 nor hex/);
      expect(String(error)).not.toContain('hunter2');
    }
  });

  it('names the source it was given', () => {
    expect(() => parseSecretKey('abc', 'the key file /data/secret-key')).toThrow(/^the key file \/data\/secret-key/);
  });
});
