import type { KeyObject } from 'node:crypto';
import { AuthError, type TokenLabel } from './auth-error.js';
import { decodeJsonObject, MAX_JWT_LENGTH, signJwt, verifyJwt } from './jwt.js';
import { checkTimeClaims } from './time-claims.js';

/** Who opened the app, as Zendesk vouches for it. */
export interface ZendeskAppIdentity {
  /** The Zendesk user id (`sub`), as a string. */
  readonly userId: string;
  /** The account host that signed it (`iss`), e.g. `acme.zendesk.com`. */
  readonly issuer: string;
}

export interface ZendeskAppTokenExpectations {
  /** The app's public key (GET /api/v2/apps/{app_id}/public_key.pem). */
  readonly publicKeyPem: string;
  /** The tenant's account host, e.g. `acme.zendesk.com`. */
  readonly issuer: string;
  /** What `aud` must contain: the installation the token was signed for. */
  readonly audience: string;
  /** Epoch milliseconds. */
  readonly now: number;
}

const LABEL: TokenLabel = {
  name: 'the Zendesk app token',
  remedy: 'reopen the Frontline app in Zendesk so Zendesk signs a fresh one',
};

/**
 * Verifies the RS256 token Zendesk signs with the app's key pair when it loads the app's page
 * through a signed URL (zendesk.md §3.4). Zendesk signs it, not the app's JavaScript, so it is
 * the one proof of "agent X in account Y". Throws AuthError.
 */
export function verifyZendeskAppToken(token: string, expected: ZendeskAppTokenExpectations): ZendeskAppIdentity {
  const claims = verifyJwt(token, { alg: 'RS256', publicKey: expected.publicKeyPem }, LABEL);
  const iss = claims['iss'];
  if (iss === undefined) throw AuthError.about(LABEL, 'missing_claim', 'has no issuer (iss)');
  if (iss !== expected.issuer) {
    throw AuthError.about(LABEL, 'wrong_issuer', `was not issued by ${expected.issuer}, the account it was sent for`);
  }
  const aud = claims['aud'];
  if (aud === undefined) throw AuthError.about(LABEL, 'missing_claim', 'has no audience (aud)');
  if (!isStringOrStrings(aud)) throw AuthError.about(LABEL, 'malformed', 'has an aud that is not a string or strings');
  if (!(typeof aud === 'string' ? aud === expected.audience : aud.includes(expected.audience))) {
    throw AuthError.about(LABEL, 'wrong_audience', 'was signed for another app installation');
  }
  checkTimeClaims(claims, expected.now, undefined, LABEL);
  return { userId: readUserId(claims['sub']), issuer: iss };
}

/** Signs claims the way Zendesk does, for tests and the Zendesk simulator. */
export function signZendeskAppToken(claims: Record<string, unknown>, privateKey: KeyObject | string): string {
  return signJwt(claims, { alg: 'RS256', privateKey });
}

/**
 * The `iss` claim of `token`, read WITHOUT verifying the signature, or null if there is none. It
 * only tells the caller which tenant's public key to verify with; trust nothing from it until
 * verifyZendeskAppToken has checked the token with that key and that issuer.
 */
export function peekIssuer(token: string): string | null {
  if (token.length > MAX_JWT_LENGTH) return null;
  const parts = token.split('.');
  const payload = parts.length === 3 ? decodeJsonObject(parts[1]!) : null;
  const iss = payload?.['iss'];
  return typeof iss === 'string' && iss !== '' ? iss : null;
}

/** The `aud` claim of `token`, unverified as {@link peekIssuer}'s `iss`; null unless one string. */
export function peekAudience(token: string): string | null {
  if (token.length > MAX_JWT_LENGTH) return null;
  const parts = token.split('.');
  const aud = (parts.length === 3 ? decodeJsonObject(parts[1]!) : null)?.['aud'];
  return typeof aud === 'string' && aud !== '' ? aud : null;
}

function readUserId(sub: unknown): string {
  if (sub === undefined || sub === '') throw AuthError.about(LABEL, 'missing_claim', 'names no user (sub)');
  // Zendesk user ids are integers; past 2^53 JSON numbers lose digits, so refuse rather than guess.
  if (typeof sub === 'number' && Number.isSafeInteger(sub)) return String(sub);
  if (typeof sub === 'string') return sub;
  throw AuthError.about(LABEL, 'malformed', 'has a sub that is neither a string nor a whole number');
}

function isStringOrStrings(value: unknown): value is string | string[] {
  return typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}
