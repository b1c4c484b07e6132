/**
 * The connector's configuration, read once from the environment and validated: a missing or
 * malformed variable stops the process with a message that names it and shows a correct value.
 * This is the only module that reads `process.env`.
 */
import { parseSecretKey } from './secrets/parse-secret-key.js';
import { SecretKeyError } from './secrets/secret-key-error.js';

export interface Env {
  /** HTTP port of the API. */
  readonly port: number;
  /** Folder of the embedded store (PGlite) and its generated key. */
  readonly dataDir: string;
  /** PostgreSQL; `null` selects the embedded store. */
  readonly databaseUrl: string | null;
  /** Redis for BullMQ; `null` selects the in-process job runner. */
  readonly redisUrl: string | null;
  /** Key for credentials at rest; `null` with the embedded store generates one in `dataDir`. */
  readonly secretKey: string | null;
  readonly logLevel: string;
  /**
   * `FRONTLINE_ADMIN_TOKEN`: the password of the operators' queue dashboard (/admin/queues);
   * `null` turns the dashboard off. A secret: never logged.
   */
  readonly adminToken: string | null;
}

/** A configuration problem, said in one line an operator can act on. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A shorter admin token could be guessed; `openssl rand -base64 32` prints 44 characters. */
export const MIN_ADMIN_TOKEN_LENGTH = 24;

export function readEnv(source: Readonly<Record<string, string | undefined>> = process.env): Env {
  const value = (name: string) => {
    const raw = source[name]?.trim();
    return raw === undefined || raw === '' ? null : raw;
  };
  const port = value('PORT') ?? '3000';
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    throw new ConfigError(
      `PORT must be a TCP port number from 1 to 65535, got ${JSON.stringify(port)}; example: PORT=3000`,
    );
  }
  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== null)
    checkUrl(
      'DATABASE_URL',
      databaseUrl,
      ['postgres:', 'postgresql:'],
      'postgres://frontline:secret@db.internal:5432/frontline',
    );
  const redisUrl = value('REDIS_URL');
  if (redisUrl !== null) checkUrl('REDIS_URL', redisUrl, ['redis:', 'rediss:'], 'redis://127.0.0.1:6379');
  if (databaseUrl !== null && value('FRONTLINE_SECRET_KEY') === null) {
    throw new ConfigError(
      'FRONTLINE_SECRET_KEY is required with DATABASE_URL: it encrypts the stored vendor credentials; ' +
        'generate one with `openssl rand -base64 32` and keep it with your other secrets',
    );
  }
  const secretKey = value('FRONTLINE_SECRET_KEY');
  if (secretKey !== null) {
    try {
      parseSecretKey(secretKey);
    } catch (error) {
      // The message names the variable and how to make a key, never the value.
      throw error instanceof SecretKeyError ? new ConfigError(error.message) : error;
    }
  }
  const logLevel = value('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}; example: LOG_LEVEL=info`,
    );
  }
  const adminToken = value('FRONTLINE_ADMIN_TOKEN');
  if (adminToken !== null && adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    // The value is a secret: say only how long it is.
    throw new ConfigError(
      `FRONTLINE_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters, got ${adminToken.length}; ` +
        'generate one with `openssl rand -base64 32`',
    );
  }
  return {
    port: Number(port),
    dataDir: value('FRONTLINE_DATA_DIR') ?? './.frontline',
    databaseUrl,
    redisUrl,
    secretKey,
    logLevel,
    adminToken,
  };
}

function checkUrl(name: string, raw: string, protocols: string[], example: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL; example: ${name}=${example}`);
  }
  if (!protocols.includes(url.protocol)) {
    // The value may hold a password: name only its scheme.
    throw new ConfigError(
      `${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}, got ${url.protocol}//...; example: ${name}=${example}`,
    );
  }
}
