import { describe, expect, it } from 'vitest';
import { readFreshdeskWebhook } from './webhook.js';

const FIX = 'set the rule\'s JSON body to {"freshdesk_webhook": {"ticket_id": "{{ticket.id}}"}}';

describe('readFreshdeskWebhook', () => {
  it('reads the ticket of an automation rule body wrapped in freshdesk_webhook', () => {
    // The "simple" content as the simulator's rules send it; UNSURE in the reference (freshdesk.md §4.1).
    const body = {
      freshdesk_webhook: { ticket_id: 202, ticket_status: 'Resolved', triggered_event: '{ticket_action:created}' },
    };
    expect(readFreshdeskWebhook(body)).toEqual({ ticketId: '202' });
  });

  it('reads the body the setup guide asks for, where the placeholder renders as text', () => {
    expect(readFreshdeskWebhook({ freshdesk_webhook: { ticket_id: '202' } })).toEqual({ ticketId: '202' });
  });

  it('reads a flat body an admin wrote by hand', () => {
    expect(readFreshdeskWebhook({ ticket_id: 17, status: 'Open' })).toEqual({ ticketId: '17' });
  });

  it('refuses a wrapped body without a ticket id, naming the field and the body to send', () => {
    expect(readFreshdeskWebhook({ freshdesk_webhook: { ticket_status: 'Open' } })).toEqual({
      ticketId: null,
      problem: `the webhook names no ticket (freshdesk_webhook.ticket_id: missing (expected a ticket id: a whole number from 1)): ${FIX}`,
    });
  });

  it.each([
    ['an unrendered placeholder', '{{ticket.id}}'],
    ['zero', 0],
    ['a negative number', -3],
    ['a display id with a prefix', '#202'],
    ['a fraction', 2.5],
  ])('refuses %s as a ticket id, so no vendor request is spent on it', (_what, ticketId) => {
    expect(readFreshdeskWebhook({ freshdesk_webhook: { ticket_id: ticketId } }).ticketId).toBeNull();
    expect(readFreshdeskWebhook({ ticket_id: ticketId }).ticketId).toBeNull();
  });

  it.each([
    ['null', null],
    ['an array', [202]],
    ['an empty object', {}],
  ])('refuses %s as a body, naming the body to send', (_what, body) => {
    const notice = readFreshdeskWebhook(body);
    expect(notice.ticketId).toBeNull();
    expect(notice.problem?.endsWith(FIX)).toBe(true);
  });
});
