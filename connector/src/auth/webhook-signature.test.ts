import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuthError, type AuthFailure } from './auth-error.js';
import { secretsEqual, verifyZendeskWebhook, zendeskWebhookSignature } from './webhook-signature.js';

/** The static secret Zendesk signs webhook-builder test requests with (zendesk.md §5). */
const TEST_SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
const SECRET = 'whsec-real-signing-secret-8d1f6a';
const TIMESTAMP = '2024-04-17T17:18:10Z';
const SENT_AT = Date.parse(TIMESTAMP);
const BODY = '{"type":"zen:event-type:ticket.created","detail":{"id":"35436","subject":"Héllo"}}';
const FIVE_MINUTES = 5 * 60_000;

function request(overrides: Partial<Parameters<typeof verifyZendeskWebhook>[0]> = {}) {
  return {
    secret: SECRET,
    signature: zendeskWebhookSignature(SECRET, TIMESTAMP, BODY),
    timestamp: TIMESTAMP,
    rawBody: BODY,
    now: SENT_AT,
    ...overrides,
  };
}

function failure(input: Parameters<typeof verifyZendeskWebhook>[0]): AuthFailure {
  try {
    verifyZendeskWebhook(input);
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    expect(error.message).not.toContain(input.secret);
    if (input.signature) expect(error.message).not.toContain(input.signature);
    expect(error.message).not.toContain(zendeskWebhookSignature(input.secret, input.timestamp ?? '', input.rawBody));
    return error.reason;
  }
  throw new Error('expected an AuthError');
}

describe('zendeskWebhookSignature', () => {
  it('is base64 HMAC-SHA256 of timestamp then body, keyed with the secret text itself', () => {
    const expected = createHmac('sha256', TEST_SECRET)
      .update(TIMESTAMP + BODY)
      .digest('base64');
    expect(zendeskWebhookSignature(TEST_SECRET, TIMESTAMP, BODY)).toBe(expected);
    // Not the base64-decoded secret, and not body then timestamp.
    const decodedKey = createHmac('sha256', Buffer.from(TEST_SECRET, 'base64'))
      .update(TIMESTAMP + BODY)
      .digest('base64');
    expect(zendeskWebhookSignature(TEST_SECRET, TIMESTAMP, BODY)).not.toBe(decodedKey);
    expect(zendeskWebhookSignature(TEST_SECRET, TIMESTAMP, BODY)).not.toBe(
      createHmac('sha256', TEST_SECRET)
        .update(BODY + TIMESTAMP)
        .digest('base64'),
    );
  });
});

describe('verifyZendeskWebhook', () => {
  it('accepts a request signed with its secret', () => {
    expect(() => verifyZendeskWebhook(request())).not.toThrow();
  });

  it("accepts a webhook builder test request signed with Zendesk's documented test secret", () => {
    const signature = createHmac('sha256', TEST_SECRET)
      .update(TIMESTAMP + BODY, 'utf8')
      .digest('base64');
    expect(() => verifyZendeskWebhook(request({ secret: TEST_SECRET, signature }))).not.toThrow();
    expect(failure(request({ signature }))).toBe('bad_signature');
  });

  it('accepts a request without a body', () => {
    const signature = zendeskWebhookSignature(SECRET, TIMESTAMP, '');
    expect(() => verifyZendeskWebhook(request({ signature, rawBody: '' }))).not.toThrow();
  });

  it('refuses a wrong secret, an altered body, timestamp or signature', () => {
    expect(failure(request({ secret: 'another-secret' }))).toBe('bad_signature');
    expect(failure(request({ rawBody: BODY.replace('35436', '35437') }))).toBe('bad_signature');
    expect(failure(request({ rawBody: JSON.stringify(JSON.parse(BODY), null, 2) }))).toBe('bad_signature');
    expect(failure(request({ timestamp: '2024-04-17T17:18:11Z', now: SENT_AT }))).toBe('bad_signature');
    const signature = zendeskWebhookSignature(SECRET, TIMESTAMP, BODY);
    expect(failure(request({ signature: signature.slice(0, -2) + (signature.endsWith('A=') ? 'B=' : 'A=') }))).toBe(
      'bad_signature',
    );
    expect(failure(request({ signature: 'short' }))).toBe('bad_signature');
    expect(failure(request({ signature: Buffer.from(signature, 'base64').toString('hex') }))).toBe('bad_signature');
  });

  it('refuses missing headers and timestamps that are not ISO-8601', () => {
    expect(failure(request({ signature: undefined }))).toBe('malformed');
    expect(failure(request({ signature: '' }))).toBe('malformed');
    expect(failure(request({ timestamp: undefined }))).toBe('malformed');
    for (const timestamp of [
      '1713374290',
      'yesterday',
      '2024-04-17 17:18:10Z',
      '2024-04-17T17:18:10',
      '2024-13-40T99:00:00Z',
    ]) {
      const signature = zendeskWebhookSignature(SECRET, timestamp, BODY);
      expect([timestamp, failure(request({ timestamp, signature }))]).toEqual([timestamp, 'malformed']);
    }
  });

  it('accepts other ISO-8601 zones and fractions', () => {
    for (const timestamp of ['2024-04-17T19:18:10+02:00', '2024-04-17T17:18:10.123Z']) {
      const signature = zendeskWebhookSignature(SECRET, timestamp, BODY);
      expect(() => verifyZendeskWebhook(request({ timestamp, signature }))).not.toThrow();
    }
  });

  it('accepts requests up to 5 minutes old or early, and refuses anything beyond', () => {
    expect(() => verifyZendeskWebhook(request({ now: SENT_AT + FIVE_MINUTES }))).not.toThrow();
    expect(() => verifyZendeskWebhook(request({ now: SENT_AT - FIVE_MINUTES }))).not.toThrow();
    expect(failure(request({ now: SENT_AT + FIVE_MINUTES + 1 }))).toBe('stale');
    expect(failure(request({ now: SENT_AT - FIVE_MINUTES - 1 }))).toBe('stale');
  });

  it('takes another window', () => {
    expect(() => verifyZendeskWebhook(request({ now: SENT_AT + 60_000, maxAgeMs: 60_000 }))).not.toThrow();
    expect(failure(request({ now: SENT_AT + 60_001, maxAgeMs: 60_000 }))).toBe('stale');
    expect(() => verifyZendeskWebhook(request({ maxAgeMs: 0 }))).toThrow(RangeError);
  });

  it('tells a forger about the signature, never about the clock', () => {
    expect(failure(request({ secret: 'guess', now: SENT_AT + 3_600_000 }))).toBe('bad_signature');
  });
});

describe('secretsEqual', () => {
  it('compares secrets of any length', () => {
    expect(secretsEqual('fd-app-secret', 'fd-app-secret')).toBe(true);
    expect(secretsEqual('fd-app-secret', 'fd-app-secreT')).toBe(false);
    expect(secretsEqual('fd-app-secret', 'fd-app-secret-longer')).toBe(false);
    expect(secretsEqual('', '')).toBe(true);
    expect(secretsEqual('', 'x')).toBe(false);
    expect(secretsEqual('é', 'e\u0301')).toBe(false);
  });
});
