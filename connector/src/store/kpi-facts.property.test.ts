import { randomBytes } from 'node:crypto';
import {
  agentKpiSetOf,
  computeKpis,
  EMPTY_TOTALS,
  KPI_KEYS,
  kpiSetOf,
  type BusinessSchedule,
  type History,
  type KpiKey,
  type KpiSet,
  type TimeWindow,
} from '@frontline/kpi';
import { aHistory, historyArb, START, windowArb } from '@frontline/kpi/testing';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretKey } from '../secrets/index.js';
import { PostgresSyncStore } from './postgres-sync-store.js';
import type { PageRows, SyncStore } from './sync-store.js';

// The store's windowed aggregation of per-ticket facts against the engine on the whole history:
// the engine is the independent truth here, and the store's facts are written through its
// ordinary writes, in random order and pages (a requester's later ticket before the earlier,
// ratings before their tickets), with the schedule set before or after the tickets.

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NOW = START + 200 * 86_400_000;
const SCHEDULE: BusinessSchedule = {
  timeZone: 'Europe/Berlin',
  // Monday to Friday, 09:00 to 17:00.
  intervals: [0, 1, 2, 3, 4].map((d) => ({ start: d * 1440 + 540, end: d * 1440 + 1020 })),
  holidays: ['2026-01-06'],
};

let schema: string;
let admin: pg.Client;
let store: SyncStore;
let tenants = 0;

beforeAll(async () => {
  schema = `frontline_facts_${randomBytes(6).toString('hex')}`;
  admin = new pg.Client(DATABASE_URL);
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  store = PostgresSyncStore.connect(url.toString(), SecretKey.generate(), { maxConnections: 4 });
  await store.migrate();
}, 60_000);

afterAll(async () => {
  await store.close();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
});

/** How the history reaches the store: pages in a shuffled order, ratings and answers among them. */
const arrivalArb = fc.record({
  seed: fc.integer(),
  pageSize: fc.integer({ min: 1, max: 25 }),
  scheduleFirst: fc.boolean(),
  withSchedule: fc.boolean(),
});

type Arrival = typeof arrivalArb extends fc.Arbitrary<infer T> ? T : never;

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function storeHistory(history: History, arrival: Arrival): Promise<string> {
  const tenant = await store.addTenant({
    name: `t${++tenants}`,
    vendor: 'freshdesk',
    baseUrl: 'https://t.freshdesk.com',
    credentials: { kind: 'freshdesk-key', apiKey: 'unused' },
    zigpoll: null,
  });
  await store.saveRatingsIncludeUnanswered(tenant.id, history.ratingsIncludeUnanswered);
  if (arrival.withSchedule && arrival.scheduleFirst) await store.saveSchedule(tenant.id, SCHEDULE);
  const pages: PageRows[] = [];
  const tickets = shuffled(history.tickets, arrival.seed);
  for (let i = 0; i < tickets.length; i += arrival.pageSize) {
    pages.push({
      tickets: tickets.slice(i, i + arrival.pageSize).map((ticket) => ({ ticket, updatedAt: 1, repliesKnown: true })),
    });
  }
  for (let i = 0; i < history.ratings.length; i += arrival.pageSize) {
    pages.push({ ratings: history.ratings.slice(i, i + arrival.pageSize) });
  }
  for (let i = 0; i < history.surveyAnswers.length; i += arrival.pageSize) {
    pages.push({ surveyAnswers: history.surveyAnswers.slice(i, i + arrival.pageSize) });
  }
  let n = 0;
  for (const page of shuffled(pages, arrival.seed + 1)) {
    await store.savePage(tenant.id, 'test', page, { cursor: String(++n), done: false, reachedTime: null });
  }
  if (arrival.withSchedule && !arrival.scheduleFirst) await store.saveSchedule(tenant.id, SCHEDULE);
  return tenant.id;
}

/** Equal up to floating-point order of summation (PostgreSQL adds in scan order). */
function expectSameKpis(actual: Partial<KpiSet>, expected: Partial<KpiSet>, label: string): void {
  for (const key of KPI_KEYS) {
    const a = actual[key];
    const e = expected[key];
    if (e === undefined) continue;
    expect(a?.sample, `${label} ${key} sample`).toBe(e.sample);
    if (e.value === null) expect(a?.value, `${label} ${key}`).toBeNull();
    else expect(a?.value, `${label} ${key}`).toBeCloseTo(e.value, 9);
  }
}

