import { SECRET_KEY_BYTES, SecretKey } from './secret-key.js';
import { SecretKeyError } from './secret-key-error.js';

const HEX = /^[0-9a-fA-F]+$/;
// Standard or URL-safe alphabet, padding optional: what `openssl rand -base64 32` and friends print.
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * The key in `text`: 32 bytes as base64 (`openssl rand -base64 32`) or as 64 hex digits.
 * Surrounding white space is ignored. Throws `SecretKeyError` naming `source` (default
 * FRONTLINE_SECRET_KEY) and how to generate a key; the message never repeats the text.
 */
export function parseSecretKey(text: string, source = 'FRONTLINE_SECRET_KEY'): SecretKey {
  const trimmed = text.trim();
  if (trimmed === '') throw new SecretKeyError(source, 'is empty');
  // 64 hex digits are also valid base64 (of 48 bytes), so hex is tried first.
  if (trimmed.length === SECRET_KEY_BYTES * 2 && HEX.test(trimmed)) {
    return SecretKey.fromBytes(Buffer.from(trimmed, 'hex'));
  }
  if (!BASE64.test(trimmed)) throw new SecretKeyError(source, 'is neither base64 nor hex');
  const bytes = Buffer.from(trimmed, trimmed.includes('-') || trimmed.includes('_') ? 'base64url' : 'base64');
  if (bytes.length !== SECRET_KEY_BYTES) {
    throw new SecretKeyError(source, `decodes to ${bytes.length} bytes, not ${SECRET_KEY_BYTES}`);
  }
  return SecretKey.fromBytes(bytes);
}
