import { stdSerializers } from 'pino';

/**
 * What a database error repeats of the statement that failed: its SQL, its parameters (a note's
 * text, a name), and details that quote row values. None of it may reach a log.
 */
const STATEMENT_FIELDS = ['query', 'params', 'parameters', 'values', 'detail', 'where', 'internalQuery'];

/** Drops the statement fields at any depth (a cause, an error wrapped in another). */
function withoutStatement(value: unknown, depth: number): unknown {
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => withoutStatement(item, depth + 1));
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (!STATEMENT_FIELDS.includes(key)) kept[key] = withoutStatement(field, depth + 1);
  }
  return kept;
}

/** `err` in a log line: pino's own error fields, minus any SQL statement and its parameters. */
export function errWithoutStatement(error: unknown): unknown {
  const serialized = error instanceof Error ? stdSerializers.err(error) : error;
  return withoutStatement(serialized, 0);
}

/** `url` in a log line: the path only; a query string can hold a token (`/v1/stream?access_token=`). */
export function urlWithoutQuery(url: unknown): unknown {
  return typeof url === 'string' ? url.split('?')[0] : url;
}
