import { describe, expect, it } from 'vitest';
import { ANY_TOKEN, AuthError } from './auth-error.js';

describe('AuthError', () => {
  it('carries a reason and a message that says what is wrong and what to do', () => {
    const error = AuthError.about(
      { name: 'the session token', remedy: 'exchange a new app token at POST /v1/auth/zendesk' },
      'expired',
      'expired',
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AuthError');
    expect(error.reason).toBe('expired');
    expect(error.message).toBe('the session token expired: exchange a new app token at POST /v1/auth/zendesk');
    expect(String(error)).toBe(`AuthError: ${error.message}`);
  });

  it('names a token generically when no label is given', () => {
    expect(AuthError.about(ANY_TOKEN, 'malformed', 'is not a JWT').message).toMatch(/^the token is not a JWT: /);
  });
});
