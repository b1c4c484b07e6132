/**
 * Stored secrets could not be decrypted: the key is not the one they were encrypted with, or the
 * stored value was altered. Carries no part of the secret or the key.
 */
export class SecretDecryptionError extends Error {
  override readonly name = 'SecretDecryptionError';
  constructor(what: string, reason: string) {
    super(`cannot decrypt ${what}: ${reason}`);
  }
}
