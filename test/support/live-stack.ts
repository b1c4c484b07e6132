/**
 * The live path end to end, for tests and benchmarks: a simulated vendor account on loopback
 * HTTP that delivers webhooks, the connector's API listening, a worker taking refresh jobs from
 * BullMQ, on a private Redis and a fresh PostgreSQL schema; the store starts with the account's
 * history as a finished sync would have left it.
 */
import { randomBytes } from 'node:crypto';
import { SessionTokens, type Role } from '@frontline/connector/auth';
import type { Clock } from '@frontline/connector/clock';
import { readEnv } from '@frontline/connector/env';
import { createServer } from '@frontline/connector/http';
import { silentLogger } from '@frontline/connector/logger';
import { openRuntime } from '@frontline/connector/main';
import type { Tenant } from '@frontline/connector/store';
import { createJobHandler } from '@frontline/connector/sync';
import type { FastifyInstance } from 'fastify';
import {
  createFreshdeskHandlers,
  createSimulatedAccount,
  createWebhookSender,
  createZendeskHandlers,
  DEFAULT_FRESHDESK_API_KEY,
  DEFAULT_ZENDESK_CREDENTIALS,
  generateHistory,
  serveSimulator,
  type SimulatedAccount,
  type SimulatorServer,
  type WebhookSender,
} from '@frontline/simulators';
import { expectedHistory } from './expected-history.js';
import { createFreshSchema, type FreshSchema } from './fresh-schema.js';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';

export type Runtime = Awaited<ReturnType<typeof openRuntime>>;

export interface LiveStack {
  readonly vendor: 'zendesk' | 'freshdesk';
  readonly account: SimulatedAccount;
  readonly runtime: Runtime;
  readonly tenant: Tenant;
  /** The API's base URL. */
  readonly apiUrl: string;
  /** Where the account's webhooks go. */
  readonly webhookUrl: string;
  /** The webhook secret (Zendesk: signing secret; Freshdesk: the rule's header value). */
  readonly webhookSecret: string;
  /** Delivers the account's webhooks to the API. */
  readonly sender: WebhookSender;
  /** A session token, as sign-in would give it. */
  tokenFor(userId: string, role: Role): string;
  /** Starts taking jobs (refreshes) from the queue; once started, later calls do nothing. */
  startWorker(concurrency?: number): void;
  close(): Promise<void>;
}

export async function openLiveStack(
  vendor: 'zendesk' | 'freshdesk',
  options: {
    readonly clock: Clock;
    readonly tickets: number;
    readonly days: number;
    /** Origins of pages that play the helpdesk around the Zendesk app (FRONTLINE_FRAME_ANCESTORS). */
    readonly frameAncestors?: readonly string[];
  },
): Promise<LiveStack> {
  const { clock } = options;
  const history = generateHistory({
    seed: 21,
    tickets: options.tickets,
    days: options.days,
    now: clock.now() - 120_000,
  });
  const account = createSimulatedAccount({ vendor, history, clock });
  const simulator: SimulatorServer = await serveSimulator(
    account.vendor === 'zendesk'
      ? createZendeskHandlers(account as Parameters<typeof createZendeskHandlers>[0])
      : createFreshdeskHandlers(account as Parameters<typeof createFreshdeskHandlers>[0]),
  );
  let redis: PrivateRedis | null = null;
  let schema: FreshSchema | null = null;
  let runtime: Runtime | null = null;
  let app: FastifyInstance | null = null;
  const workers: { close(): Promise<void> }[] = [];
  const close = async () => {
    await app?.close();
    await Promise.all(workers.map((w) => w.close()));
    await runtime?.close();
    await redis?.stop();
    await schema?.drop();
    await simulator.close();
    await account.stop();
  };
  try {
    redis = await startPrivateRedis();
    schema = await createFreshSchema();
    runtime = await openRuntime(
      readEnv({
        DATABASE_URL: schema.url,
        REDIS_URL: redis.url,
        FRONTLINE_SECRET_KEY: randomBytes(32).toString('base64'),
        FRONTLINE_FRAME_ANCESTORS: options.frameAncestors?.join(' '),
      }),
      { clock, log: silentLogger, claimMs: 2_000 },
    );
    const webhookSecret = randomBytes(18).toString('base64url');
    await runtime.store.addTenant({
      name: 'acme',
      vendor,
      baseUrl: simulator.url,
      credentials:
        vendor === 'zendesk'
          ? {
              kind: 'zendesk-token',
              email: DEFAULT_ZENDESK_CREDENTIALS.email,
              token: DEFAULT_ZENDESK_CREDENTIALS.apiToken,
            }
          : { kind: 'freshdesk-key', apiKey: DEFAULT_FRESHDESK_API_KEY },
      zigpoll: null,
    });
    const tenant = await runtime.store.updateAccess('acme', { webhookSecrets: [webhookSecret] });
    // The store as a finished sync leaves it; a refresh's copy (newer) replaces each ticket.
    const truth = expectedHistory(account.truth(simulator.url));
    await runtime.store.savePage(
      tenant.id,
      'seed',
      {
        tickets: truth.tickets.map((ticket) => ({ ticket, updatedAt: 0, repliesKnown: true })),
        ratings: truth.ratings.map((r) => ({ ...r, at: Math.min(r.at, clock.now()) })),
        agents: history.agents.map((a) => ({ id: String(a.id), name: a.name, email: a.email })),
      },
      { cursor: 'seed', done: true, reachedTime: null },
    );
    app = await createServer(runtime);
    const apiUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const webhookUrl = `${apiUrl}/v1/webhooks/${vendor}/acme`;
    const sessions = new SessionTokens(runtime.sessionKey, () => clock.now(), 60 * 60_000);
    const ready = runtime;
    return {
      vendor,
      account,
      runtime: ready,
      tenant,
      apiUrl,
      webhookUrl,
      webhookSecret,
      sender: createWebhookSender({ account, url: webhookUrl, secret: webhookSecret }),
      tokenFor: (userId, role) => sessions.issue({ tenantId: tenant.id, userId, role }).token,
      startWorker(concurrency = 4) {
        if (workers.length > 0) return;
        workers.push(ready.queue.work(createJobHandler(ready), { concurrency }));
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
