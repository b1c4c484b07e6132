import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readZendeskTicketPageFast } from './fast-ticket-page.js';
import { ZENDESK_TICKET_STATUSES, ZENDESK_USER_ROLES, zendeskTicketPageSchema } from './schema.js';

/** A field that is absent, null or a value, as Zendesk's optional fields are. */
const nullish = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> =>
  fc.oneof(fc.constant(undefined), fc.constant(null), arb);

const isoTime = fc
  .tuple(
    fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
    fc.nat(2),
  )
  .map(([date, style]) => {
    const text = date.toISOString();
    return style === 0 ? text : style === 1 ? text.replace(/\.\d{3}Z$/, 'Z') : text.replace('Z', '+02:00');
  });
const badTime = fc.constantFrom('yesterday', '2026-02-30T09:00:00Z', '2026-01-05 09:00:00', '', '2026-01-05T25:00:00Z');
const numericId = fc.nat();
const badId = fc.oneof(
  fc.constant(-1),
  fc.constant(1.5),
  fc.constant(''),
  fc.constant(true),
  fc.string({ minLength: 1, maxLength: 5 }),
);

/** Pages in the shape Zendesk sends (`wellFormed`) or with any field off (`anything`). */
function pages(wellFormed: boolean) {
  const pick = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => (wellFormed ? good : fc.oneof(good, bad));
  const id = pick(numericId, badId);
  const time = pick(isoTime, badTime);
  const count = pick(fc.nat(50), fc.constantFrom(-1, 0.5, '3'));
  const minutes = pick(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(-5, '10'));
  const status = pick(fc.constantFrom(...ZENDESK_TICKET_STATUSES), fc.constantFrom('archived', 'Solved', 3));
  const role = pick(fc.constantFrom(...ZENDESK_USER_ROLES), fc.constantFrom('owner', null));
  const text = pick(fc.string({ maxLength: 8 }), fc.constantFrom(7, false));
  const pair = nullish(fc.record({ calendar: nullish(minutes), business: nullish(minutes) }, { requiredKeys: [] }));
  const ticket = fc.record(
    {
      id,
      requester_id: id,
      assignee_id: nullish(id),
      group_id: nullish(id),
      status,
      created_at: time,
      tags: nullish(fc.array(text, { maxLength: 3 })),
      subject: fc.string({ maxLength: 10 }),
    },
    { requiredKeys: wellFormed ? ['id', 'requester_id', 'status', 'created_at'] : [] },
  );
  const metricSet = fc.record(
    {
      ticket_id: id,
      solved_at: nullish(time),
      reply_time_in_minutes: pair,
      full_resolution_time_in_minutes: pair,
      replies: nullish(count),
      reopens: nullish(count),
      group_stations: nullish(count),
      assignee_stations: fc.nat(3),
    },
    { requiredKeys: wellFormed ? ['ticket_id'] : [] },
  );
  const user = fc.record(
    { id, name: nullish(text), email: nullish(text), role, active: fc.boolean() },
    { requiredKeys: wellFormed ? ['id', 'role'] : [] },
  );
  return fc.record(
    {
      tickets: fc.array(ticket, { maxLength: 4 }),
      metric_sets: nullish(fc.array(metricSet, { maxLength: 4 })),
      users: nullish(fc.array(user, { maxLength: 4 })),
      after_cursor: nullish(pick(fc.string({ maxLength: 6 }), fc.constant(12))),
      end_of_stream: nullish(pick(fc.boolean(), fc.constant('yes'))),
      before_url: nullish(fc.string({ maxLength: 6 })),
    },
    { requiredKeys: wellFormed ? ['tickets'] : [] },
  );
}

describe('readZendeskTicketPageFast', () => {
  it('reads every well-formed page exactly as the schema does', () => {
    fc.assert(
      fc.property(pages(true), (page) => {
        const fast = readZendeskTicketPageFast(page);
        expect(fast).not.toBeNull();
        expect(fast).toEqual(zendeskTicketPageSchema.parse(page));
      }),
      { numRuns: 500 },
    );
  });

  it('never accepts a page the schema rejects, and agrees with it on the pages it accepts', () => {
    fc.assert(
      fc.property(pages(false), (page) => {
        const fast = readZendeskTicketPageFast(page);
        if (fast === null) return;
        const slow = zendeskTicketPageSchema.safeParse(page);
        expect(slow.success).toBe(true);
        expect(fast).toEqual(slow.data);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves string ids and pages that are not objects to the schema', () => {
    const page = { tickets: [{ id: '1', requester_id: 2, status: 'open', created_at: '2026-01-05T09:00:00Z' }] };
    expect(readZendeskTicketPageFast(page)).toBeNull();
    expect(zendeskTicketPageSchema.parse(page).tickets[0]?.id).toBe('1');
    expect(readZendeskTicketPageFast([])).toBeNull();
    expect(readZendeskTicketPageFast(null)).toBeNull();
  });
});
