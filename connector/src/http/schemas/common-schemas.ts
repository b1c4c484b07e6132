import Type, { type TStringOptions } from 'typebox';
import { ERROR_STATUS, type ErrorCode } from '../api-error.js';

/** Every error body: a code from the one table and a message that says what to do. */
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.Unsafe<ErrorCode>({ type: 'string', enum: Object.keys(ERROR_STATUS) }),
    message: Type.String(),
  }),
});

/** The error answers every authenticated route can give, for its schema. */
export const AUTH_ERRORS = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

/** Ids as helpdesks write them: digits, letters, `-`, `_`, `.`, `:`; at most 64 characters. */
export const Id = Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$', description: 'a helpdesk id' });

/** Time as ISO-8601 UTC text. */
export const IsoTime = Type.String({ format: 'date-time' });

/** Bearer session token, as `Authorization: Bearer <token>`. */
export const BEARER = [{ session: [] }] as const;

/**
 * Text with no control character but tab and line breaks: PostgreSQL cannot store a NUL byte,
 * and the others mean nothing in a note. The error handler names the field that has one.
 */
export const FREE_TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';

/** One line of text (names, keys, tokens): no control character at all. */
export const LINE_PATTERN = '^[^\\u0000-\\u001F\\u007F]*$';

export const FreeText = (options: TStringOptions = {}) => Type.String({ ...options, pattern: FREE_TEXT_PATTERN });

export const Line = (options: TStringOptions = {}) => Type.String({ ...options, pattern: LINE_PATTERN });
