/**
 * Production shape, as real processes: `frontline serve` and a worker, on PostgreSQL and Redis,
 * a simulated Zendesk account on loopback. An agent signs in with the app's signed-URL token,
 * opens the live stream, and a negative rating at the vendor reaches it through webhook,
 * queue, worker, store and change feed; again after the worker was SIGKILLed and restarted.
 * SIGTERM stops the API promptly even with a stream open.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { signZendeskAppToken } from '@frontline/connector/auth';
import { systemClock } from '@frontline/connector/clock';
import { createSyncStore } from '@frontline/connector/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSimulatedAccount,
  createWebhookSender,
  createZendeskHandlers,
  DEFAULT_ZENDESK_CREDENTIALS,
  generateHistory,
  rateTicket,
  serveSimulator,
  type SimulatorServer,
} from '@frontline/simulators';
import { createFreshSchema, type FreshSchema } from './support/fresh-schema.js';
import { freePort } from './support/free-port.js';
import { startPrivateRedis, type PrivateRedis } from './support/private-redis.js';
import { openSseStream } from '@frontline/connector/http/testing';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BIN = fileURLToPath(new URL('../connector/bin/frontline.js', import.meta.url));
const WORKER = fileURLToPath(new URL('./support/worker-process.ts', import.meta.url));
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('frontline serve and a worker, as processes', () => {
  let redis: PrivateRedis;
  let schema: FreshSchema;
  let simulator: SimulatorServer;
  let api: ChildProcess;
  let worker: ChildProcess;
  let apiUrl: string;
  let env: NodeJS.ProcessEnv;
  const start = Date.now();
  const history = generateHistory({ seed: 5, tickets: 600, days: 20, now: start - 120_000 });
  const account = createSimulatedAccount({ vendor: 'zendesk', history, clock: systemClock });
  const webhookSecret = randomBytes(18).toString('base64url');

  const startWorker = () =>
    spawn(process.execPath, ['--import', 'tsx', WORKER], { env, cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });

  beforeAll(async () => {
    [redis, schema, simulator] = await Promise.all([
      startPrivateRedis(),
      createFreshSchema(),
      serveSimulator(createZendeskHandlers(account)),
    ]);
    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    const secretKey = randomBytes(32).toString('base64');
    env = {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: schema.url,
      REDIS_URL: redis.url,
      FRONTLINE_SECRET_KEY: secretKey,
      FRONTLINE_TEST_CLOCK: `1,${start},${performance.timeOrigin + performance.now() - (Date.now() - start)}`,
      LOG_LEVEL: 'warn',
    };
    const store = await createSyncStore({ databaseUrl: schema.url, dataDir: '.', secretKey });
    await store.migrate();
    await store.addTenant({
      name: 'acme',
      vendor: 'zendesk',
      baseUrl: simulator.url,
      credentials: {
        kind: 'zendesk-token',
        email: DEFAULT_ZENDESK_CREDENTIALS.email,
        token: DEFAULT_ZENDESK_CREDENTIALS.apiToken,
      },
      zigpoll: null,
    });
    await store.updateAccess('acme', {
      webhookSecrets: [webhookSecret],
      zendeskApp: {
        publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        audience: 'installation-1',
        issuer: 'acme.zendesk.com',
      },
    });
    await store.close();
    api = spawn(process.execPath, [BIN, 'serve'], { env, cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
    worker = startWorker();
    const deadline = Date.now() + 60_000;
    for (;;) {
      const health = await fetch(`${apiUrl}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
      if (health === 200) break;
      if (Date.now() > deadline) throw new Error('frontline serve did not become healthy in 60 s');
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 120_000);

  afterAll(async () => {
    worker?.kill('SIGKILL');
    api?.kill('SIGKILL');
    await simulator?.close();
    await account.stop();
    await redis?.stop();
    await schema?.drop();
  });

  it('signs an agent in, streams a negative rating to them, before and after a worker crash, and stops on SIGTERM', async () => {
    const solved = history.agents[1]!;
    const sender = createWebhookSender({ account, url: `${apiUrl}/v1/webhooks/zendesk/acme`, secret: webhookSecret });
    const signInOnce = () => {
      const now = Math.floor(Date.now() / 1000);
      return fetch(`${apiUrl}/v1/auth/zendesk`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          token: signZendeskAppToken(
            { iss: 'acme.zendesk.com', aud: 'installation-1', sub: solved.id, iat: now, exp: now + 300 },
            keys.privateKey,
          ),
        }),
      });
    };
    // Only an agent of the account (as synced) signs in: until the worker's first sync has stored
    // the agents, sign-in answers 403.
    const signInDeadline = Date.now() + 60_000;
    let signIn = await signInOnce();
    while (signIn.status === 403 && Date.now() < signInDeadline) {
      await new Promise((r) => setTimeout(r, 250));
      signIn = await signInOnce();
    }
    expect(signIn.status).toBe(200);
    const session = (await signIn.json()) as { token: string; user: { id: string; role: string } };
    expect(session.user).toMatchObject({ id: String(solved.id), role: 'agent' });

    const truth = account.truth(simulator.url);
    const ticketIds = truth.tickets
      .filter((t) => t.assignee_id === solved.id && t.status === 'solved')
      .map((t) => t.id);
    expect(ticketIds.length).toBeGreaterThanOrEqual(2);
    const stream = await openSseStream(`${apiUrl}/v1/stream?access_token=${session.token}`);
    await stream.next((e) => e.event === 'dashboard', 30_000);
    const stop = sender.start();
    try {
      const deadline = Date.now() + 60_000;
      const rateAndExpect = async (ticketId: number, comment: string) => {
        for (;;) {
          // Until the worker's first sync has stored the ticket, a refresh may be the first to.
          rateTicket(account, ticketId, 'bad', comment);
          const alert = await stream
            .next(
              (e) => e.event === 'alert' && e.data['ticketId'] === String(ticketId) && e.data['comment'] === comment,
              15_000,
            )
            .catch(() => null);
          if (alert !== null) return alert;
          if (Date.now() > deadline) throw new Error(`no alert for ticket ${ticketId}`);
        }
      };
      expect((await rateAndExpect(ticketIds[0]!, 'Nobody answered')).data['kind']).toBe('escalation');

      worker.kill('SIGKILL');
      await once(worker, 'exit');
      worker = startWorker();
      expect((await rateAndExpect(ticketIds[1]!, 'Still nobody')).data['kind']).toBe('escalation');
      expect(sender.deliveries.every((d) => d.status === 202 || d.status === 409)).toBe(true);

      const stopped = Date.now();
      api.kill('SIGTERM');
      const [code] = (await once(api, 'exit')) as [number | null];
      expect(code).toBe(0);
      expect(Date.now() - stopped).toBeLessThan(10_000);
    } finally {
      stop();
      stream.close();
    }
  }, 180_000);
});
