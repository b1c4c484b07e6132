import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { SecretDecryptionError } from './secret-decryption-error.js';

const ALGORITHM = 'aes-256-gcm';
/** Key length of AES-256. */
export const SECRET_KEY_BYTES = 32;
/** 96-bit nonces: the size GCM is defined for; random per encryption. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/**
 * The ciphertext format's version. A later format (a key id for rotation, another cipher) gets a
 * new prefix, and values written under `v1` stay readable.
 */
const FORMAT = 'v1';

const KEY_MISMATCH =
  'the secret key does not match the one these credentials were stored with (FRONTLINE_SECRET_KEY, or the ' +
  'secret-key file in the data folder, changed since), or the stored value was altered';

/**
 * A 32-byte AES-256-GCM key that encrypts and decrypts stored secrets. The bytes stay private:
 * printing, logging or serializing a key shows `[SecretKey]`.
 */
export class SecretKey {
  readonly #bytes: Buffer;

  private constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  /** A key from exactly {@link SECRET_KEY_BYTES} bytes (copied). */
  static fromBytes(bytes: Uint8Array): SecretKey {
    if (bytes.length !== SECRET_KEY_BYTES) {
      throw new RangeError(`a secret key has ${SECRET_KEY_BYTES} bytes, not ${bytes.length}`);
    }
    return new SecretKey(Buffer.from(bytes));
  }

  /** A fresh random key. */
  static generate(): SecretKey {
    return new SecretKey(randomBytes(SECRET_KEY_BYTES));
  }

  /** The key as base64, the form written to FRONTLINE_SECRET_KEY or the data folder's key file. */
  toBase64(): string {
    return this.#bytes.toString('base64');
  }

  /**
   * Encrypts `plaintext` as `v1:iv:tag:data` (base64 parts). `context` is authenticated but not
   * stored: a value decrypts only with the same context, so a ciphertext copied to another
   * tenant's row or another column does not decrypt there.
   */
  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#bytes, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
  }

  /**
   * Decrypts what {@link encrypt} made with the same context. Throws `SecretDecryptionError`
   * (naming `what`, never the value) when the key or context differ or the value was altered.
   */
  decrypt(ciphertext: string, context: string, what = 'stored credentials'): string {
    const parts = ciphertext.split(':');
    const version = parts[0] ?? '';
    if (version !== FORMAT) {
      throw new SecretDecryptionError(
        what,
        /^v\d+$/.test(version)
          ? `they use format ${version}, which this version of Frontline cannot read`
          : 'the stored value is not an encrypted secret',
      );
    }
    const [, ivText, tagText, dataText] = parts;
    const iv = ivText === undefined ? null : Buffer.from(ivText, 'base64');
    const tag = tagText === undefined ? null : Buffer.from(tagText, 'base64');
    if (parts.length !== 4 || iv?.length !== IV_BYTES || tag?.length !== TAG_BYTES || dataText === undefined) {
      throw new SecretDecryptionError(what, 'the stored value is malformed');
    }
    const decipher = createDecipheriv(ALGORITHM, this.#bytes, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(Buffer.from(dataText, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      // GCM says only "unable to authenticate"; the likely cause is a different key.
      throw new SecretDecryptionError(what, KEY_MISMATCH);
    }
  }

  /**
   * A 32-byte key for one `purpose` (HKDF-SHA256, empty salt, info = purpose), so signing session
   * tokens and encrypting credentials never share key bytes. The same key and purpose always give
   * the same bytes; changing a purpose string invalidates whatever was made with the old one.
   */
  derive(purpose: string): Buffer {
    if (purpose === '') throw new RangeError('a derived key needs a purpose, e.g. "session tokens"');
    return Buffer.from(
      hkdfSync('sha256', this.#bytes, Buffer.alloc(0), Buffer.from(purpose, 'utf8'), SECRET_KEY_BYTES),
    );
  }

  toString(): string {
    return '[SecretKey]';
  }

  toJSON(): string {
    return '[SecretKey]';
  }

  [inspect.custom](): string {
    return '[SecretKey]';
  }
}
