import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretKey } from '../secrets/secret-key.js';
import { AuthError, type AuthFailure } from './auth-error.js';
import { signJwt } from './jwt.js';
import { SessionTokens, type Session } from './session-tokens.js';

const START = Date.UTC(2025, 0, 15, 12, 0, 0, 250);
const key = SecretKey.generate().derive('session tokens');
const who = { tenantId: 'tenant-1', userId: '361234567890', role: 'lead' } as const;
const seconds = (ms: number) => Math.floor(ms / 1000);
const HOUR = 3_600_000;

function setup(ttlMs?: number, maxAgeMs?: number): { tokens: SessionTokens; clock: { now: number } } {
  const clock = { now: START };
  return { tokens: new SessionTokens(key, () => clock.now, ttlMs, maxAgeMs), clock };
}

/** A token with the given claims, signed with the session key as if SessionTokens had issued it. */
function forge(overrides: Record<string, unknown>, secret: Buffer = key): string {
  const claims = { iss: 'frontline', aud: 'frontline-session', sub: who.userId, tid: who.tenantId, role: 'agent' };
  const times = { iat: seconds(START), auth_time: seconds(START), exp: seconds(START) + 900 };
  return signJwt({ ...claims, sid: 'sign-in-1', ...times, ...overrides }, { alg: 'HS256', secret });
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
    expect(tokens.verify(token)).toEqual<Session>({
      ...who,
      expiresAt,
      signedInAt: Date.UTC(2025, 0, 15, 12, 0, 0),
      sessionId: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/) as unknown as string,
    });
  });

  it('writes the documented claims', () => {
    const { token } = setup().tokens.issue(who);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toEqual({
      iss: 'frontline',
      aud: 'frontline-session',
      sub: who.userId,
      tid: who.tenantId,
      role: 'lead',
      sid: claims['sid'],
      auth_time: Math.floor(START / 1000),
      iat: Math.floor(START / 1000),
      exp: Math.floor(START / 1000) + 900,
    });
  });

  it('gives each sign-in a session id of its own', () => {
    const { tokens } = setup();
    const first = tokens.verify(tokens.issue(who).token).sessionId;
    expect(tokens.verify(tokens.issue(who).token).sessionId).not.toBe(first);
  });

  describe('renew', () => {
    it('keeps the sign-in time and session id, with the role it is given and a fresh lifetime', () => {
      const { tokens, clock } = setup();
      const signedIn = tokens.verify(tokens.issue(who).token);
      clock.now = START + 14 * 60_000;
      const renewed = tokens.renew(signedIn, 'agent');
      expect(renewed.expiresAt).toBe(Date.UTC(2025, 0, 15, 12, 29, 0));
      expect(tokens.verify(renewed.token)).toEqual<Session>({
        ...who,
        role: 'agent',
        expiresAt: renewed.expiresAt,
        signedInAt: Date.UTC(2025, 0, 15, 12, 0, 0),
        sessionId: signedIn.sessionId,
      });
    });

    it('ends a chain of renewals 12 hours after sign-in, the last token with it', () => {
      const { tokens, clock } = setup();
      let session = tokens.verify(tokens.issue(who).token);
      // Renewed every 14 minutes, as the sidebar does: the 50th renewal is 11:40 after sign-in.
      for (let n = 1; n <= 50; n++) {
        clock.now = START + n * 14 * 60_000;
        session = tokens.verify(tokens.renew(session, 'lead').token);
      }
      expect(new Date(session.expiresAt).toISOString()).toBe('2025-01-15T23:55:00.000Z');
      // At 11:50 a token would run to 12:05: it is cut at 12:00 after the signed-in second.
      clock.now = START + 11 * HOUR + 50 * 60_000;
      const last = tokens.renew(session, 'lead');
      expect(new Date(last.expiresAt).toISOString()).toBe('2025-01-16T00:00:00.000Z');
      clock.now = Date.UTC(2025, 0, 15, 23, 59, 59, 500);
      expect(() => tokens.renew(session, 'lead')).toThrow(
        new AuthError(
          'session_too_old',
          'the session began more than 12 h ago, the longest refreshes keep a sign-in alive: ' +
            'sign in again: reload the app, so the helpdesk signs it anew',
        ),
      );
    });

    it('honours a custom chain length', () => {
      const { tokens, clock } = setup(15 * 60_000, 30 * 60_000);
      const session = tokens.verify(tokens.issue(who).token);
      clock.now = START + 29 * 60_000 + 59_000;
      expect(() => tokens.renew(session, 'lead')).toThrow(/began more than 30 min ago/);
      expect(() => setup(15 * 60_000, 60_000)).toThrow(RangeError);
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

  it('refuses a token without a session id or sign-in time (issued before they were carried)', () => {
    const { tokens } = setup();
    for (const overrides of [{ sid: undefined }, { sid: '' }, { auth_time: undefined }, { auth_time: '1' }]) {
      expect([overrides, failure(tokens, forge(overrides))]).toEqual([overrides, 'malformed']);
    }
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
