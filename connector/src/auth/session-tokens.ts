import { randomBytes } from 'node:crypto';
import { AuthError, type TokenLabel } from './auth-error.js';
import { signJwt, verifyJwt, type HmacKey } from './jwt.js';
import { checkTimeClaims } from './time-claims.js';

export type Role = 'agent' | 'lead' | 'admin';

const ROLES: ReadonlySet<unknown> = new Set<Role>(['agent', 'lead', 'admin']);

/** Who is calling the API, for how long. */
export interface Session {
  readonly tenantId: string;
  readonly userId: string;
  readonly role: Role;
  /** Epoch milliseconds, a whole second. */
  readonly expiresAt: number;
  /** When the user signed in, epoch milliseconds (a whole second); refreshes keep it. */
  readonly signedInAt: number;
  /** The sign-in's id, random; refreshes keep it, so open streams can be counted per sign-in. */
  readonly sessionId: string;
}

/** Who a new session is for. */
export type SessionSubject = Pick<Session, 'tenantId' | 'userId' | 'role'>;

const ISSUER = 'frontline';
const AUDIENCE = 'frontline-session';

const LABEL: TokenLabel = {
  name: 'the session token',
  remedy: 'get a new one from POST /v1/auth/zendesk or /v1/auth/freshdesk',
};

const RENEW_LABEL: TokenLabel = {
  name: 'the session',
  remedy: 'sign in again: reload the app, so the helpdesk signs it anew',
};

/** How long a token lasts by default. */
export const DEFAULT_SESSION_TTL_MS = 15 * 60_000;
/** How long a chain of refreshes lasts by default, from sign-in. */
export const DEFAULT_SESSION_MAX_AGE_MS = 12 * 60 * 60_000;

/**
 * The connector's own short-lived bearer tokens (HS256 JWTs), issued once an app token checks out
 * and sent on every later API call. Pass a key from `SecretKey.derive('session tokens')`, so it is
 * used for nothing else, and the clock the rest of the connector uses.
 *
 * A token lasts `ttlMs`; an open sidebar renews it before it ends. Renewals keep the sign-in time
 * (`auth_time`) and id (`sid`), and stop `maxAgeMs` after sign-in: a stolen or outdated session
 * cannot renew itself forever, while the helpdesk signs the page again on every reload.
 */
export class SessionTokens {
  readonly #key: HmacKey;
  readonly #now: () => number;
  readonly #ttlMs: number;
  readonly #maxAgeMs: number;

  constructor(key: Buffer, now: () => number, ttlMs = DEFAULT_SESSION_TTL_MS, maxAgeMs = DEFAULT_SESSION_MAX_AGE_MS) {
    if (key.length < 32) throw new RangeError(`a session key needs at least 32 bytes, not ${key.length}`);
    if (!(ttlMs >= 1000)) throw new RangeError(`a session lasts at least a second, not ${ttlMs} ms`);
    if (!(maxAgeMs >= ttlMs)) {
      throw new RangeError(`a chain of refreshes lasts at least one token (${ttlMs} ms), not ${maxAgeMs} ms`);
    }
    this.#key = { alg: 'HS256', secret: Buffer.from(key) };
    this.#now = now;
    this.#ttlMs = ttlMs;
    this.#maxAgeMs = maxAgeMs;
  }

  /** A token for a new sign-in. */
  issue(subject: SessionSubject): { token: string; expiresAt: number } {
    const now = this.#now();
    return this.#sign(subject, Math.floor(now / 1000), randomBytes(12).toString('base64url'), now + this.#ttlMs);
  }

  /**
   * A new token for `current`'s user with `role` (read again by the caller), in the same chain;
   * it ends no later than the chain does. Throws AuthError once the chain is `maxAgeMs` old.
   */
  renew(current: Session, role: Role): { token: string; expiresAt: number } {
    const now = this.#now();
    const chainEnds = current.signedInAt + this.#maxAgeMs;
    if (chainEnds - now < 1000) {
      throw AuthError.about(
        RENEW_LABEL,
        'session_too_old',
        `began more than ${hours(this.#maxAgeMs)} ago, the longest refreshes keep a sign-in alive`,
      );
    }
    const { tenantId, userId } = current;
    return this.#sign(
      { tenantId, userId, role },
      current.signedInAt / 1000,
      current.sessionId,
      Math.min(now + this.#ttlMs, chainEnds),
    );
  }

  #sign(
    subject: SessionSubject,
    authTime: number,
    sessionId: string,
    endsAt: number,
  ): { token: string; expiresAt: number } {
    const { tenantId, userId, role } = subject;
    if (tenantId === '' || userId === '') throw new RangeError('a session needs a tenant id and a user id');
    if (!ROLES.has(role)) throw new RangeError(`a session role is agent, lead or admin, not ${String(role)}`);
    // JWT times are whole seconds; round down so the token never outlives what we report.
    const exp = Math.floor(endsAt / 1000);
    const token = signJwt(
      {
        iss: ISSUER,
        aud: AUDIENCE,
        sub: userId,
        tid: tenantId,
        role,
        sid: sessionId,
        auth_time: authTime,
        iat: Math.floor(this.#now() / 1000),
        exp,
      },
      this.#key,
    );
    return { token, expiresAt: exp * 1000 };
  }

  /** The session `token` carries, once its signature, issuer, audience and times check out; else AuthError. */
  verify(token: string): Session {
    const claims = verifyJwt(token, this.#key, LABEL);
    if (claims['iss'] !== ISSUER) throw AuthError.about(LABEL, 'wrong_issuer', 'was not issued by Frontline');
    if (claims['aud'] !== AUDIENCE) throw AuthError.about(LABEL, 'wrong_audience', 'is not a Frontline session token');
    checkTimeClaims(claims, this.#now(), undefined, LABEL);
    const { tid, sub, role, exp, sid, auth_time: authTime } = claims;
    if (typeof tid !== 'string' || tid === '' || typeof sub !== 'string' || sub === '' || !isRole(role)) {
      throw AuthError.about(LABEL, 'malformed', 'lacks a tenant, user or known role');
    }
    if (typeof sid !== 'string' || sid === '' || !Number.isSafeInteger(authTime)) {
      throw AuthError.about(LABEL, 'malformed', 'lacks a session id or sign-in time');
    }
    return {
      tenantId: tid,
      userId: sub,
      role,
      expiresAt: (exp as number) * 1000,
      signedInAt: (authTime as number) * 1000,
      sessionId: sid,
    };
  }
}

/** `12 h`, or `90 min` when not whole hours. */
function hours(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : `${Math.round(ms / 60_000)} min`;
}

function isRole(value: unknown): value is Role {
  return ROLES.has(value);
}
