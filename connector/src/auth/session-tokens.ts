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
}

const ISSUER = 'frontline';
const AUDIENCE = 'frontline-session';

const LABEL: TokenLabel = {
  name: 'the session token',
  remedy: 'get a new one from POST /v1/auth/zendesk or /v1/auth/freshdesk',
};

/**
 * The connector's own short-lived bearer tokens (HS256 JWTs), issued once an app token checks out
 * and sent on every later API call. Pass a key from `SecretKey.derive('session tokens')`, so it is
 * used for nothing else, and the clock the rest of the connector uses.
 */
export class SessionTokens {
  readonly #key: HmacKey;
  readonly #now: () => number;
  readonly #ttlMs: number;

  constructor(key: Buffer, now: () => number, ttlMs = 15 * 60_000) {
    if (key.length < 32) throw new RangeError(`a session key needs at least 32 bytes, not ${key.length}`);
    if (!(ttlMs >= 1000)) throw new RangeError(`a session lasts at least a second, not ${ttlMs} ms`);
    this.#key = { alg: 'HS256', secret: Buffer.from(key) };
    this.#now = now;
    this.#ttlMs = ttlMs;
  }

  issue(session: Omit<Session, 'expiresAt'>): { token: string; expiresAt: number } {
    const { tenantId, userId, role } = session;
    if (tenantId === '' || userId === '') throw new RangeError('a session needs a tenant id and a user id');
    if (!ROLES.has(role)) throw new RangeError(`a session role is agent, lead or admin, not ${String(role)}`);
    const now = this.#now();
    // JWT times are whole seconds; round down so the token never outlives what we report.
    const exp = Math.floor((now + this.#ttlMs) / 1000);
    const token = signJwt(
      { iss: ISSUER, aud: AUDIENCE, sub: userId, tid: tenantId, role, iat: Math.floor(now / 1000), exp },
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
    const { tid, sub, role, exp } = claims;
    if (typeof tid !== 'string' || tid === '' || typeof sub !== 'string' || sub === '' || !isRole(role)) {
      throw AuthError.about(LABEL, 'malformed', 'lacks a tenant, user or known role');
    }
    return { tenantId: tid, userId: sub, role, expiresAt: (exp as number) * 1000 };
  }
}

function isRole(value: unknown): value is Role {
  return ROLES.has(value);
}
