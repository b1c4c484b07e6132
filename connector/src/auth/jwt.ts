import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  sign,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { ANY_TOKEN, AuthError, type TokenLabel } from './auth-error.js';
import { decodeBase64Url, encodeBase64Url } from './base64url.js';

export type JwtAlgorithm = 'HS256' | 'RS256';

/** A shared HMAC secret: it both signs and verifies. */
export interface HmacKey {
  readonly alg: 'HS256';
  readonly secret: Buffer;
}

export interface RsaSigningKey {
  readonly alg: 'RS256';
  /** A KeyObject or PEM text. */
  readonly privateKey: KeyObject | string;
}

export interface RsaVerifyingKey {
  readonly alg: 'RS256';
  /** A KeyObject or PEM text. */
  readonly publicKey: KeyObject | string;
}

export type SigningKey = HmacKey | RsaSigningKey;
export type VerifyingKey = HmacKey | RsaVerifyingKey;

/** Longer tokens are refused before any parsing: nothing this API accepts comes near it. */
export const MAX_JWT_LENGTH = 8 * 1024;
/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash. */
const MIN_HMAC_KEY_BYTES = 32;
/** RFC 7518 §3.3: RS256 keys must be at least 2048 bits. */
const MIN_RSA_BITS = 2048;

/** A compact JWS of `claims` with header `{ alg, typ: 'JWT' }`. Adds no claims of its own. */
export function signJwt(claims: Record<string, unknown>, key: SigningKey): string {
  const signingInput = `${encodeJson({ alg: key.alg, typ: 'JWT' })}.${encodeJson(claims)}`;
  const signature =
    key.alg === 'HS256'
      ? hmacSha256(key.secret, signingInput)
      : sign('sha256', Buffer.from(signingInput), rsaKey(key.privateKey, 'private'));
  const token = `${signingInput}.${encodeBase64Url(signature)}`;
  if (token.length > MAX_JWT_LENGTH) {
    throw new RangeError(`the signed token has ${token.length} characters, over ${MAX_JWT_LENGTH}: carry fewer claims`);
  }
  return token;
}

/**
 * The claims of `token` once its signature checks out with `key`, else an AuthError. The header's
 * `alg` must be the key's own: a token never chooses how it is verified, so `none` and an HS256
 * token "signed" with an RSA public key as its secret are both refused. Header key hints (`kid`,
 * `jku`, `x5u`) are ignored: the caller picks the key. Time claims are not checked here (see
 * checkTimeClaims). `label` names the token in error messages.
 */
export function verifyJwt(token: string, key: VerifyingKey, label: TokenLabel = ANY_TOKEN): Record<string, unknown> {
  const malformed = (problem: string) => AuthError.about(label, 'malformed', problem);
  if (token.length > MAX_JWT_LENGTH) throw malformed(`is longer than ${MAX_JWT_LENGTH} characters`);
  const parts = token.split('.');
  if (parts.length !== 3) throw malformed('is not a compact JWT (three base64url parts joined by dots)');
  const [headerText, payloadText, signatureText] = parts as [string, string, string];

  const header = decodeJsonObject(headerText);
  if (header === null) throw malformed('has a header that is not a base64url-encoded JSON object');
  if (header['alg'] !== key.alg) {
    throw AuthError.about(label, 'unsupported_algorithm', `is not signed with ${key.alg}, the only algorithm accepted`);
  }
  if (header['typ'] !== undefined && (typeof header['typ'] !== 'string' || header['typ'].toUpperCase() !== 'JWT')) {
    throw malformed('has a header typ other than JWT');
  }
  if (header['crit'] !== undefined) throw malformed('requires header extensions (crit) that this API does not support');

  const signature = decodeBase64Url(signatureText);
  if (signature === null) throw malformed('has a signature that is not base64url');
  // Check the signature before reading the payload: unauthenticated bytes are never parsed.
  if (!signatureMatches(key, `${headerText}.${payloadText}`, signature)) {
    throw AuthError.about(
      label,
      'bad_signature',
      'has a signature that does not match: it was altered or signed with another key',
    );
  }
  const payload = decodeJsonObject(payloadText);
  if (payload === null) throw malformed('has a payload that is not a base64url-encoded JSON object');
  return payload;
}

function signatureMatches(key: VerifyingKey, signingInput: string, signature: Buffer): boolean {
  if (key.alg === 'HS256') {
    const expected = hmacSha256(key.secret, signingInput);
    // The length of an HS256 signature is public; only the bytes need a constant-time compare.
    return signature.length === expected.length && timingSafeEqual(signature, expected);
  }
  return verify('sha256', Buffer.from(signingInput), rsaKey(key.publicKey, 'public'), signature);
}

function hmacSha256(secret: Buffer, data: string): Buffer {
  if (secret.length < MIN_HMAC_KEY_BYTES) {
    throw new RangeError(`an HS256 key needs at least ${MIN_HMAC_KEY_BYTES} bytes, not ${secret.length}`);
  }
  return createHmac('sha256', secret).update(data, 'utf8').digest();
}

/**
 * `key` as an RSA KeyObject of the wanted kind. A public key can come from a private one; any other
 * key type (EC, RSA-PSS, a secret) is a configuration error, not a bad token, so it throws TypeError.
 */
function rsaKey(key: KeyObject | string, kind: 'public' | 'private'): KeyObject {
  const object =
    typeof key === 'string'
      ? kind === 'public'
        ? createPublicKey(key)
        : createPrivateKey(key)
      : kind === 'public' && key.type === 'private'
        ? createPublicKey(key)
        : key;
  const bits = object.asymmetricKeyDetails?.modulusLength ?? 0;
  if (object.type !== kind || object.asymmetricKeyType !== 'rsa' || bits < MIN_RSA_BITS) {
    throw new TypeError(`an RS256 key must be an RSA ${kind} key of at least ${MIN_RSA_BITS} bits`);
  }
  return object;
}

function encodeJson(value: Record<string, unknown>): string {
  return encodeBase64Url(JSON.stringify(value));
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The JSON object base64url-encoded in `text`, or null if it is anything else. */
export function decodeJsonObject(text: string): Record<string, unknown> | null {
  const bytes = decodeBase64Url(text);
  if (bytes === null) return null;
  try {
    const value: unknown = JSON.parse(UTF8.decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
