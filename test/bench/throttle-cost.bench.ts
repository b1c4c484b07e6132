/**
 * What throttling costs the agent dashboard: its p99 at 500 requests/s with throttling in place
 * and without, under the same load, bound: the difference under 1 ms.
 *
 * One API process (dashboard-server.ts) serves the same API twice, with throttling (attempts
 * counted in Redis, as replicas count them) and without. Each is loaded the same way: the
 * dashboard at 500 requests/s, and beside it a stream of failed sign-ins and webhooks from one
 * address (100/s, wrong secrets), so the throttle's checks and counts run on the dashboard's
 * event loop (the throttled API soon answers them 429). The rounds alternate, their order
 * swapped every round so a drift in the machine's load (other processes) falls on both sides,
 * and each side's figure is the median of its rounds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createSyncStore } from '@frontline/connector/store';
import autocannon from 'autocannon';
import { createFreshSchema } from '../support/fresh-schema.js';
import type { BenchResult } from './bench-result.js';
import { pagesOfHistory } from './dashboard-latency.bench.js';

/** Fewer tickets than the dashboard's own benchmark: the difference is measured, not the dashboard. */
const TICKETS = 100_000;
const RATE = 500;
const ATTEMPTS_RATE = 100;
const SECONDS = 10;
const ROUNDS = 4;
const BOUND_MS = 1;
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

interface Round {
  readonly dashboard: autocannon.Result;
  readonly attempts: autocannon.Result;
}

/** The dashboard at RATE and failed attempts at ATTEMPTS_RATE, at once, for `duration` seconds. */
async function load(url: string, token: string, duration = SECONDS): Promise<Round> {
  const [dashboard, attempts] = await Promise.all([
    autocannon({
      url: `${url}/v1/agents/me/dashboard`,
      connections: 20,
      overallRate: RATE,
      duration,
      headers: { authorization: `Bearer ${token}` },
    }),
    autocannon({
      url,
      connections: 4,
      overallRate: ATTEMPTS_RATE,
      duration,
      requests: [
        {
          method: 'POST',
          path: '/v1/auth/freshdesk',
          headers: { 'content-type': 'application/json', 'x-frontline-app-secret': 'a-wrong-guess' },
          body: JSON.stringify({ tenant: 'acme', agentId: 'agent-7' }),
        },
        {
          method: 'POST',
          path: '/v1/webhooks/freshdesk/acme',
          headers: { 'content-type': 'application/json', 'x-frontline-webhook-secret': 'a-wrong-guess' },
          body: JSON.stringify({ freshdesk_webhook: { ticket_id: 1 } }),
        },
      ],
    }),
  ]);
  if (dashboard.non2xx > 0 || dashboard.errors > 0) {
    throw new Error(`the dashboard answered ${dashboard.non2xx} non-2xx and ${dashboard.errors} errors under load`);
  }
  return { dashboard, attempts };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
};
const round2 = (n: number) => Number(n.toFixed(2));

export async function benchThrottleCost(): Promise<BenchResult> {
  const schema = await createFreshSchema();
  const secretKey = randomBytes(32).toString('base64');
  let server: ChildProcess | null = null;
  try {
    const store = await createSyncStore({ databaseUrl: schema.url, dataDir: '.', secretKey });
    await store.migrate();
    const tenant = await store.addTenant({
      name: 'acme',
      vendor: 'freshdesk',
      baseUrl: 'https://acme.freshdesk.com',
      credentials: { kind: 'freshdesk-key', apiKey: 'unused' },
      zigpoll: null,
    });
    await store.updateAccess('acme', {
      appSecret: randomBytes(24).toString('base64url'),
      webhookSecrets: [randomBytes(24).toString('base64url')],
    });
    let page = 0;
    for (const rows of pagesOfHistory(Date.now(), 5_000, TICKETS)) {
      await store.savePage(tenant.id, 'bench', rows, { cursor: String(++page), done: false, reachedTime: null });
    }
    await store.close();

    server = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./dashboard-server.ts', import.meta.url))],
      {
        env: {
          ...process.env,
          DATABASE_URL: schema.url,
          FRONTLINE_SECRET_KEY: secretKey,
          REDIS_URL,
          FRONTLINE_BENCH_AGENT: 'agent-7',
          FRONTLINE_BENCH_UNTHROTTLED: '1',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const [line] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
    const ready = JSON.parse(line) as { url: string; unthrottledUrl: string; token: string };

    // Warm-ups first (JIT, sockets), as a server that has been up a while would be.
    await load(ready.unthrottledUrl, ready.token, 5);
    await load(ready.url, ready.token, 5);
    const without: Round[] = [];
    const throttled: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const runWithout = async () => without.push(await load(ready.unthrottledUrl, ready.token));
      const runWith = async () => throttled.push(await load(ready.url, ready.token));
      if (i % 2 === 0) await runWithout().then(runWith);
      else await runWith().then(runWithout);
    }
    const p99Without = median(without.map((r) => r.dashboard.latency.p99));
    const p99With = median(throttled.map((r) => r.dashboard.latency.p99));
    const refused = (rounds: Round[], status: string) =>
      rounds.reduce(
        (n, r) => n + ((r.attempts.statusCodeStats as Record<string, { count: number }>)[status]?.count ?? 0),
        0,
      );
    if (refused(throttled, '429') === 0) throw new Error('the throttled API never answered 429: is throttling on?');
    const difference = p99With - p99Without;
    return {
      name: `API: what throttling costs the agent dashboard's p99 (${RATE} requests/s, beside ${ATTEMPTS_RATE}/s failed attempts)`,
      figures: {
        'p99 ms without throttling': round2(p99Without),
        'p99 ms with throttling': round2(p99With),
        'difference ms': round2(difference),
        'p50 ms without': round2(median(without.map((r) => r.dashboard.latency.p50))),
        'p50 ms with': round2(median(throttled.map((r) => r.dashboard.latency.p50))),
        'failed attempt p99 ms without (checked, 401)': round2(median(without.map((r) => r.attempts.latency.p99))),
        'failed attempt p99 ms with (held back, 429)': round2(median(throttled.map((r) => r.attempts.latency.p99))),
        'attempts answered 401 without': refused(without, '401'),
        'attempts answered 429 with': refused(throttled, '429'),
        'p99 ms of each round without': without.map((r) => r.dashboard.latency.p99).join(' '),
        'p99 ms of each round with': throttled.map((r) => r.dashboard.latency.p99).join(' '),
      },
      bound: `p99 with throttling - p99 without < ${BOUND_MS} ms`,
      ratio: round2(BOUND_MS / Math.max(difference, 0.01)),
      pass: difference < BOUND_MS,
    };
  } finally {
    if (server !== null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    await schema.drop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await benchThrottleCost())}\n`);
}
