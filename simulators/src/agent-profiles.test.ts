import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROFILE_ARCHETYPES, teamProfiles, type AgentProfileKind } from './agent-profiles.js';
import { generateHistory, type SimHistory } from './history.js';
import { RatingState, TicketFlag, TicketState } from './ticket-table.js';

const NOW = Date.UTC(2026, 10, 20, 9);

describe('teamProfiles', () => {
  it('gives the admin the lead, one fast-but-reopened, one slow-but-loved and one learning agent, the rest steady', () => {
    const profiles = teamProfiles(5, 8);
    expect(profiles[0]!.kind).toBe('lead');
    const kinds = profiles.slice(1).map((p) => p.kind);
    expect(kinds.filter((k) => k === 'steady')).toHaveLength(4);
    for (const kind of ['fast-but-reopened', 'slow-but-loved', 'learning'] as const)
      expect(kinds.filter((k) => k === kind)).toHaveLength(1);
    expect(teamProfiles(5, 8)).toEqual(profiles);
    // Another seed puts them elsewhere (seeds 5 and 6 differ in where the fast agent sits).
    expect(teamProfiles(6, 8).map((p) => p.kind)).not.toEqual(profiles.map((p) => p.kind));
  });

  it('keeps every number within 10 % of its archetype (the share of bad ratings for the rating)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const profile of teamProfiles(seed, 8)) {
        const base = PROFILE_ARCHETYPES[profile.kind];
        for (const key of ['workload', 'firstReplyMinutes', 'reopenRate', 'backAndForth'] as const) {
          expect(profile[key]).toBeGreaterThanOrEqual(base[key] * 0.9);
          expect(profile[key]).toBeLessThanOrEqual(base[key] * 1.1);
        }
        expect(1 - profile.goodRate).toBeGreaterThanOrEqual((1 - base.goodRate) * 0.9 - 1e-9);
        expect(1 - profile.goodRate).toBeLessThanOrEqual((1 - base.goodRate) * 1.1 + 1e-9);
      }
    }
  });
});

/** Per profile kind: median minutes to the first reply, reopened share of replied tickets, good share of ratings. */
function numbersByKind(history: SimHistory) {
  const t = history.tickets;
  const byKind = new Map<
    AgentProfileKind,
    { replies: number[]; replied: number; reopened: number; good: number; rated: number }
  >();
  for (let i = 0; i < t.count; i++) {
    // Escalated tickets move to another agent: they would mix two agents' habits.
    if ((t.assignee[i] ?? 0) === 0 || t.groupStations[i]! > 1 || t.hasFlag(i, TicketFlag.outbound)) continue;
    const kind = history.profiles![t.assignee[i]! - 1]!.kind;
    const entry = byKind.get(kind) ?? { replies: [], replied: 0, reopened: 0, good: 0, rated: 0 };
    byKind.set(kind, entry);
    if (t.firstReplyAt[i]! > 0) {
      entry.replies.push((t.firstReplyAt[i]! - t.createdAt[i]!) / 60);
      if (t.status[i] === TicketState.solved || t.status[i] === TicketState.closed || t.reopens[i]! > 0) {
        entry.replied++;
        if (t.reopens[i]! > 0) entry.reopened++;
      }
    }
    if (t.rating[i] === RatingState.good || t.rating[i] === RatingState.bad) {
      entry.rated++;
      if (t.rating[i] === RatingState.good) entry.good++;
    }
  }
  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? NaN;
  };
  const result = new Map<AgentProfileKind, { firstReply: number; reopenRate: number; csat: number }>();
  for (const [kind, e] of byKind)
    result.set(kind, { firstReply: median(e.replies), reopenRate: e.reopened / e.replied, csat: e.good / e.rated });
  return result;
}

describe('a history made with profiles', () => {
  // Ten thousand tickets, so each agent's numbers rest on hundreds of tickets, not a handful.
  it.each([1, 2, 3])('shows each agent as its profile says (seed %i)', (seed) => {
    const profiles = teamProfiles(seed, 8);
    const history = generateHistory({ seed, tickets: 10_000, days: 60, agents: 8, now: NOW, profiles });
    const n = numbersByKind(history);
    const of = (kind: AgentProfileKind) => n.get(kind)!;
    // First reply medians 8, 35, 70 and 120 business minutes: the fast agent first, the slow one last.
    expect(of('fast-but-reopened').firstReply).toBeLessThan(of('steady').firstReply);
    expect(of('steady').firstReply).toBeLessThan(of('learning').firstReply);
    expect(of('learning').firstReply).toBeLessThan(of('slow-but-loved').firstReply);
    // Reopens 25 %, 15 %, 7 %, 2 %.
    expect(of('fast-but-reopened').reopenRate).toBeGreaterThan(of('learning').reopenRate);
    expect(of('learning').reopenRate).toBeGreaterThan(of('steady').reopenRate);
    expect(of('steady').reopenRate).toBeGreaterThan(of('slow-but-loved').reopenRate);
    // Good ratings 96 %, 82 %, 70 %, 62 %: the slow agent is the best loved.
    expect(of('slow-but-loved').csat).toBeGreaterThan(of('steady').csat);
    expect(of('steady').csat).toBeGreaterThan(of('fast-but-reopened').csat);
    expect(of('fast-but-reopened').csat).toBeGreaterThan(of('learning').csat);
    // Workloads 1.5 (fast), 1 (steady), 0.8 (slow), 0.6 (learning), 0.3 (lead), each within 10 %.
    const tickets = new Map<AgentProfileKind, number[]>();
    for (let i = 0; i < history.tickets.count; i++) {
      const agent = history.tickets.assignee[i]! - 1;
      if (agent < 0 || history.tickets.groupStations[i]! > 1) continue;
      const list = tickets.get(history.profiles![agent]!.kind) ?? [];
      list[agent] = (list[agent] ?? 0) + 1;
      tickets.set(history.profiles![agent]!.kind, list);
    }
    const counts = (kind: AgentProfileKind) => tickets.get(kind)!.filter((c) => c !== undefined);
    expect(Math.min(...counts('fast-but-reopened'))).toBeGreaterThan(Math.max(...counts('steady')));
    expect(Math.min(...counts('steady'))).toBeGreaterThan(Math.max(...counts('learning')));
    expect(Math.min(...counts('learning'))).toBeGreaterThan(Math.max(...counts('lead')));
  });

  it('leaves a history without profiles exactly as it was', () => {
    const plain = generateHistory({ seed: 9, tickets: 2000, days: 30, now: NOW });
    expect(plain.profiles).toBeNull();
    // The fingerprint of these columns before profiles existed.
    const hash = createHash('sha256');
    const t = plain.tickets;
    for (const column of [
      t.createdAt,
      t.updatedAt,
      t.firstReplyAt,
      t.solvedAt,
      t.reopens,
      t.rating,
      t.assignee,
      t.flags,
      t.status,
    ])
      hash.update(Buffer.from(column.buffer, column.byteOffset, column.byteLength));
    expect(hash.digest('hex')).toBe('7a5e474cfe5e724ee27b61793e9f521113f627c729f04830716bc3068aa3e322');
    expect(() =>
      generateHistory({ seed: 9, tickets: 10, days: 30, agents: 8, now: NOW, profiles: teamProfiles(9, 3) }),
    ).toThrow('generateHistory needs a profile for each of the 8 agents; got 3');
  });
});
