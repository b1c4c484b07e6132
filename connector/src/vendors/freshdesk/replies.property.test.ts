import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineReplies, freshdeskPageReplies, normalizeFreshdeskTicketPage, withReplies } from './normalize.js';

const MINUTE = 60_000;
const START = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
/** A time within a year of START, on whole seconds as Freshdesk sends them. */
const time = fc.integer({ min: 0, max: 365 * 24 * 60 * 60 }).map((s) => START + s * 1000);

/** A ticket with `include=stats` as Freshdesk sends it: any status, any source, stats stamped or not. */
const ticket = fc
  .record({
    created: time,
    status: fc.oneof(fc.constantFrom(2, 3, 4, 5), fc.integer({ min: 6, max: 30 })),
    source: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 12 })),
    firstResponded: fc.option(time, { nil: null }),
    resolved: fc.option(time, { nil: null }),
  })
  .map(({ created, status, source, firstResponded, resolved }) => ({
    id: 1,
    requester_id: 5001,
    responder_id: 9001,
    status,
    source,
    created_at: iso(created),
    updated_at: iso(created),
    stats: {
      first_responded_at: firstResponded === null ? null : iso(firstResponded),
      resolved_at: resolved === null ? null : iso(resolved),
      closed_at: null,
      reopened_at: null,
    },
  }));

/** One conversation message of ticket 1: from the customer, a private note or a public reply, at any time. */
const message = fc.record({
  ticket_id: fc.constant(1),
  incoming: fc.boolean(),
  private: fc.boolean(),
  created_at: time.map(iso),
});

/** The ticket's conversations cut into pages of up to 30, as the API pages them. */
const conversationPages = fc.array(message, { maxLength: 40 }).map((all) => {
  const pages: (typeof all)[] = [];
  for (let i = 0; i < all.length; i += 30) pages.push(all.slice(i, i + 30));
  return pages;
});

describe('a normalized Freshdesk ticket with its conversations', () => {
  it('never has public replies without a first reply', () => {
    fc.assert(
      fc.property(ticket, conversationPages, (raw, pages) => {
        const [draft] = normalizeFreshdeskTicketPage([raw]).tickets;
        const normalized = withReplies(draft!, combineReplies(pages.map((page) => freshdeskPageReplies(page, '1'))));
        const publicTimes = pages
          .flat()
          .filter((m) => !m.incoming && !m.private)
          .map((m) => Date.parse(m.created_at));
        expect(normalized.publicReplies).toBe(publicTimes.length);
        if (normalized.publicReplies > 0) expect(normalized.firstReplyAt).not.toBeNull();
        // The stats' first reply stands; without one, the earliest public reply, never before creation.
        const created = Date.parse(raw.created_at);
        const stamped = raw.stats.first_responded_at;
        const expected =
          stamped !== null
            ? Date.parse(stamped)
            : publicTimes.length === 0
              ? null
              : Math.max(created, Math.min(...publicTimes));
        expect(normalized.firstReplyAt).toBe(expected);
        expect(normalized.firstReplyMinutes).toBe(expected === null ? null : (expected - created) / MINUTE);
      }),
    );
  });
});
