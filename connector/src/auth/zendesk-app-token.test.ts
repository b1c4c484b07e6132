import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuthError, type AuthFailure } from './auth-error.js';
import { signJwt } from './jwt.js';
import { peekIssuer, signZendeskAppToken, verifyZendeskAppToken } from './zendesk-app-token.js';

const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyPem = app.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const otherApp = generateKeyPairSync('rsa', { modulusLength: 2048 });

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const expected = { publicKeyPem, issuer: 'acme.zendesk.com', audience: 'https://frontline.example/app/123', now: NOW };
const claims = {
  iss: 'acme.zendesk.com',
  aud: 'https://frontline.example/app/123',
  sub: 361234567890,
  iat: NOW / 1000,
  nbf: NOW / 1000,
  exp: NOW / 1000 + 300,
  context: { product: 'support', location: 'ticket_sidebar' },
};

const signed = (overrides: Record<string, unknown> = {}): string =>
  signZendeskAppToken({ ...claims, ...overrides }, app.privateKey);

function failure(token: string, expectations = expected): AuthFailure {
  try {
    verifyZendeskAppToken(token, expectations);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    expect(error.message).not.toContain(token);
    expect(error.message).not.toContain(token.split('.')[2]);
    expect(error.message).toMatch(/^the Zendesk app token .*: reopen the Frontline app in Zendesk/);
    return error.reason;
  }
  throw new Error('expected an AuthError');
}

describe('verifyZendeskAppToken', () => {
  it('returns the user and account of a token Zendesk signed', () => {
    expect(verifyZendeskAppToken(signed(), expected)).toEqual({ userId: '361234567890', issuer: 'acme.zendesk.com' });
    expect(verifyZendeskAppToken(signed({ sub: 'u-42' }), expected)).toEqual({
      userId: 'u-42',
      issuer: 'acme.zendesk.com',
    });
  });

  it('accepts an aud list that includes the installation', () => {
    expect(verifyZendeskAppToken(signed({ aud: ['other', expected.audience] }), expected).userId).toBe('361234567890');
  });

  it('refuses a token signed with another key pair', () => {
    expect(failure(signJwt(claims, { alg: 'RS256', privateKey: otherApp.privateKey }))).toBe('bad_signature');
  });

  it('accepts only RS256', () => {
    const hs = signJwt(claims, { alg: 'HS256', secret: Buffer.from(publicKeyPem) });
    expect(failure(hs)).toBe('unsupported_algorithm');
  });

  it('refuses a token from another account', () => {
    expect(failure(signed({ iss: 'evil.zendesk.com' }))).toBe('wrong_issuer');
    expect(failure(signed(), { ...expected, issuer: 'other.zendesk.com' })).toBe('wrong_issuer');
    expect(failure(signed({ iss: undefined }))).toBe('missing_claim');
  });

  it('refuses a token for another installation', () => {
    expect(failure(signed({ aud: 'https://elsewhere.example' }))).toBe('wrong_audience');
    expect(failure(signed({ aud: ['a', 'b'] }))).toBe('wrong_audience');
    expect(failure(signed({ aud: [] }))).toBe('wrong_audience');
    expect(failure(signed({ aud: undefined }))).toBe('missing_claim');
    expect(failure(signed({ aud: [expected.audience, 7] }))).toBe('malformed');
  });

  it('requires a user', () => {
    expect(failure(signed({ sub: undefined }))).toBe('missing_claim');
    expect(failure(signed({ sub: '' }))).toBe('missing_claim');
    expect(failure(signed({ sub: 1.5 }))).toBe('malformed');
    expect(failure(signed({ sub: { id: 1 } }))).toBe('malformed');
  });

  it('checks the time claims', () => {
    expect(failure(signed(), { ...expected, now: NOW + 301_000 + 30_000 })).toBe('expired');
    expect(failure(signed({ nbf: NOW / 1000 + 120 }))).toBe('not_yet_valid');
    expect(failure(signed({ exp: undefined }))).toBe('missing_claim');
  });

  it('refuses garbage and oversize tokens', () => {
    expect(failure('not-a-token')).toBe('malformed');
    const [header, , signature] = signed().split('.');
    const padded = Buffer.from(JSON.stringify({ ...claims, pad: 'x'.repeat(9000) })).toString('base64url');
    expect(failure(`${header}.${padded}.${signature}`)).toBe('malformed');
  });
});

describe('peekIssuer', () => {
  it('reads iss without verifying, to pick the key to verify with', () => {
    expect(peekIssuer(signed())).toBe('acme.zendesk.com');
    expect(peekIssuer(signJwt(claims, { alg: 'RS256', privateKey: otherApp.privateKey }))).toBe('acme.zendesk.com');
  });

  it('returns null for anything without a readable string iss', () => {
    expect(peekIssuer('')).toBeNull();
    expect(peekIssuer('a.b.c')).toBeNull();
    expect(peekIssuer(signed({ iss: 42 }))).toBeNull();
    expect(peekIssuer(signed({ iss: '' }))).toBeNull();
    expect(
      peekIssuer(`x.${Buffer.from(JSON.stringify({ iss: 'a' })).toString('base64url')}.y`.repeat(1000)),
    ).toBeNull();
  });
});
