import { z } from 'zod';
import { describeValue } from './parse-payload.js';

/** `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or a `±HH:MM` offset. */
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Epoch milliseconds of an ISO 8601 time with a zone designator, or `NaN` when the text is not
 * one. Stricter than `Date.parse`, which reads `2026-02-30` as 2 March.
 */
export function parseIsoTime(text: string): number {
  const match = ISO_TIME.exec(text);
  if (match === null) return NaN;
  const [, y, mo, d, h, mi, s, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  if (month < 1 || month > 12) return NaN;
  if (Number(d) < 1 || Number(d) > daysInMonth(year, month)) return NaN;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return NaN;
  if (Number(oh ?? 0) > 23 || Number(om ?? 0) > 59) return NaN;
  return Date.parse(text);
}

const isoTimeMessage = (issue: { input: unknown }): string =>
  `expected an ISO 8601 time such as "2026-01-05T09:30:00Z", got ${describeValue(issue.input)}`;

/** An ISO 8601 time with a zone designator, parsed to epoch milliseconds. */
export const isoTime = z.string({ error: isoTimeMessage }).transform((text, ctx) => {
  const time = parseIsoTime(text);
  if (Number.isNaN(time)) {
    ctx.addIssue({ code: 'custom', message: isoTimeMessage({ input: text }), input: text });
    return z.NEVER;
  }
  return time;
});

/** {@link isoTime}, or `null`/absent for "never happened". */
export const optionalIsoTime = isoTime.nullish().transform((time) => time ?? null);

/** A vendor id, as the vendor's JSON has it (a number or a string), turned into a string. */
export const vendorId = z
  .union([z.number().int().nonnegative(), z.string().min(1)], {
    error: (issue) =>
      issue.input === undefined
        ? 'missing (expected an id)'
        : `expected an id (a whole number or a non-empty string), got ${describeValue(issue.input)}`,
  })
  .transform(String);

/** {@link vendorId}, or `null`/absent. */
export const optionalVendorId = vendorId.nullish().transform((id) => id ?? null);

/** Ticket ids where the vendor numbers tickets from 1 (Zendesk, Freshdesk); 16 digits at most. */
const TICKET_NUMBER = /^[1-9]\d{0,15}$/;

/**
 * A ticket id as a webhook body carries it: a whole number from 1, or its digits as text (a
 * placeholder renders as either). Anything else would be a request the vendor can only refuse.
 */
export const ticketNumber = z.any().transform((value: unknown, ctx) => {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text === 'string' && TICKET_NUMBER.test(text) && Number.isSafeInteger(Number(text))) return text;
  const message =
    value === undefined
      ? 'missing (expected a ticket id: a whole number from 1)'
      : `expected a ticket id (a whole number from 1), got ${describeValue(value)}`;
  ctx.addIssue({ code: 'custom', message, input: value });
  return z.NEVER;
});

/** A count of things (replies, reopens): a whole number of 0 or more. */
export const count = z
  .number()
  .int()
  .nonnegative({ error: (issue) => `expected a count of 0 or more, got ${describeValue(issue.input)}` });
