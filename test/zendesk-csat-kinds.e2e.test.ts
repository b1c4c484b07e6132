/**
 * Three simulated Zendesk accounts with the same history and the same new answers: one on legacy
 * CSAT, one on the current CSAT (survey responses), one that switched from legacy to current.
 * Synced into PostgreSQL, they give the same `csat` (KPIS.md, "Zendesk CSAT, both kinds"), read
 * back with `frontline kpi --tenant`; and a response reaches the store through the webhook
 * refresh, attributed to the ticket's assignee.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { InProcessQueue, createMemoryTenantLock } from '@frontline/connector/jobs';
import { silentLogger } from '@frontline/connector/logger';
import { createSyncStore, type SyncStore, type Tenant } from '@frontline/connector/store';
import { createJobHandler, syncTenant } from '@frontline/connector/sync';
import { createVendorClient } from '@frontline/connector/vendors';
import { computeKpis } from '@frontline/kpi';
import {
  createManualClock,
  createSimulatedAccount,
  createZendeskHandlers,
  DEFAULT_ZENDESK_CREDENTIALS,
  generateHistory,
  rateTicket,
  type ManualClock,
  type SimulatedAccount,
  type ZendeskCsat,
} from '@frontline/simulators';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshSchema, type FreshSchema } from './support/fresh-schema.js';

const BIN = fileURLToPath(new URL('../connector/bin/frontline.js', import.meta.url));
const START = Date.UTC(2026, 2, 1);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const history = generateHistory({ seed: 41, tickets: 500, days: 30, now: START });
const ALICE = history.agents[0]!.id;
const BOB = history.agents[1]!.id;

const KINDS: Readonly<Record<string, ZendeskCsat>> = {
  legacy: 'legacy',
  current: 'current',
  switched: { switchedAt: START - 10 * DAY },
};

interface Synced {
  readonly account: SimulatedAccount<'zendesk'>;
  readonly clock: ManualClock;
  readonly store: SyncStore;
  readonly tenant: Tenant;
  readonly schema: FreshSchema;
  readonly secretKey: string;
}

const server = setupServer();
const synced = new Map<string, Synced>();

/**
 * The same four answers on every account, just after the generated history: Alice's tickets
 * good and neutral, Bob's bad and skipped (the skipped one is no answer).
 */
function answerFour(account: SimulatedAccount<'zendesk'>): void {
  const answers = [
    [ALICE, 'good'],
    [ALICE, 'neutral'],
    [BOB, 'bad'],
    [BOB, 'skipped'],
  ] as const;
  for (const [assigneeId, score] of answers) {
    const id = account.addTicket({ assigneeId });
    account.updateTicket(id, { kind: 'solve' });
    rateTicket(account, id, score);
  }
}

async function openSynced(kind: string, csat: ZendeskCsat): Promise<Synced> {
  const baseUrl = `https://${kind}.zendesk.test`;
  const clock = createManualClock(START + 2 * MINUTE);
  const account = createSimulatedAccount({ vendor: 'zendesk', history, clock, csat });
  server.use(...createZendeskHandlers(account, { baseUrl }));
  answerFour(account);
  // Past the export's one-minute lag, so the new tickets are in it.
  await clock.advance(2 * MINUTE);
  const schema = await createFreshSchema();
  const secretKey = randomBytes(32).toString('base64');
  const store = await createSyncStore({ databaseUrl: schema.url, dataDir: '.', secretKey });
  await store.migrate();
  const tenant = await store.addTenant({
    name: 'acme',
    vendor: 'zendesk',
    baseUrl,
    credentials: {
      kind: 'zendesk-token',
      email: DEFAULT_ZENDESK_CREDENTIALS.email,
      token: DEFAULT_ZENDESK_CREDENTIALS.apiToken,
    },
    zigpoll: null,
  });
  const client = createVendorClient(tenant, { clock, log: silentLogger });
  const outcome = await syncTenant(tenant, { store, client, surveys: null, clock });
  expect(outcome.caughtUp).toBe(true);
  return { account, clock, store, tenant, schema, secretKey };
}

