/** How to make a key, repeated in every message about a missing or malformed one. */
const HOW_TO_GENERATE = 'generate one with `openssl rand -base64 32`';

/**
 * The secret key is missing or not 32 bytes of base64 or hex. The message names where the key
 * came from and how to generate one, and never contains the key text itself.
 */
export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
  constructor(source: string, problem: string) {
    super(`${source} ${problem}: it must be 32 random bytes in base64 or hex; ${HOW_TO_GENERATE}`);
  }
}
