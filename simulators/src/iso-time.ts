/** Parsing of ISO 8601 query parameters (`updated_since`, `created_since`). */

const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Epoch milliseconds of an ISO date or date-time (no zone means UTC), or NaN. */
export function parseIsoTime(text: string): number {
  const trimmed = text.trim();
  if (!ISO.test(trimmed)) return NaN;
  const withZone = /T/.test(trimmed) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) ? `${trimmed}Z` : trimmed;
  return Date.parse(withZone);
}
