import { describe, expect, it } from 'vitest';
import { createManualClock } from './manual-clock.js';
import { createSimulatedAccount } from './account.js';
import { generateHistory } from './history.js';
import { RatingState, TicketFlag, TicketState } from './ticket-table.js';

const NOW = Date.UTC(2026, 2, 1);
const DAY = 86_400;

describe('generateHistory', () => {
  const history = generateHistory({ seed: 42, tickets: 5000, days: 90, now: NOW });
  const t = history.tickets;

  it('gives the same history for the same seed and another for another seed', () => {
    const again = generateHistory({ seed: 42, tickets: 5000, days: 90, now: NOW });
    const other = generateHistory({ seed: 43, tickets: 5000, days: 90, now: NOW });
    expect(Buffer.from(again.tickets.updatedAt.buffer).equals(Buffer.from(t.updatedAt.buffer))).toBe(true);
    expect(Buffer.from(other.tickets.updatedAt.buffer).equals(Buffer.from(t.updatedAt.buffer))).toBe(false);
  });

  it('creates the tickets in order within the window, every event before now', () => {
    const nowSec = NOW / 1000;
    for (let i = 0; i < t.count; i++) {
      const created = t.createdAt[i]!;
      expect(created).toBeGreaterThanOrEqual(nowSec - 90 * DAY);
      if (i > 0) expect(created).toBeGreaterThanOrEqual(t.createdAt[i - 1]!);
      expect(t.updatedAt[i]).toBeGreaterThanOrEqual(created);
      expect(t.updatedAt[i]).toBeLessThanOrEqual(nowSec);
      for (const column of [t.firstReplyAt, t.solvedAt, t.closedAt, t.ratingAnsweredAt]) {
        const at = column[i]!;
        if (at > 0) {
          expect(at).toBeGreaterThanOrEqual(created);
          expect(at).toBeLessThanOrEqual(t.updatedAt[i]!);
        }
      }
    }
  });

  it('has a realistic shape: mostly replied and solved, some reopened, escalated, rated and returning', () => {
    let solved = 0;
    let rated = 0;
    let offeredOnly = 0;
    let reopened = 0;
    let escalated = 0;
    let replied = 0;
    let removed = 0;
    let returning = 0;
    const lastSolveOf = new Map<number, number>();
    for (let i = 0; i < t.count; i++) {
      const status = t.status[i];
      if (status === TicketState.solved || status === TicketState.closed) solved++;
      if (t.rating[i] === RatingState.good || t.rating[i] === RatingState.bad) rated++;
      if (t.rating[i] === RatingState.offered) offeredOnly++;
      if (t.reopens[i]! > 0) reopened++;
      if (t.groupStations[i]! >= 2) {
        escalated++;
        expect(t.hasFlag(i, TicketFlag.tagTier2) || t.hasFlag(i, TicketFlag.tagEscalated)).toBe(true);
      }
      if (t.replies[i]! > 0) replied++;
      expect(t.replies[i]).toBeLessThanOrEqual(4);
      if (t.hasFlag(i, TicketFlag.deleted | TicketFlag.spam)) removed++;
      const previous = lastSolveOf.get(t.requester[i]!);
      if (previous !== undefined && t.createdAt[i]! - previous <= 7 * DAY && t.createdAt[i]! >= previous) returning++;
      if (t.solvedAt[i]! > 0) lastSolveOf.set(t.requester[i]!, t.solvedAt[i]!);
    }
    const share = (n: number): number => n / t.count;
    expect(share(replied)).toBeGreaterThan(0.85);
    expect(share(solved)).toBeGreaterThan(0.8);
    expect(rated / solved).toBeGreaterThan(0.15);
    expect(rated / solved).toBeLessThan(0.25);
    expect(offeredOnly).toBeGreaterThan(0);
    expect(share(reopened)).toBeGreaterThan(0.03);
    expect(share(escalated)).toBeGreaterThan(0.03);
    expect(share(removed)).toBeLessThan(0.02);
    expect(share(returning)).toBeGreaterThan(0.03);
  });

  it('has what real accounts have besides customer tickets: outbound e-mails and unstamped first replies', () => {
    let outbound = 0;
    let outboundClosed = 0;
    let unstamped = 0;
    for (let i = 0; i < t.count; i++) {
      if (t.hasFlag(i, TicketFlag.firstReplyUnstamped)) {
        unstamped++;
        // Only a ticket with a reply can lack its stamp.
        expect(t.firstReplyAt[i]).toBeGreaterThan(0);
      }
      if (!t.hasFlag(i, TicketFlag.outbound)) continue;
      outbound++;
      // Written by its agent: assigned, never replied to by an agent, no survey.
      expect([t.assignee[i], t.replies[i], t.firstReplyAt[i], t.rating[i]]).toEqual([
        expect.any(Number),
        0,
        0,
        RatingState.none,
      ]);
      expect(t.assignee[i]).toBeGreaterThan(0);
      if (t.status[i] === TicketState.closed) {
        outboundClosed++;
        expect([t.solvedAt[i], t.closedAt[i]]).toEqual([t.createdAt[i], t.createdAt[i]]);
      } else {
        // Left open, the customer wrote back.
        expect([t.status[i], t.customerMessages[i], t.solvedAt[i]]).toEqual([TicketState.open, 1, 0]);
      }
    }
    // 2 % of 5000 tickets, most closed at once; 3 % of the rest lack the stamp.
    expect(outbound).toBeGreaterThan(50);
    expect(outbound).toBeLessThan(150);
    expect(outboundClosed / outbound).toBeGreaterThan(0.6);
    expect(unstamped).toBeGreaterThan(75);
    expect(unstamped).toBeLessThan(225);
  });

  it('keeps Berlin business hours with holidays', () => {
    expect(history.businessSchedule.timeZone).toBe('Europe/Berlin');
    expect(history.businessSchedule.intervals).toHaveLength(5);
    expect(history.businessSchedule.holidays).toContain('2026-01-01');
    expect(history.businessSchedule.holidays).toContain('2025-12-25');
  });

  it('derives messages consistent with the ticket counts and milestones', () => {
    const account = createSimulatedAccount({ vendor: 'freshdesk', history, clock: createManualClock(NOW) });
    for (let i = 0; i < 2000; i++) {
      const messages = account.state.messages(i);
      expect(messages.filter((m) => m.kind === 'reply')).toHaveLength(t.replies[i]!);
      expect(messages.filter((m) => m.kind === 'customer')).toHaveLength(t.customerMessages[i]!);
      expect(messages.filter((m) => m.kind === 'note')).toHaveLength(t.notes[i]!);
      const replies = messages.filter((m) => m.kind === 'reply').map((m) => m.at);
      if (replies.length > 0) expect(Math.min(...replies)).toBe(t.firstReplyAt[i]);
      for (const message of messages) {
        expect(message.at).toBeGreaterThanOrEqual(t.createdAt[i]!);
        expect(message.at).toBeLessThanOrEqual(t.updatedAt[i]!);
      }
    }
  });
});
