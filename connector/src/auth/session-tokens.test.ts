import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretKey } from '../secrets/secret-key.js';
import { AuthError, type AuthFailure } from './auth-error.js';
import { signJwt } from './jwt.js';
import { SessionTokens, type Session } from './session-tokens.js';

const START = Date.UTC(2025, 0, 15, 12, 0, 0, 250);
const key = SecretKey.generate().derive('session tokens');
const who = { tenantId: 'tenant-1', userId: '361234567890', role: 'lead' } as const;

function setup(ttlMs?: number): { tokens: SessionTokens; clock: { now: number } } {
  const clock = { now: START };
  return { tokens: new SessionTokens(key, () => clock.now, ttlMs), clock };
}

/** A token with the given claims, signed with the session key as if SessionTokens had issued it. */
function forge(overrides: Record<string, unknown>, secret: Buffer = key): string {
  const claims = { iss: 'frontline', aud: 'frontline-session', sub: who.userId, tid: who.tenantId, role: 'agent' };
  return signJwt({ ...claims, iat: START / 1000, exp: START / 1000 + 900, ...overrides }, { alg: 'HS256', secret });
}

function failure(tokens: SessionTokens, token: string): AuthFailure {
  try {
    tokens.verify(token);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    expect(error.message).toMatch(
      /^the session token .*: get a new one from POST \/v1\/auth\/zendesk or \/v1\/auth\/freshdesk$/,
    );
    expect(error.message).not.toContain(token.split('.')[2]);
    expect(error.message).not.toContain(key.toString('base64'));
    return error.reason;
  }
  throw new Error('expected an AuthError');
}

describe('SessionTokens', () => {
  it('verifies what it issued, expiring on a whole second 15 minutes out', () => {
    const { tokens } = setup();
    const { token, expiresAt } = tokens.issue(who);
    expect(expiresAt).toBe(Date.UTC(2025, 0, 15, 12, 15, 0));
    expect(tokens.verify(token)).toEqual<Session>({ ...who, expiresAt });
  });

  it('writes the documented claims', () => {
    const { token } = setup().tokens.issue(who);
    expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toEqual({
      iss: 'frontline',
      aud: 'frontline-session',
      sub: who.userId,
      tid: who.tenantId,
      role: 'lead',
      iat: Math.floor(START / 1000),
      exp: Math.floor(START / 1000) + 900,
    });
  });

  it('honours a custom lifetime', () => {
    const { tokens } = setup(60_000);
    expect(tokens.issue(who).expiresAt).toBe(Date.UTC(2025, 0, 15, 12, 1, 0));
  });

  it('refuses a token once it expired, allowing 30 s of skew', () => {
    const { tokens, clock } = setup();
    const { token, expiresAt } = tokens.issue(who);
    clock.now = expiresAt + 30_000;
    expect(tokens.verify(token).userId).toBe(who.userId);
    clock.now += 1;
    expect(failure(tokens, token)).toBe('expired');
  });

  it('refuses a token issued in the future', () => {
    const { tokens } = setup();
    expect(failure(tokens, forge({ iat: START / 1000 + 120 }))).toBe('not_yet_valid');
  });

  it('refuses a token signed with another key', () => {
    const { tokens } = setup();
    const other = new SessionTokens(SecretKey.generate().derive('session tokens'), () => START);
    expect(failure(tokens, other.issue(who).token)).toBe('bad_signature');
    expect(failure(tokens, forge({}, randomBytes(32)))).toBe('bad_signature');
  });

  it('refuses a tampered role', () => {
    const { tokens } = setup();
    const [header, , signature] = tokens.issue({ ...who, role: 'agent' }).token.split('.');
    const payload = Buffer.from(JSON.stringify({ ...who, role: 'admin' })).toString('base64url');
    expect(failure(tokens, `${header}.${payload}.${signature}`)).toBe('bad_signature');
  });

  it('refuses tokens of another issuer or audience signed with the same key', () => {
    const { tokens } = setup();
    expect(failure(tokens, forge({ iss: 'zendesk' }))).toBe('wrong_issuer');
    expect(failure(tokens, forge({ aud: 'frontline-export' }))).toBe('wrong_audience');
    expect(failure(tokens, forge({ aud: ['frontline-session'] }))).toBe('wrong_audience');
  });

  it('refuses a token without exp', () => {
    expect(failure(setup().tokens, forge({ exp: undefined }))).toBe('missing_claim');
  });

  it('refuses unknown roles and empty or missing ids', () => {
    const { tokens } = setup();
    for (const overrides of [
      { role: 'owner' },
      { role: undefined },
      { tid: '' },
      { tid: 7 },
      { sub: '' },
      { sub: 42 },
    ]) {
      expect([overrides, failure(tokens, forge(overrides))]).toEqual([overrides, 'malformed']);
    }
  });

  it('refuses garbage', () => {
    const { tokens } = setup();
    expect(failure(tokens, 'Bearer nonsense')).toBe('malformed');
    expect(failure(tokens, `${forge({})}.extra`)).toBe('malformed');
  });

  it('refuses a weak key, a silly lifetime, and sessions it could not verify later', () => {
    expect(() => new SessionTokens(Buffer.alloc(16), () => START)).toThrow(RangeError);
    expect(() => new SessionTokens(key, () => START, 0)).toThrow(RangeError);
    const { tokens } = setup();
    expect(() => tokens.issue({ ...who, tenantId: '' })).toThrow(RangeError);
    expect(() => tokens.issue({ ...who, role: 'owner' as 'admin' })).toThrow(RangeError);
  });
});
