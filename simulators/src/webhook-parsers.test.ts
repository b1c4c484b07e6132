/**
 * Every webhook the simulated accounts send is one the connector reads as "refresh this ticket":
 * the simulator's senders and the connector's parsers agree on the vendors' shapes. The expected
 * ticket is the one the simulator changed, not anything the parser computes.
 */
import { readVendorWebhook } from '@frontline/connector/vendors';
import { describe, expect, it } from 'vitest';
import { createSimulatedAccount } from './account.js';
import { generateHistory } from './history.js';
import { createManualClock } from './manual-clock.js';
import type { TicketChange } from './ticket-changes.js';
import { createWebhookSender } from './webhook-sender.js';

const NOW = Date.UTC(2026, 2, 1);
const history = generateHistory({ seed: 7, tickets: 200, days: 30, now: NOW });
const agentId = history.agents[0]!.id;
const otherAgentId = history.agents[1]!.id;

/** One ticket's life: every kind of change that makes a webhook on one vendor or the other. */
const CHANGES: readonly TicketChange[] = [
  { kind: 'assign', agentId: otherAgentId },
  { kind: 'reply' },
  { kind: 'solve' },
  { kind: 'rate', score: 'bad', comment: 'Too "slow"' },
  { kind: 'reopen' },
  { kind: 'solve' },
  { kind: 'rate', score: 'good' },
  { kind: 'spam' },
];

describe.each(['zendesk', 'freshdesk'] as const)('%s webhooks', (vendor) => {
  it('each name the ticket that changed, to the connector', () => {
    const account = createSimulatedAccount({ vendor, history, clock: createManualClock(NOW + 90_000) });
    const sender = createWebhookSender({ account, url: 'http://127.0.0.1:1/unused', secret: 's' });
    const read: { kind: string; changed: string; named: string | null }[] = [];
    account.onChange((event) => {
      for (const request of sender.requestsFor(event)) {
        const notice = readVendorWebhook(vendor, JSON.parse(request.body));
        read.push({ kind: request.kind, changed: String(event.ticketId), named: notice.ticketId });
      }
    });
    const first = account.addTicket({ assigneeId: agentId });
    for (const change of CHANGES) account.updateTicket(first, change);
    const second = account.addTicket({ assigneeId: agentId });
    account.updateTicket(second, { kind: 'delete' });

    // The created, status, rating, deletion and spam webhooks at least, each read as its ticket.
    expect(read.length).toBeGreaterThanOrEqual(8);
    expect(new Set(read.map((r) => r.changed))).toEqual(new Set([String(first), String(second)]));
    for (const { kind, changed, named } of read) expect(named, kind).toBe(changed);
  });
});
