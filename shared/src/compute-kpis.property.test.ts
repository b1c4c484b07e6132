import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeKpis } from './compute-kpis.js';
import { KPI_DEFINITIONS, KPI_KEYS, type KpiKey } from './kpi-keys.js';
import type { Ticket } from './model.js';
import { historyArb, SPAN, START, windowArb } from './testing/index.js';

const NOW = START + 2 * SPAN;
const RATE_KEYS = KPI_KEYS.filter((k) => KPI_DEFINITIONS[k].unit === 'rate');
const COUNTED_SAMPLES: KpiKey[] = [
  'solved',
  'first_reply_time_median',
  'full_resolution_time_median',
  'one_touch_rate',
  'reopen_rate',
  'csat',
  'csat_response_rate',
  'repeat_contact_rate',
  'escalation_rate',
  'nps',
  'ces',
];

describe('computeKpis invariants', () => {
  it('keeps every rate within [0, 1] and every value null exactly when its sample is empty', () => {
    fc.assert(
      fc.property(historyArb, windowArb, (history, window) => {
        const [report] = computeKpis(history, [window], { now: NOW });
        for (const set of [report!.team, ...report!.agents.values()]) {
          for (const [key, kpi] of Object.entries(set)) {
            if (key === 'solved' || key === 'backlog') continue;
            expect(kpi.value === null, key).toBe(kpi.sample === 0);
          }
          for (const key of RATE_KEYS) {
            const value = (set as Record<string, { value: number | null }>)[key]?.value ?? null;
            if (value !== null) expect(value >= 0 && value <= 1, key).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps medians and means within the smallest and largest value of their sample', () => {
    fc.assert(
      fc.property(historyArb, windowArb, (history, window) => {
        const [report] = computeKpis(history, [window], { now: NOW, drillDown: true });
        const byId = new Map(history.tickets.map((t) => [t.id, t]));
        const check = (key: KpiKey, ids: readonly string[], minutes: (t: Ticket) => number) => {
          const value = report!.team[key].value;
          if (value === null) return;
          const values = ids.map((id) => minutes(byId.get(id)!));
          expect(value).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
          expect(value).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
        };
        const replied = report!.teamTickets.first_reply_time_median?.sample ?? [];
        const solved = report!.teamTickets.full_resolution_time_median?.sample ?? [];
        check('first_reply_time_median', replied, (t) => t.firstReplyMinutes!);
        check('first_reply_time_mean', replied, (t) => t.firstReplyMinutes!);
        check('full_resolution_time_median', solved, (t) => t.resolutionMinutes!);
        const nps = report!.team.nps.value;
        if (nps !== null) expect(nps >= -100 && nps <= 100).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('adds up counts when a window is split in two', () => {
    fc.assert(
      fc.property(historyArb, windowArb, fc.double({ min: 0, max: 1, noNaN: true }), (history, window, cut) => {
        const middle = Math.floor(window.from + (window.to - window.from) * cut);
        fc.pre(middle > window.from && middle < window.to);
        const [whole, left, right] = computeKpis(
          history,
          [window, { from: window.from, to: middle }, { from: middle, to: window.to }],
          { now: NOW },
        );
        for (const key of COUNTED_SAMPLES) {
          expect(left!.team[key].sample + right!.team[key].sample, key).toBe(whole!.team[key].sample);
          for (const [agent, set] of whole!.agents) {
            const k = key as Exclude<KpiKey, 'contact_ratio'>;
            const parts = (left!.agents.get(agent)?.[k].sample ?? 0) + (right!.agents.get(agent)?.[k].sample ?? 0);
            expect(parts, `${agent} ${key}`).toBe(set[k].sample);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never lists a ticket as both solved and backlog, and counts as solved what is solved now', () => {
    fc.assert(
      fc.property(historyArb, windowArb, (history, window) => {
        const [report] = computeKpis(history, [window], { now: NOW, drillDown: true });
        const solved = report!.teamTickets.solved?.sample ?? [];
        const backlog = new Set(report!.teamTickets.backlog?.sample ?? []);
        expect(solved.filter((id) => backlog.has(id))).toEqual([]);
        const solvedNow = history.tickets.filter(
          (t) =>
            !t.removed &&
            !t.outbound &&
            (t.status === 'solved' || t.status === 'closed') &&
            t.solvedAt !== null &&
            t.solvedAt >= window.from &&
            t.solvedAt < window.to,
        );
        expect(report!.team.solved.value).toBe(solvedNow.length);
        expect([...solved].sort()).toEqual(solvedNow.map((t) => t.id).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('gives the team at least as many samples as any one agent', () => {
    fc.assert(
      fc.property(historyArb, windowArb, (history, window) => {
        const [report] = computeKpis(history, [window], { now: NOW });
        for (const set of report!.agents.values()) {
          for (const [key, kpi] of Object.entries(set)) {
            expect(kpi.sample, key).toBeLessThanOrEqual(report!.team[key as KpiKey].sample);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
