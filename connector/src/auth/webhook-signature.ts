import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AuthError } from './auth-error.js';

/** How far a webhook's timestamp may be from our clock, either way. Zendesk prescribes none. */
export const DEFAULT_WEBHOOK_MAX_AGE_MS = 5 * 60_000;

/** ISO-8601 date-time with seconds and a zone, as Zendesk sends: `2024-04-17T17:18:10Z`. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * What Zendesk sends in X-Zendesk-Webhook-Signature (zendesk.md §5):
 * base64(HMAC-SHA256(key = the signing secret as UTF-8 text, message = timestamp + raw body)).
 * The secret is used as the text it is shown as, not base64-decoded.
 */
export function zendeskWebhookSignature(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(timestamp + rawBody, 'utf8')
    .digest('base64');
}

export interface ZendeskWebhookRequest {
  /** The webhook's signing secret (or the builder's static test secret). */
  readonly secret: string;
  /** X-Zendesk-Webhook-Signature. */
  readonly signature: string | undefined;
  /** X-Zendesk-Webhook-Signature-Timestamp. */
  readonly timestamp: string | undefined;
  /** The body exactly as received, before any JSON parsing; '' when there is none. */
  readonly rawBody: string;
  /** Epoch milliseconds. */
  readonly now: number;
  /** Defaults to {@link DEFAULT_WEBHOOK_MAX_AGE_MS}. */
  readonly maxAgeMs?: number;
}

/** Throws AuthError unless the request carries Zendesk's signature made with `secret` at a time near `now`. */
export function verifyZendeskWebhook(input: ZendeskWebhookRequest): void {
  const { secret, signature, timestamp, rawBody, now, maxAgeMs = DEFAULT_WEBHOOK_MAX_AGE_MS } = input;
  if (!(maxAgeMs > 0)) throw new RangeError(`maxAgeMs must be positive, not ${maxAgeMs}`);
  if (!signature || !timestamp) {
    throw new AuthError(
      'malformed',
      'the webhook request lacks X-Zendesk-Webhook-Signature or X-Zendesk-Webhook-Signature-Timestamp: ' +
        'send webhooks from Zendesk, which signs every request',
    );
  }
  const sentAt = ISO_DATE_TIME.test(timestamp) ? Date.parse(timestamp) : NaN;
  if (Number.isNaN(sentAt)) {
    throw new AuthError(
      'malformed',
      'the webhook timestamp header is not an ISO-8601 date-time such as 2024-04-17T17:18:10Z: ' +
        'send it as Zendesk does',
    );
  }
  // Signature first: a caller without the secret then gets "bad signature" whatever timestamp it
  // sends, and cannot probe our clock or window; only genuine (replayed or late) requests see "stale".
  const expected = Buffer.from(zendeskWebhookSignature(secret, timestamp, rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // Lengths differ only for a signature that is not base64 of 32 bytes, which is public knowledge.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AuthError(
      'bad_signature',
      "the webhook signature does not match: store the webhook's current signing secret for this account " +
        '(GET /api/v2/webhooks/{id}/signing_secret) and pass the body exactly as received',
    );
  }
  if (Math.abs(now - sentAt) > maxAgeMs) {
    throw new AuthError(
      'stale',
      `the webhook was signed more than ${maxAgeMs / 1000} s away from this server's clock: ` +
        'a replayed request is refused on purpose; if requests are fresh, check the server clock',
    );
  }
}

/**
 * Compares two secrets (the Freshdesk per-tenant webhook or app secret) in constant time. Both
 * are hashed first so that neither the content nor the length of the expected one leaks.
 */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
