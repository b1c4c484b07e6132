/**
 * The live path for both vendors, with real Redis (BullMQ, pub/sub), PostgreSQL and HTTP: a
 * vendor's webhooks queue refreshes, duplicates collapse, nothing is lost, and an open sidebar
 * hears of a negative rating on its agent's ticket without reloading.
 */
import { scaledClock } from '@frontline/connector/clock';
import { zendeskWebhookSignature } from '@frontline/connector/auth';
import { FRESHDESK_WEBHOOK_SECRET_HEADER } from '@frontline/connector/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateTicket } from '@frontline/simulators';
import { openLiveStack, type LiveStack } from './support/live-stack.js';
import { openSseStream } from '@frontline/connector/http/testing';

const BURST_TICKETS = 500;
const WEBHOOKS_PER_TICKET = 4;

/** A webhook as the vendor would send it, for ticket `id`; `n` makes each delivery distinct. */
function webhookFor(stack: LiveStack, id: number, n: number): { headers: Record<string, string>; body: string } {
  if (stack.vendor === 'freshdesk') {
    return {
      headers: { 'content-type': 'application/json', [FRESHDESK_WEBHOOK_SECRET_HEADER]: stack.webhookSecret },
      body: JSON.stringify({ freshdesk_webhook: { ticket_id: id, triggered_event: `{ticket_action:updated:${n}}` } }),
    };
  }
  const timestamp = new Date(stack.account.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const body = JSON.stringify({
    type: 'zen:event-type:ticket.tags_changed',
    account_id: 1,
    id: `${id}-${n}`,
    time: timestamp,
    zendesk_event_version: '2022-11-06',
    subject: `zen:ticket:${id}`,
    detail: { id: String(id) },
    event: {},
  });
  return {
    headers: {
      'content-type': 'application/json',
      'x-zendesk-webhook-id': 'wh-events',
      'x-zendesk-webhook-signature-timestamp': timestamp,
      'x-zendesk-webhook-signature': zendeskWebhookSignature(stack.webhookSecret, timestamp, body),
    },
    body,
  };
}

/** Sends every request, `concurrency` at a time; returns the statuses. */
async function sendAll(url: string, requests: { headers: Record<string, string>; body: string }[], concurrency = 50) {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) {
        const request = requests[next++]!;
        const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
    }),
  );
  return statuses;
}

for (const vendor of ['zendesk', 'freshdesk'] as const) {
  describe(`live updates from ${vendor}`, () => {
    let stack: LiveStack;

    beforeAll(async () => {
      stack = await openLiveStack(vendor, { clock: scaledClock(20), tickets: 3_000, days: 30 });
    }, 120_000);

    afterAll(async () => {
      await stack?.close();
    });

    it(`refreshes each of ${BURST_TICKETS} tickets once for ${BURST_TICKETS * WEBHOOKS_PER_TICKET} webhooks, losing none`, async () => {
      const { account, runtime, tenant } = stack;
      // Escalate 500 tickets at the vendor: each now carries a tag the store does not have yet.
      const live = (await runtime.store.loadHistory(tenant.id)).tickets.filter(
        (t) => !t.removed && t.status !== 'closed',
      );
      const chosen = live.slice(0, BURST_TICKETS).map((t) => Number(t.id));
      for (const id of chosen) account.updateTicket(id, { kind: 'escalate', tag: 'escalated' });
      const requests = chosen.flatMap((id) =>
        Array.from({ length: WEBHOOKS_PER_TICKET }, (_, n) => webhookFor(stack, id, n)),
      );
      // Interleaved, as a busy account sends them.
      requests.sort((a, b) => (a.body < b.body ? -1 : 1));

      const statuses = await sendAll(stack.webhookUrl, requests);

      expect(statuses.filter((s) => s === 202)).toHaveLength(BURST_TICKETS * WEBHOOKS_PER_TICKET);
      // No worker ran yet: 2,000 webhooks wait as 500 jobs.
      expect((await runtime.queue.counts()).waiting).toBe(BURST_TICKETS);
      account.resetStats();
      stack.startWorker();
      const deadline = Date.now() + 90_000;
      for (;;) {
        const { tickets } = await runtime.store.loadHistory(tenant.id);
        const escalated = new Set(tickets.filter((t) => t.tags.includes('escalated')).map((t) => Number(t.id)));
        if (chosen.every((id) => escalated.has(id))) break;
        if (Date.now() > deadline) {
          throw new Error(`${chosen.filter((id) => !escalated.has(id)).length} tickets were never refreshed`);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      const stats = account.stats();
      const reads = stats.byRoute[vendor === 'zendesk' ? 'zendesk.show-ticket' : 'freshdesk.view-ticket']?.requests;
      expect(reads).toBe(BURST_TICKETS);
      expect(stats.overLimitRequests).toBe(0);
      expect(stats.rateLimited).toBe(0);
    }, 150_000);

    it("pushes a new negative rating to the agent's and the lead's open sidebars", async () => {
      const { account, runtime, tenant } = stack;
      const { tickets, agents } = await runtime.store.loadHistory(tenant.id);
      const ticket = tickets.find((t) => t.assigneeId !== null && t.status === 'solved' && !t.removed)!;
      const agentId = ticket.assigneeId!;
      // A lead is an agent of the account whom Frontline keeps as lead: the API ends the stream of anyone else.
      const leadId = agents.find((a) => a.id !== agentId)!.id;
      await runtime.store.coaching.setRole(tenant.id, leadId, 'lead');
      stack.startWorker();
      const agent = await openSseStream(`${stack.apiUrl}/v1/stream?access_token=${stack.tokenFor(agentId, 'agent')}`);
      const lead = await openSseStream(`${stack.apiUrl}/v1/stream?access_token=${stack.tokenFor(leadId, 'lead')}`);
      try {
        expect(agent.status).toBe(200);
        await agent.next((e) => e.event === 'dashboard');
        const stop = stack.sender.start();
        rateTicket(account, Number(ticket.id), 'bad', 'Nobody answered my question');
        const alert = await agent.next((e) => e.event === 'alert' && e.data['ticketId'] === ticket.id, 20_000);
        expect(alert.data).toMatchObject({ kind: 'escalation', agentId, comment: 'Nobody answered my question' });
        await lead.next((e) => e.event === 'alert' && e.data['ticketId'] === ticket.id, 20_000);
        await stack.sender.settled();
        stop();
        expect(stack.sender.deliveries.every((d) => d.status === 202)).toBe(true);
      } finally {
        agent.close();
        lead.close();
      }
    }, 60_000);
  });
}
