/**
 * The conformance suite every {@link SyncStore} passes: run by each implementation's test file
 * against a fresh database per test. Not a test file itself.
 */
import type { Agent, History, Rating, Requester, SurveyAnswer, Ticket } from '@frontline/kpi';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretDecryptionError, SecretKey } from '../secrets/index.js';
import type { SyncedTicket } from '../vendors/index.js';
import { MIGRATIONS } from './migrations/index.js';
import type { NewTenant, SyncStore } from './sync-store.js';
import { TenantExistsError } from './tenant-exists-error.js';
import { TenantNotFoundError } from './tenant-not-found-error.js';

/** One test's database and the ways a test reaches it. */
export interface StoreHarness {
  /** A store on this test's database (not migrated); several may be open at once. */
  open(key: SecretKey): Promise<SyncStore>;
  /** Runs one statement on the database directly, beside any store (to read raw columns). */
  raw<Row extends object>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Closes every store opened and removes the database. */
  dispose(): Promise<void>;
}

const ZENDESK_TOKEN = 'zd-secret-token-3141592653';
const ZENDESK_EMAIL = 'admin@acme.example';
const ZIGPOLL_KEY = 'zigpoll-secret-key-2718281828';

const acme: NewTenant = {
  name: 'acme',
  vendor: 'zendesk',
  baseUrl: 'https://acme.zendesk.com',
  credentials: { kind: 'zendesk-token', email: ZENDESK_EMAIL, token: ZENDESK_TOKEN },
  zigpoll: { apiKey: ZIGPOLL_KEY, accountId: 'acct-7' },
};

const globex: NewTenant = {
  name: 'globex',
  vendor: 'freshdesk',
  baseUrl: 'https://globex.freshdesk.com',
  credentials: { kind: 'freshdesk-key', apiKey: 'fd-secret-key-1618033988' },
  zigpoll: null,
};

const T0 = Date.parse('2026-01-05T09:00:00Z');
const MINUTE = 60_000;

function aTicket(id: string, fields: Partial<Ticket> = {}): Ticket {
  return {
    id,
    requesterId: `requester-${id}`,
    assigneeId: 'agent-1',
    groupId: 'group-1',
    status: 'open',
    createdAt: T0,
    tags: [],
    firstReplyAt: null,
    firstReplyMinutes: null,
    firstReplyBusinessMinutes: null,
    solvedAt: null,
    resolutionMinutes: null,
    resolutionBusinessMinutes: null,
    publicReplies: 0,
    reopens: 0,
    groupStations: null,
    removed: false,
    outbound: false,
    ...fields,
  };
}

function synced(ticket: Ticket, updatedAt: number, repliesKnown = true): SyncedTicket {
  return { ticket, updatedAt, repliesKnown };
}

const checkpoint = (cursor: string, reachedTime: number | null = null) => ({ cursor, done: false, reachedTime });

/** A history using every field and edge the model has, in the order the store returns it. */
function aRichHistory(): History {
  const tickets: Ticket[] = [
    aTicket('t01', {
      status: 'solved',
      tags: ['vip', 'billing', 'with space', 'quote"brace{}', 'ünïcödé'],
      firstReplyAt: T0 + 30 * MINUTE + 123,
      firstReplyMinutes: 30.00205,
      firstReplyBusinessMinutes: 0.1 + 0.2,
      solvedAt: T0 + 120 * MINUTE,
      resolutionMinutes: 120,
      resolutionBusinessMinutes: 95.5,
      publicReplies: 3,
      reopens: 2,
      groupStations: 4,
    }),
    aTicket('t02', { assigneeId: null, groupId: null, status: 'new', createdAt: T0 + 1, requesterId: 'shared' }),
    aTicket('t03', { status: 'hold', createdAt: T0 - 86_400_000 * 400, tags: ['billing'], requesterId: 'shared' }),
    aTicket('t04', { status: 'closed', removed: true, tags: ['spam'] }),
    aTicket('t05', { status: 'pending', groupStations: 0 }),
  ];
  const ratings: Rating[] = [
    {
      id: 'r1',
      ticketId: 't01',
      agentId: 'agent-1',
      requesterId: 'requester-t01',
      at: T0 + 1000,
      answered: true,
      positive: false,
      comment: 'slow, but "fixed" it',
    },
    {
      id: 'r2',
      ticketId: 't02',
      agentId: null,
      requesterId: null,
      at: T0 + 2000,
      answered: false,
      positive: false,
      comment: null,
    },
    {
      id: 'r3',
      ticketId: 't05',
      agentId: 'agent-2',
      requesterId: 'shared',
      at: T0 + 2000,
      answered: true,
      positive: true,
      comment: '',
    },
  ];
  const surveyAnswers: SurveyAnswer[] = [
    { id: 's1', metric: 'nps', score: 9, at: T0 + 10, requesterId: 'shared', requesterEmail: 'shared@example.com' },
    { id: 's2', metric: 'ces', score: 2.5, at: T0 + 20, requesterId: null, requesterEmail: null },
  ];
  const agents: Agent[] = [
    { id: 'agent-1', name: 'Ada Lovelace', email: 'ada@acme.example' },
    { id: 'agent-2', name: 'Grace Hopper', email: null, administersHelpdesk: true },
  ];
  const requesters: Requester[] = [
    { id: 'requester-t01', email: 'one@example.com' },
    { id: 'shared', email: null },
  ];
  return {
    tickets,
    ratings,
    surveyAnswers,
    agents,
    requesters,
    schedule: {
      timeZone: 'Europe/Berlin',
      intervals: [
        { start: 540, end: 1020 },
        { start: 9900, end: 10_260 },
      ],
      holidays: ['2026-01-01', '2026-12-25'],
    },
    ratingsIncludeUnanswered: true,
  };
}

