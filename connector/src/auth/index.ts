// The public surface of the connector's auth primitives: tokens, signatures and their errors.
export { ANY_TOKEN, AuthError } from './auth-error.js';
export type { AuthFailure, TokenLabel } from './auth-error.js';
export { MAX_JWT_LENGTH, signJwt, verifyJwt } from './jwt.js';
export type { HmacKey, JwtAlgorithm, RsaSigningKey, RsaVerifyingKey, SigningKey, VerifyingKey } from './jwt.js';
export { SessionTokens } from './session-tokens.js';
export type { Role, Session, SessionSubject } from './session-tokens.js';
export { checkTimeClaims, DEFAULT_LEEWAY_MS } from './time-claims.js';
export {
  DEFAULT_WEBHOOK_MAX_AGE_MS,
  secretsEqual,
  verifyZendeskWebhook,
  zendeskWebhookSignature,
} from './webhook-signature.js';
export type { ZendeskWebhookRequest } from './webhook-signature.js';
export { peekAudience, peekIssuer, signZendeskAppToken, verifyZendeskAppToken } from './zendesk-app-token.js';
export type { ZendeskAppIdentity, ZendeskAppTokenExpectations } from './zendesk-app-token.js';
export { hashUserKey, newUserKey } from './user-key.js';
