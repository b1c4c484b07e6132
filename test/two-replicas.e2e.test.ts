/**
 * Two API replicas, as real processes with nothing shared but PostgreSQL and Redis: two
 * `frontline serve` and two workers on one schema, a simulated Zendesk account on loopback. An
 * agent's sidebar streams from replica A; a ticket the test solves at the vendor is announced by
 * webhook to replica B, and A's stream shows exactly that solve; so does a target a lead sets on B.
 * A is then SIGKILLed; the sidebar reconnects to B with the session A issued and gets the numbers
 * A last sent.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { signZendeskAppToken } from '@frontline/connector/auth';
import { systemClock } from '@frontline/connector/clock';
import { openSseStream, type SseEvent } from '@frontline/connector/http/testing';
import { createSyncStore } from '@frontline/connector/store';
import {
  createSimulatedAccount,
  createWebhookSender,
  createZendeskHandlers,
  DEFAULT_ZENDESK_CREDENTIALS,
  generateHistory,
  serveSimulator,
} from '@frontline/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedHistory } from './support/expected-history.js';
import { createFreshSchema, type FreshSchema } from './support/fresh-schema.js';
import { freePort } from './support/free-port.js';
import { startFrontline, type FrontlineProcess } from './support/frontline-process.js';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis.js';
import { spawnWorker, type SpawnedWorker } from './support/spawn-worker.js';
import { complete, openStoreProgress } from './support/store-progress.js';
import { until } from './support/until.js';

const TENANT = 'acme';
const ISSUER = 'acme.zendesk.com';
const AUDIENCE = 'installation-1';
const PERIODS = ['today', 'last7Days', 'last30Days'] as const;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

type Dashboard = {
  revision: unknown;
  computedAt: string;
  periods: Record<(typeof PERIODS)[number], { kpis: { solved: { value: number | null; status: string } } }>;
};
const dashboardOf = (event: SseEvent) => event.data as unknown as Dashboard;
/** Solved tickets today, in the last 7 and in the last 30 days (an agent with none has no value). */
const solvedOf = (dashboard: Dashboard) => PERIODS.map((p) => dashboard.periods[p].kpis.solved.value ?? 0);
/** The numbers, without when they were computed: what the agent sees. */
const numbersOf = (dashboard: Dashboard) => {
  const { computedAt: _computedAt, ...numbers } = dashboard;
  return numbers;
};

