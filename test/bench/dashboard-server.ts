/**
 * The connector's API over a prepared PostgreSQL store, in a process of its own, beside a bare
 * Fastify route: the latency benchmark loads both from another process, so the load generator
 * does not share their event loop. Reads DATABASE_URL and FRONTLINE_SECRET_KEY like `frontline
 * serve`, and FRONTLINE_BENCH_TENANT / FRONTLINE_BENCH_AGENT. Warms the tenant (loads its
 * history, computes its view), then prints one JSON line: both URLs and a session token.
 * With FRONTLINE_BENCH_TENANTS (names, comma-separated) it also prints a token for every agent of
 * each and a lead's, and `GET {bareUrl}/stats` tells its RSS and event-loop delay.
 * With FRONTLINE_BENCH_UNTHROTTLED=1 it also serves the same API without throttling
 * (`unthrottledUrl`), in the same process, so the two are compared on equal terms; the
 * throttled one then counts in Redis under keys of this run only, which expire on their own.
 * Stops on SIGTERM.
 */
import { SessionTokens } from '@frontline/connector/auth';
import { readEnv } from '@frontline/connector/env';
import { createRedisAttemptCounter, createServer } from '@frontline/connector/http';
import { silentLogger } from '@frontline/connector/logger';
import { openRuntime } from '@frontline/connector/main';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const runtime = await openRuntime(readEnv(process.env), { log: silentLogger });
const tenant = await runtime.store.getTenant(process.env['FRONTLINE_BENCH_TENANT'] ?? 'acme');
if (tenant === null) throw new Error('the benchmark tenant is missing');
const comparing = process.env['FRONTLINE_BENCH_UNTHROTTLED'] === '1';
const redis = comparing && runtime.env.redisUrl !== null ? new Redis(runtime.env.redisUrl) : null;
const app = await createServer(
  redis === null
    ? runtime
    : { ...runtime, attempts: createRedisAttemptCounter(redis, `frontline-bench:${randomBytes(6).toString('hex')}`) },
);
const url = await app.listen({ port: 0, host: '127.0.0.1' });
const unthrottled = comparing ? await createServer({ ...runtime, attempts: null }) : null;
const unthrottledUrl = await unthrottled?.listen({ port: 0, host: '127.0.0.1' });
const bare = Fastify({ logger: false });
bare.get('/bare', async () => ({ ok: true }));
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
// The process's own figures, on the bare server (outside the API's routes): RSS and the event
// loop's delay since the last reset.
bare.get('/stats', async (request) => {
  const stats = {
    rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    loopP99Ms: Number((delay.percentile(99) / 1e6).toFixed(1)),
    loopMaxMs: Number((delay.max / 1e6).toFixed(1)),
  };
  if ((request.query as Record<string, string>)['reset'] === '1') delay.reset();
  return stats;
});
const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

const sessions = new SessionTokens(runtime.sessionKey, () => Date.now(), 60 * 60_000);
const { token } = sessions.issue({
  tenantId: tenant.id,
  userId: process.env['FRONTLINE_BENCH_AGENT'] ?? 'agent-1',
  role: 'agent',
});
const started = Date.now();
const warm = await app.inject({
  method: 'GET',
  url: '/v1/agents/me/dashboard',
  headers: { authorization: `Bearer ${token}` },
});
if (warm.statusCode !== 200) throw new Error(`warm-up answered ${warm.statusCode}: ${warm.body}`);
const warmMs = Date.now() - started;
await unthrottled?.inject({
  method: 'GET',
  url: '/v1/agents/me/dashboard',
  headers: { authorization: `Bearer ${token}` },
});
// FRONTLINE_BENCH_TENANTS: every agent of each named tenant gets a token, and each tenant a lead's.
const tokens: Record<string, { lead: string; agents: string[] }> = {};
for (const name of (process.env['FRONTLINE_BENCH_TENANTS'] ?? '').split(',').filter(Boolean)) {
  const each = await runtime.store.getTenant(name);
  if (each === null) throw new Error(`the benchmark tenant ${name} is missing`);
  const agents = await runtime.store.listAgents(each.id);
  tokens[name] = {
    lead: sessions.issue({ tenantId: each.id, userId: agents[0]!.id, role: 'lead' }).token,
    agents: agents.map((a) => sessions.issue({ tenantId: each.id, userId: a.id, role: 'agent' }).token),
  };
}
process.stdout.write(
  `${JSON.stringify({ url, bareUrl, unthrottledUrl, token, tokens, warmMs, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) })}\n`,
);

const gcs: number[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push(e.duration);
}).observe({ entryTypes: ['gc'] });
process.once('SIGTERM', () => {
  gcs.sort((a, b) => b - a);
  process.stderr.write(
    `loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms max ${(delay.max / 1e6).toFixed(1)} ms; gc count ${gcs.length}, longest ${gcs
      .slice(0, 8)
      .map((d) => d.toFixed(1))
      .join(', ')} ms\n`,
  );
  void Promise.all([app.close(), bare.close(), unthrottled?.close()])
    .then(() => Promise.all([runtime.close(), redis?.quit()]))
    .finally(() => process.exit(0));
});
