import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SecretDecryptionError } from './secret-decryption-error.js';
import { SecretKey } from './secret-key.js';

const TOKEN = 'zd-token-4f1e2d3c-very-secret';

describe('SecretKey', () => {
  it('decrypts what it encrypted', () => {
    const key = SecretKey.generate();
    expect(key.decrypt(key.encrypt(TOKEN, 'ctx'), 'ctx')).toBe(TOKEN);
  });

  it('writes the versioned v1:iv:tag:data format without the plaintext', () => {
    const sealed = SecretKey.generate().encrypt(TOKEN, 'ctx');
    const parts = sealed.split(':');
    expect(parts).toHaveLength(4);
    expect(parts[0]).toBe('v1');
    expect(Buffer.from(parts[1]!, 'base64')).toHaveLength(12);
    expect(Buffer.from(parts[2]!, 'base64')).toHaveLength(16);
    expect(sealed).not.toContain(TOKEN);
    expect(Buffer.from(parts[3]!, 'base64').toString('utf8')).not.toContain(TOKEN);
  });

  it('uses a fresh nonce for every encryption', () => {
    const key = SecretKey.generate();
    expect(key.encrypt(TOKEN, 'ctx')).not.toBe(key.encrypt(TOKEN, 'ctx'));
  });

  it('refuses another key with an error that says the key does not match', () => {
    const sealed = SecretKey.generate().encrypt(TOKEN, 'ctx');
    const attempt = (): string => SecretKey.generate().decrypt(sealed, 'ctx');
    expect(attempt).toThrow(SecretDecryptionError);
    expect(attempt).toThrow(/secret key does not match/);
    expect(attempt).toThrow(/FRONTLINE_SECRET_KEY/);
  });

  it('refuses another context', () => {
    const key = SecretKey.generate();
    expect(() => key.decrypt(key.encrypt(TOKEN, 'tenant-a'), 'tenant-b')).toThrow(SecretDecryptionError);
  });

  it('refuses an altered ciphertext', () => {
    const key = SecretKey.generate();
    const [version, iv, tag, data] = key.encrypt(TOKEN, 'ctx').split(':');
    const bytes = Buffer.from(data!, 'base64');
    bytes[0]! ^= 1;
    expect(() => key.decrypt([version, iv, tag, bytes.toString('base64')].join(':'), 'ctx')).toThrow(
      SecretDecryptionError,
    );
  });

  it('names an unknown format version instead of blaming the key', () => {
    expect(() => SecretKey.generate().decrypt('v9:a:b:c', 'ctx')).toThrow(/format v9/);
    expect(() => SecretKey.generate().decrypt('plain-token', 'ctx')).toThrow(/not an encrypted secret/);
    expect(() => SecretKey.generate().decrypt('v1:abc', 'ctx')).toThrow(/malformed/);
  });

  it('keeps its bytes out of logs and JSON', () => {
    const key = SecretKey.generate();
    const base64 = key.toBase64();
    expect(String(key)).toBe('[SecretKey]');
    expect(JSON.stringify({ key })).toBe('{"key":"[SecretKey]"}');
    expect(inspect(key)).not.toContain(base64);
    expect(inspect({ nested: key }, { depth: 5, showHidden: true })).not.toContain(base64);
  });

  it('takes exactly 32 bytes', () => {
    expect(() => SecretKey.fromBytes(new Uint8Array(16))).toThrow(RangeError);
  });

  it('leaves no secret in decryption errors', () => {
    const sealed = SecretKey.generate().encrypt(TOKEN, 'ctx');
    try {
      SecretKey.generate().decrypt(sealed, 'ctx');
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(TOKEN);
      expect(String(error)).not.toContain(sealed);
    }
  });
});

describe('SecretKey.derive', () => {
  // RFC 5869 by hand: extract with an all-zero salt, then one expand block, which is all 32 bytes need.
  function hkdfSha256(ikm: Buffer, info: string): Buffer {
    const prk = createHmac('sha256', Buffer.alloc(32)).update(ikm).digest();
    return createHmac('sha256', prk)
      .update(Buffer.concat([Buffer.from(info, 'utf8'), Buffer.from([1])]))
      .digest();
  }

  it('is HKDF-SHA256 of the key bytes with the purpose as info', () => {
    const key = SecretKey.generate();
    const derived = key.derive('session tokens');
    expect(derived).toHaveLength(32);
    expect(derived.equals(hkdfSha256(Buffer.from(key.toBase64(), 'base64'), 'session tokens'))).toBe(true);
    expect(derived.equals(Buffer.from(key.toBase64(), 'base64'))).toBe(false);
  });

  it('gives the same bytes for the same key and purpose, and different bytes otherwise', () => {
    const key = SecretKey.generate();
    const again = SecretKey.fromBytes(Buffer.from(key.toBase64(), 'base64'));
    expect(key.derive('session tokens').equals(again.derive('session tokens'))).toBe(true);
    expect(key.derive('session tokens').equals(key.derive('webhooks'))).toBe(false);
    expect(key.derive('session tokens').equals(SecretKey.generate().derive('session tokens'))).toBe(false);
  });

  it('refuses an empty purpose', () => {
    expect(() => SecretKey.generate().derive('')).toThrow(RangeError);
  });
});
