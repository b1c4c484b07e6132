/**
 * From the vendor's event to the sidebar's updated number: a ticket gets a negative rating at
 * the (simulated) vendor, which delivers its webhook; the connector verifies it, queues a
 * refresh, a worker reads the ticket and its rating, the store announces the change, the API
 * recomputes and pushes the alert to the agent's open stream. Measured in real time (the real
 * clock: the store starts synced, so nothing waits on the vendor's limits), 40 events a second
 * apart; bound p95 <= 2 s.
 */
import { systemClock } from '@frontline/connector/clock';
import { fileURLToPath } from 'node:url';
import { rateTicket } from '@frontline/simulators';
import { openLiveStack } from '../support/live-stack.js';
import { openSseStream } from '@frontline/connector/http/testing';
import type { BenchResult } from './bench-result.js';

const EVENTS = 40;
/** Tickets in the account (FRONTLINE_BENCH_TICKETS): each change recomputes the tenant's view over all of them. */
const TICKETS = Number(process.env['FRONTLINE_BENCH_TICKETS'] ?? 200_000);
const BOUND_MS = 2_000;

export async function benchEventToSidebar(vendor: 'zendesk' | 'freshdesk'): Promise<BenchResult> {
  const stack = await openLiveStack(vendor, { clock: systemClock, tickets: TICKETS, days: 365 });
  try {
    stack.startWorker();
    const { tickets } = await stack.runtime.store.loadHistory(stack.tenant.id);
    const solved = tickets.filter((t) => t.status === 'solved' && t.assigneeId !== null && !t.removed).slice(0, EVENTS);
    if (solved.length < EVENTS) throw new Error(`only ${solved.length} solved tickets to rate`);
    const streams = new Map<string, Awaited<ReturnType<typeof openSseStream>>>();
    for (const agentId of new Set(solved.map((t) => t.assigneeId!))) {
      const stream = await openSseStream(`${stack.apiUrl}/v1/stream?access_token=${stack.tokenFor(agentId, 'agent')}`);
      await stream.next((e) => e.event === 'dashboard');
      streams.set(agentId, stream);
    }
    const stop = stack.sender.start();
    const latencies: number[] = [];
    for (const ticket of solved) {
      const started = performance.now();
      rateTicket(stack.account, Number(ticket.id), 'bad', 'Still waiting for an answer');
      const alert = await streams
        .get(ticket.assigneeId!)!
        .next((e) => e.event === 'alert' && e.data['ticketId'] === ticket.id);
      latencies.push(alert.receivedAt - started);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    stop();
    for (const stream of streams.values()) stream.close();
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!);
    const p95 = at(0.95);
    return {
      name: `live: ${vendor} event to the sidebar's alert (webhook, refresh, store, push), ${TICKETS} tickets, ${EVENTS} events`,
      figures: { events: EVENTS, 'p50 ms': at(0.5), 'p95 ms': p95, 'max ms': Math.round(latencies.at(-1)!) },
      bound: `p95 <= ${BOUND_MS} ms`,
      ratio: Number((BOUND_MS / Math.max(p95, 1)).toFixed(2)),
      pass: p95 <= BOUND_MS,
    };
  } finally {
    await stack.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const vendor = process.argv[2] === 'freshdesk' ? 'freshdesk' : 'zendesk';
  process.stdout.write(`${JSON.stringify(await benchEventToSidebar(vendor))}\n`);
}