/** Signs the agent in on `apiUrl` as the Zendesk app does (a token Zendesk signed); answers the session token. */
async function signIn(apiUrl: string, agentId: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const response = await fetch(`${apiUrl}/v1/auth/zendesk`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token: signZendeskAppToken(
        { iss: ISSUER, aud: AUDIENCE, sub: agentId, iat: now, exp: now + 300 },
        keys.privateKey,
      ),
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** The agent's dashboard as `apiUrl` serves it to the session `token`. */
async function dashboardAt(apiUrl: string, token: string): Promise<Dashboard> {
  const response = await fetch(`${apiUrl}/v1/agents/me/dashboard`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Dashboard;
}

describe('two API replicas and two workers on one PostgreSQL schema and one Redis', () => {
  let redis: PrivateRedis;
  let schema: FreshSchema;

  beforeAll(async () => {
    [redis, schema] = await Promise.all([startPrivateRedis(), createFreshSchema()]);
  });

  afterAll(async () => {
    await redis?.stop();
    await schema?.drop();
  });

  it("streams from replica A a solve webhooked to replica B and a target set on B; after A's SIGKILL, B serves A's session the same numbers", async () => {
    // The API runs on the system clock, so the vendor and the workers do too: "today" is one day for all.
    const start = Date.now();
    const history = generateHistory({ seed: 7, tickets: 400, days: 30, now: start - 120_000 });
    const agent = history.agents[1]!;
    const lead = history.agents[2]!;
    const account = createSimulatedAccount({ vendor: 'zendesk', history, clock: systemClock });
    const simulator = await serveSimulator(createZendeskHandlers(account));
    const secretKey = randomBytes(32).toString('base64');
    const webhookSecret = randomBytes(18).toString('base64url');
    const shared = { DATABASE_URL: schema.url, REDIS_URL: redis.url, FRONTLINE_SECRET_KEY: secretKey };
    const replicas: FrontlineProcess[] = [];
    const workers: SpawnedWorker[] = [];
    const progress = await openStoreProgress(schema.url);
    try {
      const store = await createSyncStore({ databaseUrl: schema.url, dataDir: '.', secretKey });
      try {
        await store.migrate();
        await store.addTenant({
          name: TENANT,
          vendor: 'zendesk',
          baseUrl: simulator.url,
          credentials: {
            kind: 'zendesk-token',
            email: DEFAULT_ZENDESK_CREDENTIALS.email,
            token: DEFAULT_ZENDESK_CREDENTIALS.apiToken,
          },
          zigpoll: null,
        });
        const tenant = await store.updateAccess(TENANT, {
          webhookSecrets: [webhookSecret],
          zendeskApp: {
            publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
            audience: AUDIENCE,
            issuer: ISSUER,
          },
        });
        // A lead of the team, as Frontline keeps them: they set its targets.
        await store.coaching.setRole(tenant.id, String(lead.id), 'lead');
      } finally {
        await store.close();
      }

      const urls: string[] = [];
      for (let i = 0; i < 2; i++) {
        const port = await freePort();
        urls.push(`http://127.0.0.1:${port}`);
        replicas.push(startFrontline(['serve'], { ...shared, PORT: String(port), LOG_LEVEL: 'warn' }));
      }
      const [urlA, urlB] = urls as [string, string];
      const [replicaA] = replicas as [FrontlineProcess, FrontlineProcess];
      // The workers' scheduler runs once, at start (the backfill chain goes on by itself): after
      // the backfill, only a webhook brings a change of the account into the store.
      const workerEnv = {
        ...process.env,
        ...shared,
        FRONTLINE_TEST_CLOCK: `1,${start},${performance.timeOrigin + performance.now() - (Date.now() - start)}`,
        FRONTLINE_WORKER_SCHEDULE_MS: String(60 * 60_000),
      };
      workers.push(spawnWorker(workerEnv), spawnWorker(workerEnv));
      await Promise.all([
        ...replicas.map((r) => r.waitFor('frontline API listening', 30_000)),
        ...workers.map((w) => w.ready),
      ]);

      const truth = expectedHistory(account.truth(simulator.url));
      const counts = { tickets: truth.tickets.length, ratings: truth.ratings.length };
      await until('the backfill stored the whole account', 40_000, async () =>
        complete((await progress.read()).get(TENANT), counts),
      );

      const token = await signIn(urlA, agent.id);

      const onA = await openSseStream(`${urlA}/v1/stream?access_token=${token}`, { timeoutMs: 15_000 });
      let onB: Awaited<ReturnType<typeof openSseStream>> | null = null;
      try {
        expect(onA.status).toBe(200);
        const before = solvedOf(dashboardOf(await onA.next((e) => e.event === 'dashboard')));
        // B serves A's session too, and has computed its own view before the change.
        expect(solvedOf(await dashboardAt(urlB, token))).toEqual(before);

        // A new ticket of the agent's, solved at once; the vendor's webhooks go to B only.
        const sender = createWebhookSender({
          account,
          url: `${urlB}/v1/webhooks/zendesk/${TENANT}`,
          secret: webhookSecret,
        });
        const stop = sender.start();
        const ticketId = account.addTicket({ assigneeId: agent.id });
        account.updateTicket(ticketId, { kind: 'solve' });
        stop();
        await sender.settled();
        expect(sender.deliveries.length).toBeGreaterThan(0);
        expect(sender.deliveries.map((d) => d.status)).toEqual(sender.deliveries.map(() => 202));
        const after = before.map((value) => value + 1);

        // The first numbers on A that moved: one more solve in every period, no other solve.
        const changed = await onA.next(
          (e) => e.event === 'dashboard' && solvedOf(dashboardOf(e)).some((value, i) => value !== before[i]),
          20_000,
        );
        expect(solvedOf(dashboardOf(changed))).toEqual(after);
        // B recomputed its own view: it heard of the change as A did.
        await until('replica B serving the solve', 10_000, async () =>
          solvedOf(await dashboardAt(urlB, token)).every((value, i) => value === after[i]),
        );

        // A lead sets a target on B: today's solves, amber at the agent's count, green one above.
        expect(dashboardOf(changed).periods.today.kpis.solved.status).toBe('none');
        const target = await fetch(`${urlB}/v1/targets/solved`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await signIn(urlB, lead.id)}` },
          body: JSON.stringify({ green: after[0]! + 1, amber: after[0] }),
        });
        expect(target.status).toBe(200);
        // No revision moves with a target: A recomputes because B tells it to.
        const judged = await onA.next(
          (e) => e.event === 'dashboard' && dashboardOf(e).periods.today.kpis.solved.status !== 'none',
          10_000,
        );
        expect(dashboardOf(judged).periods.today.kpis.solved.status).toBe('amber');
        expect(solvedOf(dashboardOf(judged))).toEqual(after);

        process.kill(replicaA.child.pid!, 'SIGKILL');
        await replicaA.exited(10_000);
        await onA.ended;
        const lastOnA = onA.events.filter((e) => e.event === 'dashboard').at(-1)!;

        // The sidebar reconnects, to B, with the session A issued.
        onB = await openSseStream(`${urlB}/v1/stream?access_token=${token}`, { timeoutMs: 15_000 });
        expect(onB.status).toBe(200);
        const firstOnB = dashboardOf(await onB.next((e) => e.event === 'dashboard'));
        expect(solvedOf(firstOnB)).toEqual(after);
        expect(firstOnB.periods.today.kpis.solved.status).toBe('amber');
        expect(numbersOf(firstOnB)).toEqual(numbersOf(dashboardOf(lastOnA)));
      } finally {
        onA.close();
        onB?.close();
      }
    } finally {
      await Promise.all([...workers.map((w) => w.kill()), ...replicas.map((r) => r.kill())]);
      await progress.close();
      await simulator.close();
      await account.stop();
    }
  }, 90_000);
});
