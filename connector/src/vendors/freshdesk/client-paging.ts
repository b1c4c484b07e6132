import { z } from 'zod';
import type { HeaderRecord } from '../http/header-record.js';
import { nextLink } from '../http/link-header.js';
import { VendorUnsupportedError } from '../vendor-unsupported-error.js';

/** Freshdesk answers pages past 300 of a list with an error. */
export const FRESHDESK_MAX_PAGE = 300;

/**
 * Where a Freshdesk list filtered by `updated_since`/`created_since` stands: the filter (epoch
 * ms), the page within it, and the newest record time seen in it so far (the next filter).
 */
export const freshdeskWindowCursorSchema = z.object({
  since: z.number().int().nonnegative(),
  page: z.number().int().min(1),
  newest: z.number().int().nullable(),
  /** Fingerprint of the page before this one, to tell a page served twice from the next page. */
  previous: z.string().nullable().optional(),
});

export type FreshdeskWindowCursor = z.infer<typeof freshdeskWindowCursorSchema>;

/** `YYYY-MM-DDTHH:MM:SSZ`, the form Freshdesk's `*_since` filters take (seconds: the filter is inclusive). */
export function freshdeskTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * What identifies a page's content: its size and first and last records. Two different pages of
 * one ordered list never share it; a page the server served again in place of the next does.
 */
export function pageFingerprint(ids: readonly string[], times: readonly number[]): string {
  return `${ids.length}:${ids[0] ?? ''}:${ids.at(-1) ?? ''}:${times.at(-1) ?? ''}`;
}

/** Whether this page repeats the one before it (the next page is still to be read). */
export function isRepeatedPage(position: FreshdeskWindowCursor, fingerprint: string): boolean {
  return position.page > 1 && position.previous === fingerprint && !fingerprint.startsWith('0:');
}

/** The page number the `Link: <...>; rel="next"` header points at; `null` on the last page. */
export function nextPageNumber(headers: HeaderRecord, current: number): number | null {
  const link = nextLink(headers.link);
  if (link === null) return null;
  const page = Number(new URL(link, 'http://link.invalid').searchParams.get('page'));
  return Number.isInteger(page) && page > current ? page : current + 1;
}

/**
 * The cursor after one page of a windowed list, and whether the list is done. Before the page
 * cap would be passed, the window restarts at the newest record seen (records at that second come
 * again: the store upserts). A finished list restarts there too, so the next poll sees new changes.
 */
export function advanceWindow(
  tenant: string,
  position: FreshdeskWindowCursor,
  times: readonly number[],
  nextPage: number | null,
  fingerprint: string | null = null,
): { next: FreshdeskWindowCursor; done: boolean } {
  const newest = times.reduce<number | null>((max, time) => (max === null || time > max ? time : max), position.newest);
  if (nextPage === null) return { next: { since: newest ?? position.since, page: 1, newest: null }, done: true };
  if (nextPage <= FRESHDESK_MAX_PAGE) {
    return { next: { since: position.since, page: nextPage, newest, previous: fingerprint }, done: false };
  }
  if (newest === null || Math.floor(newest / 1000) <= Math.floor(position.since / 1000)) {
    throw new VendorUnsupportedError(
      `${tenant}: more than ${FRESHDESK_MAX_PAGE} pages of records changed within one second (${freshdeskTime(position.since)}), ` +
        'which Freshdesk cannot page through',
    );
  }
  return { next: { since: newest, page: 1, newest: null }, done: false };
}
