import { describe, expect, it } from 'vitest';
import { createSimulatedAccount } from './account.js';
import { generateHistory } from './history.js';
import { createManualClock } from './manual-clock.js';
import type { TicketEvent } from './ticket-events.js';
import { TicketState } from './ticket-table.js';

const NOW = Date.UTC(2026, 2, 1);
const history = generateHistory({ seed: 31, tickets: 300, days: 30, now: NOW });

function zendesk() {
  const clock = createManualClock(NOW + 60_000);
  return { clock, account: createSimulatedAccount({ vendor: 'zendesk', history, clock }) };
}

describe('simulated account', () => {
  it('leaves the history it was made from untouched', () => {
    const { account } = zendesk();
    const before = history.tickets.updatedAt[0];
    account.updateTicket(1, { kind: 'delete' });
    expect(history.tickets.updatedAt[0]).toBe(before);
    expect(history.tickets.flags[0]).not.toBe(account.state.table.flags[0]);
  });

  it('bumps updated_at and generated_timestamp on every change', async () => {
    const { account, clock } = zendesk();
    const id = account.addTicket({ assigneeId: history.agents[1]!.id });
    const created = account.truth().tickets.find((t) => t.id === id)!;
    expect(created.status).toBe('open');
    for (const change of [
      { kind: 'reply' },
      { kind: 'customer-message' },
      { kind: 'solve' },
      { kind: 'rate', score: 'bad', comment: 'slow' },
      { kind: 'reopen' },
    ] as const) {
      await clock.advance(60_000);
      account.updateTicket(id, change);
      const ticket = account.truth().tickets.find((t) => t.id === id)!;
      expect(ticket.generated_timestamp).toBe(Math.floor(clock.now() / 1000));
      expect(ticket.updated_at).toBe(
        new Date(Math.floor(clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      );
    }
    const truth = account.truth();
    const ticket = truth.tickets.find((t) => t.id === id)!;
    const metrics = truth.metricSets.find((m) => m.ticket_id === id)!;
    expect(ticket.status).toBe('open');
    expect(metrics).toMatchObject({ replies: 1, reopens: 1, solved_at: null, reply_time_in_minutes: { calendar: 1 } });
    expect(truth.satisfactionRatings.find((r) => r.ticket_id === id)).toMatchObject({ score: 'bad', comment: 'slow' });
    expect(truth.comments[id]!.map((c) => c.public)).toEqual([true, true, true, true]);
  });

  it('updates a rating record in place when an offered survey is answered', () => {
    const { account } = zendesk();
    const id = account.addTicket({ assigneeId: history.agents[0]!.id });
    account.updateTicket(id, { kind: 'solve' });
    account.updateTicket(id, { kind: 'rate', score: 'offered' });
    const offered = account.truth().satisfactionRatings.filter((r) => r.ticket_id === id);
    account.updateTicket(id, { kind: 'rate', score: 'good' });
    const answered = account.truth().satisfactionRatings.filter((r) => r.ticket_id === id);
    expect(offered).toHaveLength(1);
    expect(answered).toHaveLength(1);
    expect(answered[0]).toMatchObject({ id: offered[0]!.id, score: 'good', created_at: offered[0]!.created_at });
  });

  it("names an agent's newest open ticket, as the vendor's API shows it", () => {
    const { account } = zendesk();
    const agent = history.agents[2]!;
    const id = account.addTicket({ assigneeId: agent.id });
    const truth = account.truth();
    const ticket = truth.tickets.find((t) => t.id === id)!;
    expect(ticket.status).toBe('open');
    expect(account.openTicketOf(agent.id)).toEqual({ id, requesterId: ticket.requester_id });
    account.updateTicket(id, { kind: 'solve' });
    const next = account.openTicketOf(agent.id);
    expect(next?.id).not.toBe(id);
    if (next !== null) {
      const shown = account.truth().tickets.find((t) => t.id === next.id)!;
      expect([shown.assignee_id, shown.status]).toEqual([agent.id, 'open']);
    }
    expect(account.openTicketOf(-1)).toBeNull();
  });

  it('refuses changes that do not fit the ticket', () => {
    const { account } = zendesk();
    const closed = account.truth().tickets.find((t) => t.status === 'closed')!;
    expect(() => account.updateTicket(closed.id, { kind: 'reply' })).toThrow(/closed/);
    const open = account.truth().tickets.find((t) => t.status === 'open')!;
    expect(() => account.updateTicket(open.id, { kind: 'reopen' })).toThrow(/not solved/);
    expect(() => account.updateTicket(99_999, { kind: 'note' })).toThrow(/no ticket/);
  });

  it('runs live traffic on the clock and stops', async () => {
    const { account, clock } = zendesk();
    const before = account.state.table.count;
    const logBefore = account.state.log.length;
    account.startLiveTraffic({ ticketsPerMinute: 6, updatesPerMinute: 30 });
    await clock.advance(10 * 60_000);
    const added = account.state.table.count - before;
    const changes = account.state.log.length - logBefore;
    expect(added).toBeGreaterThan(30);
    expect(added).toBeLessThan(100);
    expect(changes - added).toBeGreaterThan(200);
    await account.stop();
    const count = account.state.table.count;
    await clock.advance(10 * 60_000);
    expect(account.state.table.count).toBe(count);
  });

  it('tells onChange listeners of every change, with the ticket before and after, until they stop', async () => {
    const { account, clock } = zendesk();
    const events: TicketEvent[] = [];
    const stop = account.onChange((event) => events.push(event));
    const id = account.addTicket({ assigneeId: null });
    await clock.advance(60_000);
    account.updateTicket(id, { kind: 'assign', agentId: history.agents[2]!.id });
    expect(() => account.updateTicket(id, { kind: 'reopen' })).toThrow(/not solved/);
    expect(events.map((e) => [e.ticketId, e.change.kind, e.before?.status ?? null, e.after.status])).toEqual([
      [id, 'create', null, TicketState.new],
      [id, 'assign', TicketState.new, TicketState.open],
    ]);
    expect(events[1]).toMatchObject({ atSec: Math.floor(clock.now() / 1000), after: { assignee: 3, removed: false } });

    // Live traffic goes through the same seam: one event per change it logs.
    const logBefore = account.state.log.length;
    account.startLiveTraffic({ ticketsPerMinute: 6, updatesPerMinute: 30 });
    await clock.advance(5 * 60_000);
    await account.stop();
    const live = events.length - 2;
    expect(live).toBe(account.state.log.length - logBefore);
    expect(live).toBeGreaterThan(20);
    stop();
    account.updateTicket(id, { kind: 'note' });
    expect(events).toHaveLength(2 + live);
  });

  it('gives a Freshdesk truth with stats, conversations, ratings, agents and business hours', () => {
    const account = createSimulatedAccount({ vendor: 'freshdesk', history, clock: createManualClock(NOW) });
    const truth = account.truth();
    expect(truth.tickets).toHaveLength(300);
    expect(truth.tickets.every((t) => t.stats !== undefined && t.requester?.email)).toBe(true);
    expect(Object.keys(truth.conversations)).toHaveLength(300);
    expect(truth.satisfactionRatings.length).toBeGreaterThan(20);
    expect(truth.agents).toHaveLength(history.agents.length);
    expect(truth.businessHours.filter((b) => b.is_default)).toHaveLength(1);
  });
});
