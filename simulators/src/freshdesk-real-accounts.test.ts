/**
 * A sync from a simulated Freshdesk account into a real store (PGlite), of what real accounts
 * send: outbound e-mails, a first reply the stats leave unstamped, a custom status, and tickets
 * marked spam or deleted after the sync stored them. The KPIs are worked out by hand below.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@frontline/connector/clock';
import { createSyncStore, type SyncStore, type Tenant } from '@frontline/connector/store';
import { syncTenant } from '@frontline/connector/sync';
import { reportEachOnce, type UnknownValue } from '@frontline/connector/vendors';
import { createFreshdeskClient } from '@frontline/connector/vendors/freshdesk';
import { computeKpis, type AgentKpiSet, type KpiSet } from '@frontline/kpi';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimulatedAccount, type SimulatedAccount } from './account.js';
import { createFreshdeskHandlers, DEFAULT_FRESHDESK_API_KEY } from './freshdesk-handlers.js';
import { generateHistory } from './history.js';

const BASE = 'https://acme.freshdesk.com';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Monday 2026-02-02 09:00 UTC: the account's first ticket. */
const S = Date.UTC(2026, 1, 2, 9);
const WINDOW = { from: Date.UTC(2026, 1, 2), to: Date.UTC(2026, 1, 3) };
/** Every solve's 7 days have passed. */
const KPI_NOW = Date.UTC(2026, 1, 12);

