import type { z } from 'zod';

/** A stream position as the text a `Page.cursor` carries; callers store it and hand it back. */
export function encodeCursor(position: object): string {
  return JSON.stringify(position);
}

/** The position in a cursor made by {@link encodeCursor}; throws a `RangeError` for anything else. */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(cursor);
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const shown = cursor.length > 40 ? `${cursor.slice(0, 37)}...` : cursor;
    throw new RangeError(`not a ${what} cursor: ${JSON.stringify(shown)}`);
  }
  return parsed.data;
}