describe('KPIs aggregated from the stored facts', () => {
  it('equal the engine on the whole history, for any history, window and order of arrival', async () => {
    await fc.assert(
      fc.asyncProperty(
        historyArb,
        fc.array(windowArb, { minLength: 1, maxLength: 3 }),
        arrivalArb,
        async (generated, windows, arrival) => {
          const history = { ...generated, schedule: arrival.withSchedule ? SCHEDULE : null };
          const tenantId = await storeHistory(history, arrival);
          const expected = computeKpis(history, windows, { now: NOW });
          const actual = await store.windowTotals(tenantId, windows, NOW);
          windows.forEach((window, w) => {
            const label = `window ${new Date(window.from).toISOString()}..${new Date(window.to).toISOString()}`;
            expectSameKpis(kpiSetOf(actual[w]!.team, history.ratingsIncludeUnanswered), expected[w]!.team, label);
            const agents = new Set([...expected[w]!.agents.keys(), ...actual[w]!.agents.keys()]);
            for (const agent of agents) {
              const totals = actual[w]!.agents.get(agent) ?? EMPTY_TOTALS;
              const engine = expected[w]!.agents.get(agent);
              expect(engine, `${label}: agent ${agent} only in the store`).toBeDefined();
              expectSameKpis(agentKpiSetOf(totals, history.ratingsIncludeUnanswered), engine!, `${label} ${agent}`);
            }
          });
        },
      ),
      { numRuns: 60 },
    );
  }, 240_000);

  it("list the engine's tickets behind every value, for the team and each agent", async () => {
    await fc.assert(
      fc.asyncProperty(historyArb, windowArb, arrivalArb, async (history, window, arrival) => {
        const tenantId = await storeHistory(history, { ...arrival, withSchedule: false });
        const [report] = computeKpis(history, [window], { now: NOW, drillDown: true });
        const agents = [null, ...report!.agents.keys()];
        for (const agentId of agents) {
          const keys: readonly KpiKey[] = agentId === null ? KPI_KEYS : KPI_KEYS.filter((k) => k !== 'contact_ratio');
          for (const kpi of keys) {
            const expected = agentId === null ? report!.teamTickets[kpi] : report!.agentTickets.get(agentId)?.[kpi];
            const actual = await store.kpiTickets(tenantId, { kpi, window, now: NOW, agentId });
            const label = `${agentId ?? 'team'} ${kpi}`;
            expect([...actual.sample].sort(), label).toEqual([...(expected?.sample ?? [])].sort());
            expect([...actual.matching].sort(), label).toEqual([...(expected?.matching ?? [])].sort());
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);

  it('follow a ticket removed, restored and moved to another requester', async () => {
    const window: TimeWindow = { from: START, to: START + 30 * 86_400_000 };
    const day = 86_400_000;
    const base = {
      groupId: null,
      tags: [],
      firstReplyBusinessMinutes: null,
      resolutionBusinessMinutes: null,
      publicReplies: 1,
      reopens: 0,
      groupStations: null,
      removed: false,
      outbound: false,
    } as const;
    const first = {
      ...base,
      id: '1',
      requesterId: 'r1',
      assigneeId: 'a1',
      status: 'solved' as const,
      createdAt: START + day,
      firstReplyAt: START + day + 60_000,
      firstReplyMinutes: 1,
      solvedAt: START + 2 * day,
      resolutionMinutes: 1440,
    };
    const second = {
      ...base,
      id: '2',
      requesterId: 'r1',
      assigneeId: 'a2',
      status: 'open' as const,
      createdAt: START + 4 * day,
      firstReplyAt: null,
      firstReplyMinutes: null,
      solvedAt: null,
      resolutionMinutes: null,
    };
    const tenantId = await storeHistory(aHistory(), {
      seed: 1,
      pageSize: 1,
      scheduleFirst: false,
      withSchedule: false,
    });
    const save = (rows: PageRows) =>
      store.savePage(tenantId, 'test', rows, { cursor: 'x', done: false, reachedTime: null });
    const repeat = async () => (await store.windowTotals(tenantId, [window], NOW))[0]!.team;

    // The later ticket first: the earlier one, when it comes, is a repeat contact at once.
    await save({ tickets: [{ ticket: second, updatedAt: 1, repliesKnown: true }] });
    await save({ tickets: [{ ticket: first, updatedAt: 1, repliesKnown: true }] });
    expect(await repeat()).toMatchObject({ repeatEligible: 1, repeated: 1, backlog: 1 });
    // Removed (spam): no longer "another ticket", and out of the backlog.
    await save({ removedTickets: [{ id: '2', updatedAt: 2 }] });
    expect(await repeat()).toMatchObject({ repeatEligible: 1, repeated: 0, backlog: 0 });
    // Restored, then moved to another requester: the first ticket's requester never came back.
    await save({ tickets: [{ ticket: second, updatedAt: 3, repliesKnown: true }] });
    expect(await repeat()).toMatchObject({ repeated: 1, backlog: 1 });
    await save({ tickets: [{ ticket: { ...second, requesterId: 'r2' }, updatedAt: 4, repliesKnown: true }] });
    expect(await repeat()).toMatchObject({ repeated: 0, backlog: 1 });
    // An older copy arriving late changes nothing.
    await save({ tickets: [{ ticket: second, updatedAt: 3, repliesKnown: true }] });
    expect(await repeat()).toMatchObject({ repeated: 0 });
  });
});