/** Time that moves when the test says so, and at once when the sync waits (rate limits, polls). */
function steppingClock(start: number): Clock & { at(time: number): void } {
  let now = start;
  return {
    now: () => now,
    at: (time) => void (now = Math.max(now, time)),
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        now += Math.max(0, ms);
        setImmediate(resolve);
      }),
  };
}

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('a Freshdesk account as real ones are, synced into the store', () => {
  let dir: string;
  let store: SyncStore;
  let tenant: Tenant;
  let tenants = 0;

  // One embedded database for the file (creating one takes seconds), a tenant of its own per test.
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'frontline-fd-real-'));
    store = await createSyncStore({ dataDir: dir, secretKey: Buffer.alloc(32, 7).toString('base64') });
    await store.migrate();
  });

  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    tenant = await store.addTenant({
      name: `acme-${++tenants}`,
      vendor: 'freshdesk',
      baseUrl: BASE,
      credentials: { kind: 'freshdesk-key', apiKey: DEFAULT_FRESHDESK_API_KEY },
      zigpoll: null,
    });
  });

  /**
   * Agents Alice (a1) and Bob (a2), requesters r0-r5, and seven tickets made at S + the offsets
   * below ("FR" first public reply, minutes from creation):
   *
   * | ticket | requester, agent | what | FR | solve |
   * | A | r0, a1 | customer ticket | +30 m (30) | +2 h (120) |
   * | B | r1, a1 | stats leave first_responded_at null; replies at +55 m and +1 h 30 | 45, from conversations | +3 h 10 (180) |
   * | C | r0, a2 | outbound e-mail, closed at once, 30 minutes after A's solve | none | at creation |
   * | D | r2, a2 | outbound e-mail, left open | none | none |
   * | E | r3, a1 | custom status 7 (hold) after a reply | +4 h 20 (20) | none |
   * | F | r4, a2 | customer ticket; marked spam after the first sync | +5 h 10 (10) | +6 h (60) |
   * | G | r5, a2 | customer ticket; deleted after the first sync | +6 h 30 (60) | none (pending) |
   */
  function anAccount() {
    const clock = steppingClock(S);
    const history = generateHistory({ seed: 12, tickets: 0, days: 30, now: S, agents: 2, requesters: 6 });
    const account = createSimulatedAccount({ vendor: 'freshdesk', history, clock });
    server.use(...createFreshdeskHandlers(account, { baseUrl: BASE }));
    const [a1, a2] = history.agents.map((agent) => agent.id);
    const r = (index: number) => history.requesters.id(index);
    const step = (offset: number, change: () => void) => {
      clock.at(S + offset);
      change();
    };
    const ids: Record<string, number> = {};
    step(0, () => (ids.A = account.addTicket({ requesterId: r(0), assigneeId: a1! })));
    step(10 * MINUTE, () => {
      ids.B = account.addTicket({ requesterId: r(1), assigneeId: a1!, firstReplyUnstamped: true });
    });
    step(30 * MINUTE, () => account.updateTicket(ids.A!, { kind: 'reply' }));
    step(55 * MINUTE, () => account.updateTicket(ids.B!, { kind: 'reply' }));
    step(90 * MINUTE, () => account.updateTicket(ids.B!, { kind: 'reply' }));
    step(2 * HOUR, () => account.updateTicket(ids.A!, { kind: 'solve' }));
    step(150 * MINUTE, () => {
      ids.C = account.addTicket({ requesterId: r(0), assigneeId: a2!, outbound: 'closed' });
    });
    step(3 * HOUR, () => (ids.D = account.addTicket({ requesterId: r(2), assigneeId: a2!, outbound: 'open' })));
    step(190 * MINUTE, () => account.updateTicket(ids.B!, { kind: 'solve' }));
    step(4 * HOUR, () => (ids.E = account.addTicket({ requesterId: r(3), assigneeId: a1! })));
    step(260 * MINUTE, () => account.updateTicket(ids.E!, { kind: 'reply' }));
    step(265 * MINUTE, () => account.updateTicket(ids.E!, { kind: 'hold' }));
    step(5 * HOUR, () => (ids.F = account.addTicket({ requesterId: r(4), assigneeId: a2! })));
    step(310 * MINUTE, () => account.updateTicket(ids.F!, { kind: 'reply' }));
    step(330 * MINUTE, () => (ids.G = account.addTicket({ requesterId: r(5), assigneeId: a2! })));
    step(6 * HOUR, () => account.updateTicket(ids.F!, { kind: 'solve' }));
    step(390 * MINUTE, () => account.updateTicket(ids.G!, { kind: 'reply' }));
    clock.at(S + 7 * HOUR);
    return { clock, account, ids, a1: String(a1), a2: String(a2) };
  }

  async function sync(account: SimulatedAccount, clock: Clock, unknown: UnknownValue[] = []) {
    const client = createFreshdeskClient({
      tenant: 'acme',
      baseUrl: BASE,
      apiKey: DEFAULT_FRESHDESK_API_KEY,
      clock,
      onUnknownValue: reportEachOnce((value) => void unknown.push(value)),
    });
    const outcome = await syncTenant(tenant, { store, client, surveys: null, clock });
    expect(outcome.caughtUp).toBe(true);
  }

  async function kpis(): Promise<{ team: KpiSet; agents: ReadonlyMap<string, AgentKpiSet> }> {
    const [report] = computeKpis(await store.loadHistory(tenant.id), [WINDOW], { now: KPI_NOW });
    return { team: report!.team, agents: report!.agents };
  }

  it('stores outbound e-mails as such, the first reply from conversations, and the custom status as unsolved', async () => {
    const { clock, account, ids, a1, a2 } = anAccount();
    const unknown: UnknownValue[] = [];
    await sync(account, clock, unknown);

    const stored = new Map((await store.loadHistory(tenant.id)).tickets.map((t) => [t.id, t]));
    expect(stored.get(String(ids.C))).toMatchObject({ outbound: true, status: 'closed', resolutionMinutes: 0 });
    expect(stored.get(String(ids.D))).toMatchObject({ outbound: true, status: 'open' });
    expect(stored.get(String(ids.B))).toMatchObject({
      publicReplies: 2,
      firstReplyAt: S + 55 * MINUTE,
      firstReplyMinutes: 45,
    });
    expect(stored.get(String(ids.E))?.status).toBe('open');
    expect(unknown).toEqual([{ field: 'status', value: 7, readAs: 'unsolved' }]);

    const { team, agents } = await kpis();
    // First replies: F 10, E 20, A 30, B 45, G 60 (C and D have none): median 30, mean 165 / 5 = 33.
    expect(team.first_reply_time_median).toEqual({ value: 30, sample: 5 });
    expect(team.first_reply_time_mean).toEqual({ value: 33, sample: 5 });
    // Alice: A 30, B 45, E 20 -> median 30; Bob: F 10, G 60 -> (10 + 60) / 2 = 35.
    expect(agents.get(a1)?.first_reply_time_median).toEqual({ value: 30, sample: 3 });
    expect(agents.get(a2)?.first_reply_time_median).toEqual({ value: 35, sample: 2 });
    // Unsolved at the window's end: D (outbound, still Bob's work), E (custom status), G (pending).
    expect(team.backlog).toEqual({ value: 3, sample: 3 });
    expect(agents.get(a1)?.backlog).toEqual({ value: 1, sample: 1 });
    expect(agents.get(a2)?.backlog).toEqual({ value: 2, sample: 2 });
  });

  it('takes a stored ticket marked spam and another deleted out of every KPI at the next sync', async () => {
    const { clock, account, ids, a2 } = anAccount();
    await sync(account, clock);
    const before = await kpis();
    expect(before.team.first_reply_time_median).toEqual({ value: 30, sample: 5 });

    clock.at(S + 8 * HOUR);
    account.updateTicket(ids.F!, { kind: 'spam' });
    account.updateTicket(ids.G!, { kind: 'delete' });
    // The removed tickets are read at most every 5 minutes: the next sync, an hour on, reads them.
    clock.at(S + 9 * HOUR);
    await sync(account, clock);

    const removed = (await store.loadHistory(tenant.id)).tickets.filter((t) => t.removed).map((t) => t.id);
    expect(removed.sort()).toEqual([String(ids.F), String(ids.G)].sort());
    const after = await kpis();
    // First replies left: E 20, A 30, B 45 -> median 30, mean 95 / 3.
    expect(after.team.first_reply_time_median).toEqual({ value: 30, sample: 3 });
    expect(after.team.first_reply_time_mean).toEqual({ value: 95 / 3, sample: 3 });
    // Bob had F and G only among first replies; his backlog keeps D alone.
    expect(after.agents.get(a2)?.first_reply_time_median).toEqual({ value: null, sample: 0 });
    expect(after.team.backlog).toEqual({ value: 2, sample: 2 });
    expect(after.agents.get(a2)?.backlog).toEqual({ value: 1, sample: 1 });
    // Created in the window, customer tickets or not: 7 before, 5 after (F and G gone).
    expect(before.team.escalation_rate.sample - after.team.escalation_rate.sample).toBe(2);
  });

  // The sync stores the flags; the engine's "Real accounts" rules (outbound tickets no customer
  // contacts, solved only while solved now) make these numbers.
  it('leaves outbound e-mails out of the customer KPIs, before and after the removals', async () => {
    const { clock, account, ids } = anAccount();
    await sync(account, clock);
    const before = (await kpis()).team;
    // Solved now: A, B, F (C is outbound). Resolution: A 120, B 180, F 60 -> median 120.
    expect(before.solved).toEqual({ value: 3, sample: 3 });
    expect(before.full_resolution_time_median).toEqual({ value: 120, sample: 3 });
    // One-touch: A (1 reply) and F (1) of A, B (2 replies), F: 2 / 3.
    expect(before.one_touch_rate).toEqual({ value: 2 / 3, sample: 3 });
    // A's requester wrote again 30 minutes after its solve, but C is Bob's outbound e-mail: 0 of 3.
    expect(before.repeat_contact_rate).toEqual({ value: 0, sample: 3 });
    // Customer tickets A, B, E, F, G from 5 requesters.
    expect(before.escalation_rate).toEqual({ value: 0, sample: 5 });
    expect(before.contact_ratio).toEqual({ value: 1, sample: 5 });

    clock.at(S + 8 * HOUR);
    account.updateTicket(ids.F!, { kind: 'spam' });
    account.updateTicket(ids.G!, { kind: 'delete' });
    clock.at(S + 9 * HOUR);
    await sync(account, clock);
    const after = (await kpis()).team;
    // Solved: A, B. Resolution (120 + 180) / 2 = 150. One-touch: A of A, B.
    expect(after.solved).toEqual({ value: 2, sample: 2 });
    expect(after.full_resolution_time_median).toEqual({ value: 150, sample: 2 });
    expect(after.one_touch_rate).toEqual({ value: 0.5, sample: 2 });
    expect(after.contact_ratio).toEqual({ value: 1, sample: 3 });
  });
});
