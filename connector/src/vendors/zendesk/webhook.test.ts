import { describe, expect, it } from 'vitest';
import { readZendeskWebhook } from './webhook.js';

/**
 * A ticket event webhook in Zendesk's documented shape (shared/reference/zendesk.md §5): ids in
 * `detail` are strings, statuses in capitals, the ticket named by `subject`.
 */
function aTicketEvent(type: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: `zen:event-type:ticket.${type}`,
    account_id: 9100001,
    id: '0c1e9a6b-6f3c-4a4e-9a0e-2f5c1b7d8e90',
    time: '2026-03-01T09:30:00Z',
    zendesk_event_version: '2022-11-06',
    subject: 'zen:ticket:4711',
    detail: {
      id: '4711',
      status: 'SOLVED',
      assignee_id: '9001',
      group_id: '301',
      requester_id: '5001',
      via: { channel: 'email' },
      tags: ['login'],
    },
    event: { previous: 'OPEN', current: 'SOLVED', meta: { sequence: { id: 'A1B2', position: 1 } } },
    ...fields,
  };
}

describe('readZendeskWebhook', () => {
  it.each([
    'created',
    'status_changed',
    'agent_assignment_changed',
    'comment_added',
    'custom_status_changed',
    'soft_deleted',
    'marked_as_spam',
  ])('reads ticket.%s as a refresh of the ticket its subject names', (type) => {
    expect(readZendeskWebhook(aTicketEvent(type))).toEqual({ ticketId: '4711' });
  });

  it('reads the current CSAT event ticket.csat_received as a refresh of its ticket', () => {
    // UNSURE in the reference: the type and `satisfaction_score` come from public code, not Zendesk's page.
    const event = aTicketEvent('csat_received', {
      subject: 'zen:ticket:88',
      detail: { id: '88', status: 'SOLVED' },
      event: { satisfaction_score: { score: 'good' } },
    });
    expect(readZendeskWebhook(event)).toEqual({ ticketId: '88' });
  });

  it('reads a ticket event type Frontline has never seen as a refresh too', () => {
    expect(readZendeskWebhook(aTicketEvent('brand_new_kind_of_change'))).toEqual({ ticketId: '4711' });
  });

  it('reads the ratings trigger body, its ticket id as the placeholder renders it (text)', () => {
    const body = { ticket_id: '102', satisfaction_rating: "Bad, I'm unsatisfied", satisfaction_comment: 'slow' };
    expect(readZendeskWebhook(body)).toEqual({ ticketId: '102' });
    expect(readZendeskWebhook({ ticket_id: 102 })).toEqual({ ticketId: '102' });
  });

  it('refuses an event about something other than a ticket, saying to subscribe to ticket events', () => {
    const userEvent = { type: 'zen:event-type:user.created', subject: 'zen:user:5001', detail: { id: '5001' } };
    expect(readZendeskWebhook(userEvent)).toEqual({
      ticketId: null,
      problem: 'a zen:event-type:user.created event names no ticket: subscribe the webhook to ticket events only',
    });
  });

  it('refuses a ticket event whose subject is not a ticket id', () => {
    expect(readZendeskWebhook(aTicketEvent('created', { subject: 'zen:ticket:abc' })).problem).toBe(
      'the webhook names no ticket (subject: expected a ticket id (a whole number from 1), got "abc"): ' +
        'ticket events name it as "subject": "zen:ticket:<id>"',
    );
    expect(readZendeskWebhook(aTicketEvent('created', { subject: 'zen:user:5001' })).problem).toMatch(
      /^the webhook names no ticket \(subject: expected "zen:ticket:<id>", got "zen:user:5001"\)/,
    );
    expect(readZendeskWebhook(aTicketEvent('created', { subject: undefined })).problem).toMatch(
      /^the webhook names no ticket \(subject: missing/,
    );
  });

  it('refuses a trigger whose placeholder was not rendered, saying which body to send', () => {
    expect(readZendeskWebhook({ ticket_id: '{{ticket.id}}' })).toEqual({
      ticketId: null,
      problem:
        'the webhook names no ticket (ticket_id: expected a ticket id (a whole number from 1), got "{{ticket.id}}"): ' +
        'send ticket events, or a trigger body {"ticket_id": "{{ticket.id}}"}',
    });
  });

  it.each([
    ['zero', 0],
    ['a negative number', -5],
    ['a fraction', 1.5],
    ['a number past 2^53', 2 ** 60],
    ['"0"', '0'],
    ['a leading zero', '0123'],
    ['digits with letters', '12abc'],
    ['a path', '../1'],
    ['spaces around digits', ' 12 '],
    ['an empty string', ''],
    ['null', null],
    ['an object', { id: 1 }],
  ])('refuses %s as a ticket id, so no vendor request is spent on it', (_what, ticketId) => {
    expect(readZendeskWebhook({ ticket_id: ticketId }).ticketId).toBeNull();
  });

  it.each([
    ['null', null],
    ['an array', [{ ticket_id: 1 }]],
    ['a string', 'ticket 1'],
    ['an empty object', {}],
  ])('refuses %s as a body, naming what to send', (_what, body) => {
    const notice = readZendeskWebhook(body);
    expect(notice.ticketId).toBeNull();
    expect(notice.problem).toMatch(/send ticket events, or a trigger body \{"ticket_id": "\{\{ticket\.id\}\}"\}$/);
  });
});
