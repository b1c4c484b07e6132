import { z } from 'zod';
import type { SecretKey } from '../secrets/index.js';
import type { VendorCredentials, ZigpollCredentials } from './sync-store.js';

const vendorCredentialsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('zendesk-token'), email: z.string(), token: z.string() }),
  z.object({ kind: z.literal('zendesk-oauth'), accessToken: z.string() }),
  z.object({ kind: z.literal('freshdesk-key'), apiKey: z.string() }),
]);

const zigpollCredentialsSchema = z.object({ apiKey: z.string(), accountId: z.string() });

/**
 * Associated data binding a ciphertext to its tenant and column: a value copied into another
 * tenant's row (or the other column) does not decrypt there.
 */
const context = (tenantId: string, column: string): string => `frontline:tenants:${tenantId}:${column}`;

/** The ciphertext stored in `tenants.credentials`. */
export function encryptCredentials(key: SecretKey, tenantId: string, credentials: VendorCredentials): string {
  return key.encrypt(JSON.stringify(vendorCredentialsSchema.parse(credentials)), context(tenantId, 'credentials'));
}

/** The vendor credentials in `tenants.credentials`; throws `SecretDecryptionError` on a wrong key. */
export function decryptCredentials(
  key: SecretKey,
  tenantId: string,
  tenantName: string,
  stored: string,
): VendorCredentials {
  const what = `the credentials of tenant ${JSON.stringify(tenantName)}`;
  return vendorCredentialsSchema.parse(JSON.parse(key.decrypt(stored, context(tenantId, 'credentials'), what)));
}

/** The ciphertext stored in `tenants.zigpoll_credentials`, or null. */
export function encryptZigpoll(key: SecretKey, tenantId: string, zigpoll: ZigpollCredentials | null): string | null {
  if (zigpoll === null) return null;
  return key.encrypt(JSON.stringify(zigpollCredentialsSchema.parse(zigpoll)), context(tenantId, 'zigpoll_credentials'));
}

/** The Zigpoll credentials in `tenants.zigpoll_credentials`, or null. */
export function decryptZigpoll(
  key: SecretKey,
  tenantId: string,
  tenantName: string,
  stored: string | null,
): ZigpollCredentials | null {
  if (stored === null) return null;
  const what = `the Zigpoll credentials of tenant ${JSON.stringify(tenantName)}`;
  return zigpollCredentialsSchema.parse(
    JSON.parse(key.decrypt(stored, context(tenantId, 'zigpoll_credentials'), what)),
  );
}

/** The ciphertext of one access secret (`tenants.webhook_secrets` as JSON, `tenants.app_secret`), or null. */
export function encryptAccessSecret(
  key: SecretKey,
  tenantId: string,
  column: 'webhook_secrets' | 'app_secret',
  secret: string | null,
): string | null {
  return secret === null ? null : key.encrypt(secret, context(tenantId, column));
}

/** One access secret, decrypted, or null. */
export function decryptAccessSecret(
  key: SecretKey,
  tenantId: string,
  tenantName: string,
  column: 'webhook_secrets' | 'app_secret',
  stored: string | null,
): string | null {
  if (stored === null) return null;
  return key.decrypt(
    stored,
    context(tenantId, column),
    `the ${column.replace('_', ' ')} of tenant ${JSON.stringify(tenantName)}`,
  );
}
