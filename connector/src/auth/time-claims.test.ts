import { describe, expect, it } from 'vitest';
import { AuthError, type AuthFailure } from './auth-error.js';
import { checkTimeClaims } from './time-claims.js';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const nowSeconds = NOW / 1000;

function failure(attempt: () => void): AuthFailure {
  try {
    attempt();
  } catch (error) {
    if (error instanceof AuthError) return error.reason;
    throw error;
  }
  throw new Error('expected an AuthError');
}

describe('checkTimeClaims', () => {
  it('accepts a token inside its lifetime', () => {
    expect(() =>
      checkTimeClaims({ iat: nowSeconds - 60, nbf: nowSeconds - 60, exp: nowSeconds + 60 }, NOW),
    ).not.toThrow();
  });

  it('requires exp', () => {
    expect(failure(() => checkTimeClaims({ iat: nowSeconds }, NOW))).toBe('missing_claim');
  });

  it('expires after exp plus the leeway, not before', () => {
    const claims = { exp: nowSeconds - 30 };
    expect(() => checkTimeClaims(claims, NOW)).not.toThrow();
    expect(failure(() => checkTimeClaims(claims, NOW + 1))).toBe('expired');
    expect(failure(() => checkTimeClaims({ exp: nowSeconds }, NOW + 1, 0))).toBe('expired');
  });

  it('refuses nbf or iat in the future beyond the leeway', () => {
    const exp = nowSeconds + 600;
    expect(() => checkTimeClaims({ exp, nbf: nowSeconds + 30, iat: nowSeconds + 30 }, NOW)).not.toThrow();
    expect(failure(() => checkTimeClaims({ exp, nbf: nowSeconds + 31 }, NOW))).toBe('not_yet_valid');
    expect(failure(() => checkTimeClaims({ exp, iat: nowSeconds + 31 }, NOW))).toBe('not_yet_valid');
    expect(failure(() => checkTimeClaims({ exp, nbf: nowSeconds + 1 }, NOW, 0))).toBe('not_yet_valid');
  });

  it('refuses time claims that are not numbers', () => {
    for (const claims of [{ exp: String(nowSeconds + 60) }, { exp: nowSeconds + 60, nbf: null }, { exp: Infinity }]) {
      expect(failure(() => checkTimeClaims(claims, NOW))).toBe('malformed');
    }
  });

  it('uses the label in its messages', () => {
    const label = { name: 'the session token', remedy: 'exchange a new app token at POST /v1/auth/zendesk' };
    expect(() => checkTimeClaims({ exp: nowSeconds - 60 }, NOW, 0, label)).toThrow(
      'the session token expired: exchange a new app token at POST /v1/auth/zendesk',
    );
  });
});
