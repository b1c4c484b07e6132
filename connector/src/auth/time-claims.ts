import { ANY_TOKEN, AuthError, type TokenLabel } from './auth-error.js';

/** How far apart the issuer's clock and ours may be. */
export const DEFAULT_LEEWAY_MS = 30_000;

/**
 * Checks a JWT's `exp` (required), `nbf` and `iat` (both optional), in epoch seconds, against `now`
 * in epoch milliseconds, allowing `leewayMs` of clock skew either way. Throws AuthError.
 */
export function checkTimeClaims(
  claims: Record<string, unknown>,
  now: number,
  leewayMs: number = DEFAULT_LEEWAY_MS,
  label: TokenLabel = ANY_TOKEN,
): void {
  const exp = readSeconds(claims, 'exp', label);
  if (exp === undefined) throw AuthError.about(label, 'missing_claim', 'has no expiry (exp)');
  if (now > exp * 1000 + leewayMs) throw AuthError.about(label, 'expired', 'expired');
  for (const name of ['nbf', 'iat'] as const) {
    const at = readSeconds(claims, name, label);
    if (at !== undefined && at * 1000 > now + leewayMs) {
      throw AuthError.about(
        label,
        'not_yet_valid',
        `is not valid yet: its ${name} is more than ${leewayMs / 1000} s ahead of this server's clock (check both clocks)`,
      );
    }
  }
}

function readSeconds(claims: Record<string, unknown>, name: string, label: TokenLabel): number | undefined {
  const value = claims[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw AuthError.about(label, 'malformed', `has a ${name} claim that is not a number of seconds`);
  }
  return value;
}
