/** Unpadded base64url (RFC 7515 §2), the encoding of every part of a compact JWT. */
export function encodeBase64Url(bytes: Uint8Array | string): string {
  return Buffer.from(bytes).toString('base64url');
}

const ALPHABET = /^[A-Za-z0-9_-]*$/;

/**
 * The bytes of `text`, or null unless it is canonical unpadded base64url. Node's decoder skips
 * stray characters and ignores trailing bits; accepting only the one encoding of each value keeps
 * a token from having variants that all verify.
 */
export function decodeBase64Url(text: string): Buffer | null {
  if (!ALPHABET.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}