/** `frontline kpi --tenant acme` against the account's store, as an operator runs it. */
function kpiTenant(of: Synced, from: number, to: number) {
  const result = spawnSync(
    process.execPath,
    [BIN, 'kpi', '--tenant', 'acme', '--from', iso(from), '--to', iso(to), '--now', iso(START + DAY)],
    {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: of.schema.url, FRONTLINE_SECRET_KEY: of.secretKey, REDIS_URL: '' },
    },
  );
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as {
    team: Record<string, { value: number | null; sample: number }>;
    agents: Record<string, Record<string, { value: number | null; sample: number }>>;
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  for (const [kind, csat] of Object.entries(KINDS)) synced.set(kind, await openSynced(kind, csat));
}, 120_000);

afterAll(async () => {
  server.close();
  for (const { store, schema } of synced.values()) {
    await store.close();
    await schema.drop();
  }
});

const of = (kind: string): Synced => synced.get(kind)!;

describe('Zendesk CSAT: legacy, current and switched accounts', () => {
  it('gives the same csat for the same answers on all three, through kpi --tenant', () => {
    // Only the four new answers fall in this hour.
    const from = START + MINUTE;
    const to = START + 60 * MINUTE;
    for (const kind of Object.keys(KINDS)) {
      const { team, agents } = kpiTenant(of(kind), from, to);
      // Answered: good, neutral, bad (skipped is none); positive: good. 1/3.
      expect(team['csat'], kind).toEqual({ value: 1 / 3, sample: 3 });
      // Alice: good, neutral -> 1/2. Bob: bad -> 0/1 (his skipped one is no answer).
      expect(agents[String(ALICE)]?.['csat'], kind).toEqual({ value: 1 / 2, sample: 2 });
      expect(agents[String(BOB)]?.['csat'], kind).toEqual({ value: 0, sample: 1 });
      // Legacy CSAT counts the skipped survey as sent (3 of 4 answered); survey responses list
      // answers only, so the current and switched accounts know no surveys sent.
      expect(team['csat_response_rate'], kind).toEqual(
        kind === 'legacy' ? { value: 3 / 4, sample: 4 } : { value: null, sample: 0 },
      );
    }
  });

  it('keeps both histories of the switched account: the whole month gives the legacy account’s csat', async () => {
    const window = { from: START - 30 * DAY, to: START };
    const csatOf = async (kind: string) => {
      const [report] = computeKpis(await of(kind).store.loadHistory(of(kind).tenant.id), [window], { now: START });
      return report!.team.csat;
    };
    const legacy = await csatOf('legacy');
    expect(legacy.sample).toBeGreaterThan(20);
    expect(await csatOf('switched')).toEqual(legacy);
    expect(await csatOf('current')).toEqual(legacy);
    // The switched store holds legacy records and survey responses, both.
    const ids = (await of('switched').store.loadHistory(of('switched').tenant.id)).ratings.map((r) => r.id);
    expect(ids.some((id) => id.startsWith('survey-response:'))).toBe(true);
    expect(ids.some((id) => /^\d+$/.test(id))).toBe(true);
  });

  it("stores a survey response through the webhook refresh, before any poll, credited to the ticket's assignee", async () => {
    const { account, clock, store, tenant } = of('current');
    const ticketId = account.addTicket({ assigneeId: BOB });
    account.updateTicket(ticketId, { kind: 'solve' });
    rateTicket(account, ticketId, 'good');
    const handle = createJobHandler({
      store,
      queue: new InProcessQueue(clock),
      lock: createMemoryTenantLock(),
      clock,
      log: silentLogger,
      clientFor: (t) => createVendorClient(t, { clock, log: silentLogger }),
      surveysFor: () => null,
    });
    await handle({ kind: 'refresh-ticket', tenant: 'acme', ticketId: String(ticketId) });

    const stored = await store.loadHistory(tenant.id);
    expect(stored.ratings.filter((r) => r.ticketId === String(ticketId))).toEqual([
      expect.objectContaining({ agentId: null, answered: true, positive: true }),
    ]);
    const [report] = computeKpis(stored, [{ from: START + MINUTE, to: START + 60 * MINUTE }], { now: START + DAY });
    // Bob: the earlier bad one and this good one -> 1/2.
    expect(report!.agents.get(String(BOB))?.csat).toEqual({ value: 1 / 2, sample: 2 });
  });
});
