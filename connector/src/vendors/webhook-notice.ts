import type { z } from 'zod';
import { parsePayload } from './parse-payload.js';
import { PayloadError } from './payload-error.js';

/**
 * What one vendor webhook asks of Frontline, read by that vendor's parser: refresh one ticket, or
 * nothing it can act on, with a `problem` that says what is wrong and what to send instead.
 * Ticket ids are the vendor's own (a whole number from 1), checked before they spend vendor quota.
 */
export type WebhookNotice =
  { readonly ticketId: string; readonly problem?: never } | { readonly ticketId: null; readonly problem: string };

/** Reads a webhook's parsed JSON body (anything, even `null`); never throws for a bad body. */
export type WebhookParser = (payload: unknown) => WebhookNotice;

/** A notice refusing the webhook: `problem` says what is wrong and what to send. */
export function noTicket(problem: string): WebhookNotice {
  return { ticketId: null, problem };
}

/**
 * The ticket `schema` finds in `payload`, or a notice naming the first field that does not fit,
 * followed by `fix` (what the sender should send instead).
 */
export function ticketNotice<T>(
  schema: z.ZodType<T>,
  payload: unknown,
  ticketOf: (parsed: T) => string,
  fix: string,
): WebhookNotice {
  try {
    return { ticketId: ticketOf(parsePayload(schema, payload)) };
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    return noTicket(`the webhook names no ticket (${error.message}): ${fix}`);
  }
}
