import { destination, pino, type Logger as PinoLogger } from 'pino';
import { errWithoutStatement, urlWithoutQuery } from './log-serializers.js';

/** Structured logging: JSON lines with tenant and job ids. */
export type Logger = Pick<PinoLogger, 'info' | 'warn' | 'error' | 'debug' | 'child'>;

/** Field names whose values never reach a log line, wherever they are nested. */
const SECRET_PATHS = [
  'token',
  'apiKey',
  'accessToken',
  'password',
  'secret',
  'credentials',
  'authorization',
  'headers.authorization',
  '*.token',
  '*.apiKey',
  '*.accessToken',
  '*.password',
  '*.secret',
  '*.credentials',
  '*.authorization',
  '*.headers.authorization',
];

/**
 * A JSON logger on stderr (stdout is for command output): secrets redacted, errors without the
 * SQL and parameters of a failed statement, URLs without their query string.
 */
export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: SECRET_PATHS, censor: '[redacted]' },
      serializers: { err: errWithoutStatement, url: urlWithoutQuery },
    },
    options.destination ?? destination(2),
  );
}

/** A logger that drops everything (tests, quiet commands). */
export const silentLogger: Logger = pino({ level: 'silent' });
