import { describe, expect, it } from 'vitest';
import { SecretKey } from '../secrets/index.js';
import * as auth from './index.js';

describe('auth public surface', () => {
  it('names exactly the primitives callers use', () => {
    expect(Object.keys(auth).sort()).toEqual([
      'ANY_TOKEN',
      'AuthError',
      'DEFAULT_LEEWAY_MS',
      'DEFAULT_WEBHOOK_MAX_AGE_MS',
      'MAX_JWT_LENGTH',
      'SessionTokens',
      'checkTimeClaims',
      'hashUserKey',
      'newUserKey',
      'peekAudience',
      'peekIssuer',
      'secretsEqual',
      'signJwt',
      'signZendeskAppToken',
      'verifyJwt',
      'verifyZendeskAppToken',
      'verifyZendeskWebhook',
      'zendeskWebhookSignature',
    ]);
  });

  it('issues sessions with a key derived from the secret key', () => {
    const tokens = new auth.SessionTokens(SecretKey.generate().derive('session tokens'), () => 1_700_000_000_000);
    const { token } = tokens.issue({ tenantId: 't', userId: 'u', role: 'agent' });
    expect(tokens.verify(token)).toMatchObject({ tenantId: 't', userId: 'u', role: 'agent' });
  });
});