/** Registers the conformance suite for one implementation. */
export function describeSyncStore(name: string, makeHarness: () => Promise<StoreHarness>): void {
  describe(`SyncStore conformance: ${name}`, () => {
    let harness: StoreHarness;
    let key: SecretKey;
    let store: SyncStore;

    beforeEach(async () => {
      harness = await makeHarness();
      key = SecretKey.generate();
      store = await harness.open(key);
    });

    afterEach(async () => {
      await harness.dispose();
    });

    const appliedVersions = async (): Promise<number[]> =>
      (await harness.raw<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).map(
        (row) => row.version,
      );

    describe('migrations', () => {
      it('records every migration once and applies nothing twice', async () => {
        await store.migrate();
        await store.migrate();
        await store.migrate();
        expect(await appliedVersions()).toEqual(MIGRATIONS.map((migration) => migration.version));
      });

      it('lets several processes migrate one new database at once', async () => {
        const stores = [store, ...(await Promise.all([1, 2, 3].map(() => harness.open(key))))];
        await Promise.all(stores.map((each) => each.migrate()));
        expect(await appliedVersions()).toEqual(MIGRATIONS.map((migration) => migration.version));
        const tenant = await stores[1]!.addTenant(acme);
        expect(await stores[3]!.getTenant('acme')).toEqual(tenant);
      });
    });

    describe('migrated', () => {
      beforeEach(async () => {
        await store.migrate();
      });

      describe('tenants', () => {
        it('adds a tenant active, with the default escalation tags, and reads it back', async () => {
          const before = Date.now();
          const tenant = await store.addTenant(acme);
          expect(tenant).toMatchObject({ ...acme, status: 'active', statusReason: null });
          expect(tenant.escalationTags).toEqual(['escalated', 'tier2', 'engineering']);
          expect(tenant.createdAt).toBeGreaterThanOrEqual(before - 5000);
          expect(tenant.createdAt).toBeLessThanOrEqual(Date.now() + 5000);
          expect(await store.getTenant('acme')).toEqual(tenant);
        });

        it('lists tenants by name and returns null for an unknown one', async () => {
          await store.addTenant(globex);
          await store.addTenant(acme);
          expect((await store.listTenants()).map((tenant) => tenant.name)).toEqual(['acme', 'globex']);
          expect(await store.getTenant('initech')).toBeNull();
        });

        it('refuses a second tenant of the same name', async () => {
          await store.addTenant(acme);
          await expect(store.addTenant({ ...globex, name: 'acme' })).rejects.toThrow(TenantExistsError);
        });

        it('stops a tenant with a reason, and new credentials reactivate it', async () => {
          const tenant = await store.addTenant(acme);
          await store.setTenantStatus(tenant.id, 'stopped', 'token revoked: update the credentials');
          expect(await store.getTenant('acme')).toMatchObject({
            status: 'stopped',
            statusReason: 'token revoked: update the credentials',
          });
          const updated = await store.updateCredentials('acme', { kind: 'zendesk-oauth', accessToken: 'new-oauth' });
          expect(updated).toMatchObject({
            id: tenant.id,
            status: 'active',
            statusReason: null,
            credentials: { kind: 'zendesk-oauth', accessToken: 'new-oauth' },
            zigpoll: acme.zigpoll,
          });
          expect(await store.getTenant('acme')).toEqual(updated);
        });

        it('moves a tenant to a new base URL, keeping its history and checkpoints', async () => {
          const tenant = await store.addTenant(acme);
          await store.savePage(
            tenant.id,
            'tickets',
            { tickets: [], ratings: [] },
            { cursor: 'c1', done: false, reachedTime: null },
          );
          const moved = await store.moveTenant('acme', 'http://127.0.0.1:40123');
          expect(moved).toMatchObject({
            id: tenant.id,
            baseUrl: 'http://127.0.0.1:40123',
            credentials: acme.credentials,
          });
          expect(await store.getTenant('acme')).toEqual(moved);
          expect(await store.readCheckpoint(tenant.id, 'tickets')).toMatchObject({ cursor: 'c1' });
          await expect(store.moveTenant('nobody', 'http://127.0.0.1:1')).rejects.toThrow(TenantNotFoundError);
        });

        it('keeps the helpdesk plan the operator named, until it is changed or forgotten', async () => {
          expect((await store.addTenant(acme)).plan).toBeNull();
          await store.addTenant({ ...globex, plan: 'enterprise' });
          expect((await store.getTenant('globex'))?.plan).toBe('enterprise');
          expect((await store.listTenants()).map((t) => [t.name, t.plan])).toEqual([
            ['acme', null],
            ['globex', 'enterprise'],
          ]);
          expect((await store.setTenantPlan('globex', 'pro')).plan).toBe('pro');
          await store.setTenantPlan('globex', null);
          expect((await store.getTenant('globex'))?.plan).toBeNull();
          await expect(store.setTenantPlan('nobody', 'pro')).rejects.toThrow(TenantNotFoundError);
        });

        it('replaces, adds and removes Zigpoll credentials, stored encrypted', async () => {
          const a = await store.addTenant(acme);
          await store.addTenant(globex);
          const replaced = await store.setTenantZigpoll('acme', {
            apiKey: 'zigpoll-new-key-5772156649',
            accountId: 'acct-8',
          });
          expect(replaced).toEqual({ ...a, zigpoll: { apiKey: 'zigpoll-new-key-5772156649', accountId: 'acct-8' } });
          expect(await store.getTenant('acme')).toEqual(replaced);
          const rows = await harness.raw('SELECT zigpoll_credentials FROM tenants WHERE id = $1', [a.id]);
          expect(JSON.stringify(rows)).not.toContain('zigpoll-new-key-5772156649');
          expect((await store.setTenantZigpoll('globex', { apiKey: 'k', accountId: 'g' })).zigpoll).toEqual({
            apiKey: 'k',
            accountId: 'g',
          });
          expect((await store.setTenantZigpoll('acme', null)).zigpoll).toBeNull();
          await expect(store.setTenantZigpoll('nobody', null)).rejects.toThrow(TenantNotFoundError);
        });

        it('reports an unknown tenant on update, status and history', async () => {
          await expect(store.updateCredentials('nobody', { kind: 'zendesk-oauth', accessToken: 'x' })).rejects.toThrow(
            TenantNotFoundError,
          );
          await expect(store.setTenantStatus('00000000-0000-4000-8000-000000000000', 'stopped', null)).rejects.toThrow(
            TenantNotFoundError,
          );
          await expect(store.setTenantStatus('not-an-id', 'stopped', null)).rejects.toThrow(TenantNotFoundError);
          await expect(store.loadHistory('00000000-0000-4000-8000-000000000000')).rejects.toThrow(TenantNotFoundError);
        });
      });

      describe('credentials', () => {
        it('stores credentials encrypted and reads them back decrypted', async () => {
          const tenant = await store.addTenant(acme);
          const rows = await harness.raw<{ credentials: string; zigpoll_credentials: string }>(
            'SELECT credentials, zigpoll_credentials FROM tenants WHERE id = $1',
            [tenant.id],
          );
          const raw = JSON.stringify(rows);
          for (const secret of [ZENDESK_TOKEN, ZENDESK_EMAIL, ZIGPOLL_KEY, 'zendesk-token', 'acct-7']) {
            expect(raw).not.toContain(secret);
          }
          expect(rows[0]?.credentials).toMatch(/^v1:/);
          expect(rows[0]?.zigpoll_credentials).toMatch(/^v1:/);
          expect((await store.getTenant('acme'))?.credentials).toEqual(acme.credentials);
          expect((await store.getTenant('acme'))?.zigpoll).toEqual(acme.zigpoll);
        });

        it('keeps replaced credentials encrypted too', async () => {
          const tenant = await store.addTenant(acme);
          await store.updateCredentials('acme', { kind: 'zendesk-oauth', accessToken: 'oauth-secret-577215' });
          const rows = await harness.raw('SELECT credentials FROM tenants WHERE id = $1', [tenant.id]);
          expect(JSON.stringify(rows)).not.toContain('oauth-secret-577215');
        });

        it('refuses a store opened with another key, saying the key does not match', async () => {
          await store.addTenant(acme);
          const other = await harness.open(SecretKey.generate());
          await expect(other.getTenant('acme')).rejects.toThrow(SecretDecryptionError);
          await expect(other.listTenants()).rejects.toThrow(/secret key does not match/);
          await expect(other.getTenant('acme')).rejects.not.toThrow(ZENDESK_TOKEN);
        });

        it('does not decrypt credentials copied into another tenant', async () => {
          await store.addTenant(acme);
          await store.addTenant({ ...acme, name: 'copycat' });
          await harness.raw(
            "UPDATE tenants SET credentials = (SELECT credentials FROM tenants WHERE name = 'acme') WHERE name = 'copycat'",
          );
          await expect(store.getTenant('copycat')).rejects.toThrow(SecretDecryptionError);
          expect((await store.getTenant('acme'))?.credentials).toEqual(acme.credentials);
        });
      });

      describe('pages', () => {
        it('keeps tenants apart, even with the same ticket ids', async () => {
          const a = await store.addTenant(acme);
          const b = await store.addTenant(globex);
          await store.savePage(
            a.id,
            'tickets',
            { tickets: [synced(aTicket('1', { tags: ['from-a'] }), T0)] },
            checkpoint('a1'),
          );
          await store.savePage(
            b.id,
            'tickets',
            {
              tickets: [synced(aTicket('1', { tags: ['from-b'] }), T0 - 1, false), synced(aTicket('2'), T0, false)],
              agents: [{ id: 'agent-1', name: 'B agent', email: null }],
            },
            checkpoint('b1'),
          );
          await store.saveReplyCounts(a.id, [{ ticketId: '2', count: 7, firstAt: null }]);
          await store.saveSchedule(a.id, aRichHistory().schedule);

          const historyA = await store.loadHistory(a.id);
          const historyB = await store.loadHistory(b.id);
          expect(historyA.tickets.map((t) => [t.id, t.tags])).toEqual([['1', ['from-a']]]);
          expect(historyB.tickets.map((t) => [t.id, t.tags, t.publicReplies])).toEqual([
            ['1', ['from-b'], 0],
            ['2', [], 0],
          ]);
          expect(historyA.agents).toEqual([]);
          expect(historyB.schedule).toBeNull();
          expect(await store.readCheckpoint(a.id, 'tickets')).toEqual(checkpoint('a1'));
          expect(await store.readCheckpoint(b.id, 'tickets')).toEqual(checkpoint('b1'));
          expect(await store.ticketsNeedingReplyCounts(a.id, 0, 10)).toEqual([]);
          expect(await store.ticketsNeedingReplyCounts(b.id, 0, 10)).toEqual(['2', '1']);
        });

        it('saves a page twice to the same rows', async () => {
          const tenant = await store.addTenant(acme);
          const history = aRichHistory();
          const page = {
            tickets: history.tickets.map((ticket) => synced(ticket, T0)),
            ratings: history.ratings,
            agents: history.agents,
            requesters: history.requesters,
            surveyAnswers: history.surveyAnswers,
          };
          await store.savePage(tenant.id, 'tickets', page, checkpoint('c1'));
          const once = await store.loadHistory(tenant.id);
          const count = async (): Promise<number[]> => {
            const rows = await harness.raw<{ n: number }>(
              `SELECT count(*)::int4 AS n FROM tickets UNION ALL SELECT count(*)::int4 FROM ratings
             UNION ALL SELECT count(*)::int4 FROM survey_answers UNION ALL SELECT count(*)::int4 FROM agents
             UNION ALL SELECT count(*)::int4 FROM requesters`,
            );
            return rows.map((row) => row.n);
          };
          const counts = await count();
          await store.savePage(tenant.id, 'tickets', page, checkpoint('c1'));
          expect(await store.loadHistory(tenant.id)).toEqual(once);
          expect(await count()).toEqual(counts);
        });

        it('never lets an older version overwrite a newer one', async () => {
          const tenant = await store.addTenant(acme);
          const newer = aTicket('1', { status: 'solved', solvedAt: T0 + MINUTE, resolutionMinutes: 1 });
          const older = aTicket('1', { status: 'open' });
          await store.savePage(tenant.id, 'tickets', { tickets: [synced(newer, T0 + 2)] }, checkpoint('c2'));
          await store.savePage(tenant.id, 'webhook', { tickets: [synced(older, T0 + 1)] }, checkpoint('w1'));
          expect((await store.loadHistory(tenant.id)).tickets).toEqual([newer]);

          const sameTime = { ...newer, reopens: 1 };
          await store.savePage(tenant.id, 'webhook', { tickets: [synced(sameTime, T0 + 2)] }, checkpoint('w2'));
          expect((await store.loadHistory(tenant.id)).tickets).toEqual([sameTime]);
        });

        it('never lets an older rating overwrite a newer one', async () => {
          const tenant = await store.addTenant(acme);
          const [answered] = aRichHistory().ratings;
          const offered = { ...answered!, at: answered!.at - 1000, answered: false, comment: null };
          await store.savePage(tenant.id, 'ratings', { ratings: [answered!] }, checkpoint('r1'));
          await store.savePage(tenant.id, 'ratings', { ratings: [offered] }, checkpoint('r2'));
          expect((await store.loadHistory(tenant.id)).ratings).toEqual([answered]);
        });

        it('keeps the newest copy when a page repeats a ticket', async () => {
          const tenant = await store.addTenant(acme);
          const first = aTicket('1', { reopens: 1 });
          const second = aTicket('1', { reopens: 2 });
          const stale = aTicket('1', { reopens: 0 });
          await store.savePage(
            tenant.id,
            'tickets',
            { tickets: [synced(first, T0 + 1), synced(second, T0 + 2), synced(stale, T0)] },
            checkpoint('c1'),
          );
          expect((await store.loadHistory(tenant.id)).tickets).toEqual([second]);
        });

        it('saves a page and its checkpoint together or not at all', async () => {
          const tenant = await store.addTenant(acme);
          const original = aTicket('1');
          await store.savePage(tenant.id, 'tickets', { tickets: [synced(original, T0)] }, checkpoint('c1', T0));
          const before = await store.loadHistory(tenant.id);

          // The second ticket breaks a constraint after the first row and the agents were written.
          const broken = { ...aTicket('3'), status: 'archived' } as unknown as Ticket;
          const failing = store.savePage(
            tenant.id,
            'tickets',
            {
              tickets: [
                synced(aTicket('1', { status: 'solved' }), T0 + 5),
                synced(aTicket('2'), T0 + 5),
                synced(broken, T0 + 5),
              ],
              agents: [{ id: 'agent-9', name: 'New', email: null }],
            },
            checkpoint('c2', T0 + 5),
          );
          await expect(failing).rejects.toThrow();
          expect(await store.loadHistory(tenant.id)).toEqual(before);
          expect(await store.readCheckpoint(tenant.id, 'tickets')).toEqual(checkpoint('c1', T0));

          // A failing checkpoint (a cursor that is not text) takes the page's rows back with it.
          const badCheckpoint = { cursor: null, done: false, reachedTime: null } as unknown as ReturnType<
            typeof checkpoint
          >;
          await expect(
            store.savePage(tenant.id, 'tickets', { tickets: [synced(aTicket('2'), T0)] }, badCheckpoint),
          ).rejects.toThrow();
          expect(await store.loadHistory(tenant.id)).toEqual(before);
        });

        it('reads no checkpoint before the first page and the latest after', async () => {
          const tenant = await store.addTenant(acme);
          expect(await store.readCheckpoint(tenant.id, 'tickets')).toBeNull();
          await store.savePage(tenant.id, 'tickets', {}, checkpoint('c1'));
          await store.savePage(tenant.id, 'tickets', {}, { cursor: 'c2', done: true, reachedTime: T0 });
          expect(await store.readCheckpoint(tenant.id, 'tickets')).toEqual({
            cursor: 'c2',
            done: true,
            reachedTime: T0,
          });
          expect(await store.readCheckpoint(tenant.id, 'ratings')).toBeNull();
        });
      });

      describe('reply counts', () => {
        it('lists uncounted tickets newest first since a time, and counts them', async () => {
          const tenant = await store.addTenant(globex);
          await store.savePage(
            tenant.id,
            'tickets',
            {
              tickets: [
                synced(aTicket('old', { createdAt: T0 - 10 * MINUTE }), T0, false),
                synced(aTicket('a', { createdAt: T0 + MINUTE }), T0, false),
                synced(aTicket('b', { createdAt: T0 + 2 * MINUTE }), T0, false),
                synced(aTicket('c', { createdAt: T0 + 3 * MINUTE }), T0, false),
                synced(aTicket('spam', { createdAt: T0 + 4 * MINUTE, removed: true }), T0, false),
              ],
            },
            checkpoint('c1'),
          );
          expect(await store.ticketsNeedingReplyCounts(tenant.id, T0, 10)).toEqual(['c', 'b', 'a']);
          expect(await store.ticketsNeedingReplyCounts(tenant.id, T0, 2)).toEqual(['c', 'b']);
          expect(await store.replyCountCoverage(tenant.id, T0)).toBe(0);

          await store.saveReplyCounts(tenant.id, [
            { ticketId: 'c', count: 4, firstAt: null },
            { ticketId: 'b', count: 0, firstAt: null },
            { ticketId: 'unknown', count: 9, firstAt: null },
          ]);
          expect(await store.ticketsNeedingReplyCounts(tenant.id, T0, 10)).toEqual(['a']);
          expect(await store.replyCountCoverage(tenant.id, T0)).toBeCloseTo(2 / 3);
          expect(await store.replyCountCoverage(tenant.id, T0 + 2 * MINUTE)).toBe(1);
          expect(await store.replyCountCoverage(tenant.id, T0 + 60 * MINUTE)).toBe(1);
          const replies = (await store.loadHistory(tenant.id)).tickets.map((t) => [t.id, t.publicReplies]);
          expect(replies).toEqual([
            ['a', 0],
            ['b', 0],
            ['c', 4],
            ['old', 0],
            ['spam', 0],
          ]);
        });

        it('keeps counted replies when a list page brings the same ticket again', async () => {
          const tenant = await store.addTenant(globex);
          const listed = aTicket('1', { publicReplies: 0 });
          await store.savePage(tenant.id, 'tickets', { tickets: [synced(listed, T0, false)] }, checkpoint('c1'));
          await store.saveReplyCounts(tenant.id, [{ ticketId: '1', count: 5, firstAt: null }]);

          await store.savePage(tenant.id, 'tickets', { tickets: [synced(listed, T0, false)] }, checkpoint('c2'));
          expect((await store.loadHistory(tenant.id)).tickets[0]?.publicReplies).toBe(5);
          expect(await store.ticketsNeedingReplyCounts(tenant.id, 0, 10)).toEqual([]);
        });

        it('asks for a new count when the ticket changed, keeping the last count meanwhile', async () => {
          const tenant = await store.addTenant(globex);
          const listed = aTicket('1');
          await store.savePage(tenant.id, 'tickets', { tickets: [synced(listed, T0, false)] }, checkpoint('c1'));
          await store.saveReplyCounts(tenant.id, [{ ticketId: '1', count: 5, firstAt: null }]);

          const changed = { ...listed, status: 'pending' as const };
          await store.savePage(tenant.id, 'tickets', { tickets: [synced(changed, T0 + 1, false)] }, checkpoint('c2'));
          expect(await store.ticketsNeedingReplyCounts(tenant.id, 0, 10)).toEqual(['1']);
          expect((await store.loadHistory(tenant.id)).tickets).toEqual([{ ...changed, publicReplies: 5 }]);

          // A copy that knows its count (a webhook refresh) replaces the count and settles it.
          const known = { ...changed, publicReplies: 6 };
          await store.savePage(tenant.id, 'webhook', { tickets: [synced(known, T0 + 2, true)] }, checkpoint('w1'));
          expect(await store.ticketsNeedingReplyCounts(tenant.id, 0, 10)).toEqual([]);
          expect((await store.loadHistory(tenant.id)).tickets).toEqual([known]);
        });

        it('takes the first reply from the counted replies when the ticket has none, and keeps it', async () => {
          const tenant = await store.addTenant(globex);
          // Ticket 1 has no first reply in its stats; ticket 2 has one at 09:10.
          const unstamped = aTicket('1');
          const stamped = aTicket('2', { firstReplyAt: T0 + 10 * MINUTE, firstReplyMinutes: 10 });
          const listed = [synced(unstamped, T0 + MINUTE, false), synced(stamped, T0 + MINUTE, false)];
          await store.savePage(tenant.id, 'tickets', { tickets: listed }, checkpoint('c1'));
          await store.saveReplyCounts(tenant.id, [
            { ticketId: '1', count: 2, firstAt: T0 + 45 * MINUTE },
            { ticketId: '2', count: 1, firstAt: T0 + 20 * MINUTE },
          ]);
          const firstReplies = async () =>
            (await store.loadHistory(tenant.id)).tickets.map((t) => [
              t.id,
              t.publicReplies,
              t.firstReplyAt,
              t.firstReplyMinutes,
              t.firstReplyBusinessMinutes,
            ]);
          // 1: 09:00 -> 09:45 is 45 minutes, business minutes left to the engine; 2 keeps its own.
          const expected = [
            ['1', 2, T0 + 45 * MINUTE, 45, null],
            ['2', 1, T0 + 10 * MINUTE, 10, null],
          ];
          expect(await firstReplies()).toEqual(expected);

          // The list brings both again, changed, stats still without ticket 1's first reply.
          const again = [synced(unstamped, T0 + 2 * MINUTE, false), synced(stamped, T0 + 2 * MINUTE, false)];
          await store.savePage(tenant.id, 'tickets', { tickets: again }, checkpoint('c2'));
          expect(await firstReplies()).toEqual(expected);
          // A copy that knows its replies (a vendor that sends them) is the truth, first reply and all.
          await store.savePage(
            tenant.id,
            'webhook',
            { tickets: [synced(unstamped, T0 + 3 * MINUTE)] },
            checkpoint('w'),
          );
          expect((await firstReplies())[0]).toEqual(['1', 0, null, null, null]);
        });

        it('never dates a first reply before the ticket was created', async () => {
          const tenant = await store.addTenant(globex);
          await store.savePage(tenant.id, 'tickets', { tickets: [synced(aTicket('1'), T0, false)] }, checkpoint('c1'));
          await store.saveReplyCounts(tenant.id, [{ ticketId: '1', count: 1, firstAt: T0 - 5 * MINUTE }]);
          const [ticket] = (await store.loadHistory(tenant.id)).tickets;
          expect([ticket?.firstReplyAt, ticket?.firstReplyMinutes]).toEqual([T0, 0]);
        });

        it('takes tickets removed since they were stored out, unless a later copy restored them', async () => {
          const tenant = await store.addTenant(globex);
          const tickets = ['1', '2', '3'].map((id) => synced(aTicket(id), T0));
          await store.savePage(tenant.id, 'tickets', { tickets }, checkpoint('c1'));
          const start = await store.loadHistoryAt(tenant.id);
          await store.savePage(
            tenant.id,
            'tickets:removed',
            {
              removedTickets: [
                { id: '1', updatedAt: T0 + MINUTE },
                { id: 'never-stored', updatedAt: T0 + MINUTE },
                // Older than the stored copy: removed, then restored and changed since.
                { id: '3', updatedAt: T0 - MINUTE },
              ],
            },
            checkpoint('r1'),
          );
          const removed = async () => (await store.loadHistory(tenant.id)).tickets.map((t) => [t.id, t.removed]);
          expect(await removed()).toEqual([
            ['1', true],
            ['2', false],
            ['3', false],
          ]);
          // A live copy learns of it like of any change.
          const changes = await store.loadChanges(tenant.id, start.revision);
          expect(changes.tickets.map((t) => [t.id, t.removed])).toEqual([['1', true]]);

          // A copy listed before the removal does not bring ticket 1 back; one changed after it does.
          await store.savePage(tenant.id, 'tickets', { tickets: [synced(aTicket('1'), T0)] }, checkpoint('c2'));
          expect((await removed())[0]).toEqual(['1', true]);
          await store.savePage(
            tenant.id,
            'tickets',
            { tickets: [synced(aTicket('1'), T0 + 2 * MINUTE)] },
            checkpoint('c3'),
          );
          expect((await removed())[0]).toEqual(['1', false]);
        });

        it('needs no counts where none are missing', async () => {
          const tenant = await store.addTenant(acme);
          expect(await store.replyCountCoverage(tenant.id, 0)).toBe(1);
          await store.savePage(tenant.id, 'tickets', { tickets: [synced(aTicket('1'), T0)] }, checkpoint('c1'));
          expect(await store.replyCountCoverage(tenant.id, 0)).toBe(1);
          expect(await store.ticketsNeedingReplyCounts(tenant.id, 0, 10)).toEqual([]);
        });
      });

      describe('history', () => {
        it('round-trips a model history exactly', async () => {
          const tenant = await store.addTenant(acme);
          const history = aRichHistory();
          // Saved in pieces and out of order: the store orders what it returns.
          await store.savePage(
            tenant.id,
            'tickets',
            {
              tickets: [...history.tickets]
                .reverse()
                .slice(0, 3)
                .map((ticket) => synced(ticket, T0)),
              requesters: history.requesters,
            },
            checkpoint('c1'),
          );
          await store.savePage(
            tenant.id,
            'tickets',
            {
              tickets: [...history.tickets]
                .reverse()
                .slice(3)
                .map((ticket) => synced(ticket, T0)),
              agents: [...history.agents].reverse(),
            },
            checkpoint('c2'),
          );
          await store.savePage(tenant.id, 'ratings', { ratings: [...history.ratings].reverse() }, checkpoint('r1'));
          await store.savePage(tenant.id, 'surveys', { surveyAnswers: history.surveyAnswers }, checkpoint('s1'));
          await store.saveSchedule(tenant.id, history.schedule);

          expect(await store.loadHistory(tenant.id)).toStrictEqual(history);
        });

        it('keeps removed tickets, flagged', async () => {
          const tenant = await store.addTenant(acme);
          const deleted = aTicket('1', { removed: true });
          await store.savePage(tenant.id, 'tickets', { tickets: [synced(aTicket('1'), T0)] }, checkpoint('c1'));
          await store.savePage(tenant.id, 'tickets', { tickets: [synced(deleted, T0 + 1)] }, checkpoint('c2'));
          expect((await store.loadHistory(tenant.id)).tickets).toEqual([deleted]);
        });

        it('takes whether ratings include unanswered surveys from the vendor', async () => {
          const zendesk = await store.addTenant(acme);
          const freshdesk = await store.addTenant(globex);
          expect((await store.loadHistory(zendesk.id)).ratingsIncludeUnanswered).toBe(true);
          expect((await store.loadHistory(freshdesk.id)).ratingsIncludeUnanswered).toBe(false);
        });

        it("keeps the account's own answer on unanswered surveys, and tells live copies when it changes", async () => {
          // A Zendesk account on the current CSAT lists answers only, unlike the vendor's legacy default.
          const tenant = await store.addTenant(acme);
          expect(tenant.ratingsIncludeUnanswered).toBeNull();
          const before = await store.loadHistoryAt(tenant.id);
          await store.saveRatingsIncludeUnanswered(tenant.id, false);
          expect((await store.loadHistory(tenant.id)).ratingsIncludeUnanswered).toBe(false);
          // The tenant says what its last sync found, so a webhook refresh need not ask the account.
          expect((await store.getTenant(acme.name))?.ratingsIncludeUnanswered).toBe(false);
          const changes = await store.loadChanges(tenant.id, before.revision);
          expect(changes.revision).toBeGreaterThan(before.revision);
          expect(changes.ratingsIncludeUnanswered).toBe(false);
          // The same answer again is no change: live copies are not woken every sync.
          await store.saveRatingsIncludeUnanswered(tenant.id, false);
          expect((await store.loadHistoryAt(tenant.id)).revision).toBe(changes.revision);
        });

        it('replaces and removes the schedule', async () => {
          const tenant = await store.addTenant(acme);
          const schedule = aRichHistory().schedule!;
          await store.saveSchedule(tenant.id, schedule);
          const utc = { timeZone: 'UTC', intervals: [{ start: 0, end: 10_080 }], holidays: [] };
          await store.saveSchedule(tenant.id, utc);
          expect((await store.loadHistory(tenant.id)).schedule).toEqual(utc);
          await store.saveSchedule(tenant.id, null);
          expect((await store.loadHistory(tenant.id)).schedule).toBeNull();
        });

        it('reads more tickets than one fetch holds, sharing one frozen empty tag list', async () => {
          const tenant = await store.addTenant(acme);
          const total = 12_345;
          for (let start = 0; start < total; start += 1000) {
            const tickets = Array.from({ length: Math.min(1000, total - start) }, (_, i) =>
              synced(aTicket(String(100_000 + start + i), { tags: (start + i) % 2 === 0 ? [] : ['x'] }), T0),
            );
            await store.savePage(tenant.id, 'tickets', { tickets }, checkpoint(`c${start}`));
          }
          const { tickets } = await store.loadHistory(tenant.id);
          expect(tickets).toHaveLength(total);
          expect(tickets[total - 1]?.id).toBe(String(100_000 + total - 1));
          expect(tickets[0]?.tags).toBe(tickets[2]?.tags);
          expect(Object.isFrozen(tickets[0]?.tags)).toBe(true);
        });

        describe('live changes', () => {
          it('reads only what changed after a revision, whoever wrote it', async () => {
            const tenant = await store.addTenant(acme);
            await store.savePage(
              tenant.id,
              'tickets',
              { tickets: [synced(aTicket('1'), T0), synced(aTicket('2'), T0)] },
              checkpoint('a'),
            );
            const start = await store.loadHistoryAt(tenant.id);
            expect(start.history.tickets.map((t) => t.id)).toEqual(['1', '2']);
            expect((await store.loadChanges(tenant.id, start.revision)).tickets).toEqual([]);

            await store.savePage(
              tenant.id,
              'refresh',
              {
                tickets: [synced(aTicket('2', { status: 'solved' }), T0 + MINUTE), synced(aTicket('1'), T0)],
                ratings: [
                  {
                    id: 'r1',
                    ticketId: '2',
                    agentId: 'agent-1',
                    requesterId: null,
                    at: T0,
                    answered: true,
                    positive: false,
                    comment: 'slow',
                  },
                ],
                agents: [{ id: 'agent-1', name: 'Ann', email: null }],
              },
              checkpoint('b'),
            );
            await store.saveReplyCounts(tenant.id, [{ ticketId: '1', count: 3, firstAt: null }]);
            const changes = await store.loadChanges(tenant.id, start.revision);
            expect(changes.revision).toBeGreaterThan(start.revision);
            expect(changes.tickets.map((t) => [t.id, t.status, t.publicReplies])).toEqual([
              ['1', 'open', 3],
              ['2', 'solved', 0],
            ]);
            expect(changes.ratings.map((r) => r.id)).toEqual(['r1']);
            expect(changes.agents.map((a) => a.name)).toEqual(['Ann']);
            expect((await store.loadChanges(tenant.id, changes.revision)).tickets).toEqual([]);
          });

          it("follows an agent's helpdesk admin role, down as well as up, as a change", async () => {
            const tenant = await store.addTenant(acme);
            const agentsPage = (agents: Agent[]) =>
              store.savePage(tenant.id, 'agents', { agents }, { cursor: '', done: true, reachedTime: null });
            await agentsPage([{ id: 'agent-1', name: 'Ann', email: null, administersHelpdesk: true }]);
            const promoted = await store.loadHistoryAt(tenant.id);
            expect(promoted.history.agents).toEqual([
              { id: 'agent-1', name: 'Ann', email: null, administersHelpdesk: true },
            ]);
            await agentsPage([{ id: 'agent-1', name: 'Ann', email: null }]);
            const changes = await store.loadChanges(tenant.id, promoted.revision);
            expect(changes.agents).toEqual([{ id: 'agent-1', name: 'Ann', email: null }]);
          });

          it('keeps a requester email when a later copy comes without one', async () => {
            const tenant = await store.addTenant(acme);
            await store.savePage(
              tenant.id,
              'a',
              { requesters: [{ id: 'r1', email: 'ann@example.com' }] },
              checkpoint('a'),
            );
            await store.savePage(tenant.id, 'b', { requesters: [{ id: 'r1', email: null }] }, checkpoint('b'));
            expect((await store.loadHistory(tenant.id)).requesters).toEqual([{ id: 'r1', email: 'ann@example.com' }]);
            await store.savePage(
              tenant.id,
              'c',
              { requesters: [{ id: 'r1', email: 'ann@new.example' }] },
              checkpoint('c'),
            );
            expect((await store.loadHistory(tenant.id)).requesters).toEqual([{ id: 'r1', email: 'ann@new.example' }]);
          });

          it("labels tickets with their subject and requester's name, kept when a copy lacks them", async () => {
            const tenant = await store.addTenant(acme);
            await store.savePage(
              tenant.id,
              'a',
              {
                tickets: [
                  { ...synced(aTicket('10', { requesterId: 'r1' }), T0), subject: 'Cannot log in' },
                  { ...synced(aTicket('11', { requesterId: 'r2' }), T0), subject: 'Refund' },
                ],
                requesters: [
                  { id: 'r1', email: 'ann@example.com', name: 'Ann Ample' },
                  { id: 'r2', email: null },
                ],
              },
              checkpoint('a'),
            );
            const { revision } = await store.loadHistoryAt(tenant.id);
            // A later copy without a subject (a read that does not carry it) or a name keeps them;
            // an older copy changes neither.
            await store.savePage(
              tenant.id,
              'b',
              {
                tickets: [
                  synced(aTicket('10', { requesterId: 'r1' }), T0 + MINUTE),
                  {
                    ...synced(aTicket('11', { requesterId: 'r2' }), T0 - MINUTE),
                    subject: 'Old subject',
                  },
                ],
                requesters: [
                  { id: 'r1', email: null, name: null },
                  { id: 'r2', email: null, name: 'Rob Roe' },
                ],
              },
              checkpoint('b'),
            );
            const labels = await store.ticketLabels(tenant.id, ['10', '11', '99']);
            expect(Object.fromEntries(labels)).toEqual({
              '10': { subject: 'Cannot log in', requesterId: 'r1', requesterName: 'Ann Ample' },
              '11': { subject: 'Refund', requesterId: 'r2', requesterName: 'Rob Roe' },
            });
            expect(Object.fromEntries(await store.requesterNames(tenant.id, ['r1', 'r2', 'r3']))).toEqual({
              r1: 'Ann Ample',
              r2: 'Rob Roe',
            });
            // Names stay out of the history the KPIs read, and a new name alone is no change to it.
            const history = await store.loadHistory(tenant.id);
            expect(history.requesters).toEqual([
              { id: 'r1', email: 'ann@example.com' },
              { id: 'r2', email: null },
            ]);
            expect((await store.loadChanges(tenant.id, revision)).requesters).toEqual([]);
            expect(await store.ticketLabels(tenant.id, [])).toEqual(new Map());
          });

          it('does not count an older copy that changed nothing as a change', async () => {
            const tenant = await store.addTenant(acme);
            await store.savePage(
              tenant.id,
              'tickets',
              { tickets: [synced(aTicket('1', { status: 'solved' }), T0 + MINUTE)] },
              checkpoint('a'),
            );
            const { revision } = await store.loadHistoryAt(tenant.id);
            await store.savePage(tenant.id, 'tickets', { tickets: [synced(aTicket('1'), T0)] }, checkpoint('b'));
            expect((await store.loadChanges(tenant.id, revision)).tickets).toEqual([]);
          });

          it('keeps revisions per tenant', async () => {
            const a = await store.addTenant(acme);
            const b = await store.addTenant(globex);
            await store.savePage(a.id, 'tickets', { tickets: [synced(aTicket('1'), T0)] }, checkpoint('a'));
            const changes = await store.loadChanges(b.id, 0);
            expect(changes.tickets).toEqual([]);
            expect(changes.revision).toBe(0);
          });
        });

        describe('access', () => {
          it('stores webhook and app secrets encrypted, and the Zendesk app key as given', async () => {
            await store.addTenant(acme);
            const zendeskApp = {
              publicKeyPem: '-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----',
              audience: 'inst-1',
              issuer: 'acme.zendesk.com',
            };
            const hooks = [
              { kind: 'webhook', id: '01HZWEBHOOK' },
              { kind: 'trigger', id: '360001' },
            ];
            const updated = await store.updateAccess('acme', {
              webhookSecrets: ['whsec-0123456789', 'whsec-ratings'],
              appSecret: 'app-secret-9876',
              zendeskApp,
              hooks,
            });
            expect(updated.access).toEqual({
              webhookSecrets: ['whsec-0123456789', 'whsec-ratings'],
              appSecret: 'app-secret-9876',
              zendeskApp,
              hooks,
            });
            expect((await store.getTenant('acme'))?.access).toEqual(updated.access);
            const [row] = await harness.raw<Record<string, unknown>>('SELECT webhook_secrets, app_secret FROM tenants');
            expect(JSON.stringify(row)).not.toContain('whsec-0123456789');
            expect(JSON.stringify(row)).not.toContain('app-secret-9876');
            const partly = await store.updateAccess('acme', { appSecret: null });
            expect(partly.access).toEqual({
              webhookSecrets: ['whsec-0123456789', 'whsec-ratings'],
              appSecret: null,
              zendeskApp,
              hooks,
            });
            expect((await store.updateAccess('acme', { hooks: null })).access.hooks).toBeNull();
          });

          it('starts with no access set, and refuses an unknown tenant', async () => {
            const tenant = await store.addTenant(globex);
            expect(tenant.access).toEqual({ webhookSecrets: [], appSecret: null, zendeskApp: null, hooks: null });
            await expect(store.updateAccess('nobody', { appSecret: 'x' })).rejects.toBeInstanceOf(TenantNotFoundError);
          });

          it('keeps personal key hashes per tenant and user', async () => {
            const a = await store.addTenant(acme);
            const b = await store.addTenant(globex);
            await store.saveUserKeyHash(a.id, 'u1', 'hash-1');
            await store.saveUserKeyHash(a.id, 'u1', 'hash-2');
            expect(await store.userKeyHash(a.id, 'u1')).toBe('hash-2');
            expect(await store.userKeyHash(b.id, 'u1')).toBeNull();
            expect(await store.userKeyHash('not-a-uuid', 'u1')).toBeNull();
          });
        });

        describe('removing a tenant', () => {
          /** Rows in every table the schema gives a tenant: synced, coaching, roles, keys, revisions. */
          async function fill(tenantId: string): Promise<void> {
            const history = aRichHistory();
            await store.savePage(
              tenantId,
              'tickets',
              {
                tickets: history.tickets.map((ticket) => synced(ticket, T0, false)),
                ratings: history.ratings,
                agents: history.agents,
                requesters: history.requesters,
                surveyAnswers: history.surveyAnswers,
              },
              checkpoint('c1', T0),
            );
            await store.saveReplyCounts(tenantId, [{ ticketId: 't01', count: 3, firstAt: T0 + MINUTE }]);
            await store.saveSchedule(tenantId, history.schedule);
            const note = await store.coaching.addNote(
              tenantId,
              { agentId: 'agent-1', authorId: 'lead-1', ticketId: 't01', kpi: 'csat', body: 'call them back' },
              T0,
            );
            await store.coaching.editNote(tenantId, note.id, { authorId: 'lead-1', body: 'call them today' }, T0 + 1);
            await store.coaching.setTarget(tenantId, { kpi: 'csat', green: 0.9, amber: 0.8 });
            await store.coaching.setRole(tenantId, 'lead-1', 'lead');
            await store.coaching.setHeadline(tenantId, ['csat']);
            await store.saveUserKeyHash(tenantId, 'lead-1', 'hash-of-a-key');
          }

          /** Every table of the schema with a `tenant_id` column: a table added later is counted too. */
          async function tenantTables(): Promise<string[]> {
            const rows = await harness.raw<{ table_name: string }>(
              `SELECT table_name FROM information_schema.columns
               WHERE table_schema = current_schema() AND column_name = 'tenant_id' ORDER BY table_name`,
            );
            return rows.map((row) => row.table_name);
          }

          async function rowsOf(tenantId: string, tables: readonly string[]): Promise<Record<string, number>> {
            const counts: Record<string, number> = {};
            for (const table of tables) {
              const rows = await harness.raw<{ n: number }>(
                `SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`,
                [tenantId],
              );
              counts[table] = rows[0]?.n ?? -1;
            }
            return counts;
          }

          it("deletes the tenant's rows from every table that has them, and nothing of another tenant", async () => {
            const a = await store.addTenant(acme);
            const b = await store.addTenant(globex);
            await fill(a.id);
            await fill(b.id);
            await store.updateAccess('acme', { appSecret: 'app-secret-of-acme-0123456789' });
            const tables = await tenantTables();
            // Each table has rows of the tenant to remove, so a new table needs rows in fill() too.
            const before = await rowsOf(a.id, tables);
            expect(tables.length).toBeGreaterThanOrEqual(14);
            // fact_builds lists a tenant only while its facts are being built: empty after fill().
            expect(Object.entries(before).filter(([table, n]) => n === 0 && table !== 'fact_builds')).toEqual([]);
            const otherBefore = await rowsOf(b.id, tables);
            const otherHistory = await store.loadHistory(b.id);

            await store.removeTenant('acme');

            expect(await rowsOf(a.id, tables)).toEqual(Object.fromEntries(tables.map((table) => [table, 0])));
            expect(await harness.raw('SELECT id FROM tenants WHERE id = $1', [a.id])).toEqual([]);
            expect(await store.getTenant('acme')).toBeNull();
            expect(await rowsOf(b.id, tables)).toEqual(otherBefore);
            expect(await store.loadHistory(b.id)).toEqual(otherHistory);
            expect((await store.listTenants()).map((tenant) => tenant.name)).toEqual(['globex']);
          });

          it('refuses an unknown tenant, and the name can be added again afresh', async () => {
            await expect(store.removeTenant('nobody')).rejects.toThrow(TenantNotFoundError);
            const first = await store.addTenant(acme);
            await fill(first.id);
            await store.removeTenant('acme');
            await expect(store.removeTenant('acme')).rejects.toThrow(TenantNotFoundError);
            const again = await store.addTenant(acme);
            expect(again.id).not.toBe(first.id);
            expect((await store.loadHistory(again.id)).tickets).toEqual([]);
            expect(await store.coaching.listNotes(again.id)).toEqual([]);
          });
        });
      });
    });
  });
}
