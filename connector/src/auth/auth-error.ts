/** Why a token, signature or webhook was refused. HTTP maps every reason to 401. */
export type AuthFailure =
  | 'malformed'
  | 'unsupported_algorithm'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'missing_claim'
  | 'stale'
  | 'session_too_old';

/**
 * Names a kind of credential in messages and says how to get a good one, so a generic check (the
 * JWT parser, the time claims) can still end its message with advice that fits the caller.
 */
export interface TokenLabel {
  /** The subject of the message, e.g. 'the session token'. */
  readonly name: string;
  /** What the caller should do, e.g. 'exchange a new app token at POST /v1/auth/zendesk'. */
  readonly remedy: string;
}

/** For JWTs checked without a more specific label. */
export const ANY_TOKEN: TokenLabel = {
  name: 'the token',
  remedy: 'get a new token from its issuer and send it unchanged',
};

/**
 * A refused credential. `reason` is for code (metrics, tests); the message is for people and says
 * what is wrong and what to do. Messages never contain the token, a key or a secret: build them
 * from fixed text and expected values only, never from what the request sent.
 */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly reason: AuthFailure;

  constructor(reason: AuthFailure, message: string) {
    super(message);
    this.reason = reason;
  }

  /** `<label.name> <problem>: <label.remedy>`. */
  static about(label: TokenLabel, reason: AuthFailure, problem: string): AuthError {
    return new AuthError(reason, `${label.name} ${problem}: ${label.remedy}`);
  }
}
