import type { z } from 'zod';
import { PayloadError } from './payload-error.js';

type RawIssue = z.core.$ZodRawIssue;

const MAX_VALUE_CHARS = 60;

/** A short, JSON-like rendering of a payload value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 3)}...` : text;
}

/** `tickets[3].created_at` from zod's `['tickets', 3, 'created_at']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function withArticle(noun: string): string {
  if (noun === 'int') return 'an integer';
  if (noun === 'null' || noun === 'undefined') return noun;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/**
 * The wording of every issue a schema does not word itself: what was expected and what was
 * found, so a reader can fix the payload without opening the schema.
 */
function payloadErrorMap(issue: RawIssue): string | undefined {
  const got = describeValue(issue.input);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `missing (expected ${withArticle(issue.expected)})`
        : `expected ${withArticle(issue.expected)}, got ${got}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${got}`;
    case 'too_small':
      return `expected at least ${String(issue.minimum)}, got ${got}`;
    case 'too_big':
      return `expected at most ${String(issue.maximum)}, got ${got}`;
    default:
      return undefined;
  }
}

/**
 * Checks `input` against `schema` and returns the parsed value; throws a {@link PayloadError}
 * naming the first offending field (and how many more there are) when it does not fit.
 */
export function parsePayload<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input, { reportInput: true, error: payloadErrorMap });
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  if (first === undefined) throw new PayloadError('', 'does not have the expected shape');
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more ${rest.length === 1 ? 'problem' : 'problems'})`;
  throw new PayloadError(formatPath(first.path), `${first.message}${more}`);
}
