// The public surface of the connector's secrets: the key that encrypts stored credentials.
export { loadOrCreateSecretKey, SECRET_KEY_FILE } from './load-or-create-secret-key.js';
export { parseSecretKey } from './parse-secret-key.js';
export { SecretDecryptionError } from './secret-decryption-error.js';
export { SECRET_KEY_BYTES, SecretKey } from './secret-key.js';
export { SecretKeyError } from './secret-key-error.js';
