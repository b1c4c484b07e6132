/**
 * The agent dashboard from a store of 1,000,000 tickets under 500 requests a second: p50 and p99
 * latency against the bound p99 <= 20 ms, and the ratio to a bare Fastify route loaded the same
 * way in the same run (what the machine and the HTTP stack cost before any of our work).
 *
 * The store is PostgreSQL; the API runs in a process of its own (dashboard-server.ts), so the
 * load generator (autocannon, here) does not share its event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createSyncStore, type PageRows } from '@frontline/connector/store';
import type { Agent, Rating, Ticket } from '@frontline/kpi';
import autocannon from 'autocannon';
import { createFreshSchema } from '../support/fresh-schema.js';
import type { BenchResult } from './bench-result.js';

const TICKETS = 1_000_000;
const AGENTS = 60;
const RATE = 500;
const SECONDS = 20;
const BOUND_P99_MS = 20;
const DAY = 86_400_000;

/** A year of tickets (1M unless told) for 60 agents, a tenth of them rated, seeded. */
export function* pagesOfHistory(now: number, pageSize: number, tickets = TICKETS): Generator<PageRows> {
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const agents: Agent[] = Array.from({ length: AGENTS }, (_, i) => ({
    id: `agent-${i + 1}`,
    name: `Agent ${i + 1}`,
    email: null,
  }));
  yield { agents };
  for (let start = 0; start < tickets; start += pageSize) {
    const page = [];
    const ratings: Rating[] = [];
    for (let i = start; i < Math.min(tickets, start + pageSize); i++) {
      const createdAt = Math.floor(now - (1 - i / tickets) * 365 * DAY);
      const solved = createdAt < now - 2 * DAY || random() < 0.6;
      const reply = Math.floor(random() * 240);
      const resolution = reply + Math.floor(random() * 3000);
      const assigneeId = `agent-${1 + Math.floor(random() * AGENTS)}`;
      const ticket: Ticket = {
        id: String(i + 1),
        requesterId: `r-${Math.floor(random() * 600_000)}`,
        assigneeId,
        groupId: `g-${Math.floor(random() * 4)}`,
        status: solved ? 'solved' : 'open',
        createdAt,
        tags: random() < 0.05 ? ['escalated'] : [],
        firstReplyAt: createdAt + reply * 60_000,
        firstReplyMinutes: reply,
        firstReplyBusinessMinutes: reply,
        solvedAt: solved ? createdAt + resolution * 60_000 : null,
        resolutionMinutes: solved ? resolution : null,
        resolutionBusinessMinutes: solved ? resolution : null,
        publicReplies: 1 + Math.floor(random() * 4),
        reopens: random() < 0.08 ? 1 : 0,
        groupStations: 1,
        removed: false,
        outbound: false,
      };
      page.push({ ticket, updatedAt: createdAt, repliesKnown: true });
      if (solved && random() < 0.1) {
        ratings.push({
          id: `rating-${i + 1}`,
          ticketId: ticket.id,
          agentId: assigneeId,
          requesterId: ticket.requesterId,
          at: ticket.solvedAt! + 3_600_000,
          answered: true,
          positive: random() < 0.85,
          comment: null,
        });
      }
    }
    yield { tickets: page, ratings };
  }
}

async function load(url: string, headers: Record<string, string>, duration = SECONDS): Promise<autocannon.Result> {
  return autocannon({ url, connections: 20, overallRate: RATE, duration, headers });
}

export async function benchDashboardLatency(): Promise<BenchResult> {
  const schema = await createFreshSchema();
  const secretKey = randomBytes(32).toString('base64');
  let server: ChildProcess | null = null;
  try {
    const store = await createSyncStore({ databaseUrl: schema.url, dataDir: '.', secretKey });
    await store.migrate();
    const tenant = await store.addTenant({
      name: 'acme',
      vendor: 'zendesk',
      baseUrl: 'https://acme.zendesk.com',
      credentials: { kind: 'zendesk-oauth', accessToken: 'unused' },
      zigpoll: null,
    });
    const loadStarted = Date.now();
    let page = 0;
    for (const rows of pagesOfHistory(Date.now(), 5_000)) {
      await store.savePage(tenant.id, 'bench', rows, { cursor: String(++page), done: false, reachedTime: null });
    }
    await store.close();
    process.stderr.write(
      `dashboard latency: ${TICKETS} tickets stored in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s\n`,
    );

    server = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./dashboard-server.ts', import.meta.url))],
      {
        env: {
          ...process.env,
          DATABASE_URL: schema.url,
          FRONTLINE_SECRET_KEY: secretKey,
          REDIS_URL: '',
          FRONTLINE_BENCH_AGENT: 'agent-7',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const [line] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
    const ready = JSON.parse(line) as { url: string; bareUrl: string; token: string; warmMs: number; rssMiB: number };
    process.stderr.write(
      `dashboard latency: API ready, first dashboard (history load + view) in ${ready.warmMs} ms, RSS ${ready.rssMiB} MiB\n`,
    );

    const auth = { authorization: `Bearer ${ready.token}` };
    // Warm-ups first (JIT, sockets), as a server that has been up a while would be.
    await load(`${ready.bareUrl}/bare`, {}, 5);
    await load(`${ready.url}/v1/agents/me/dashboard`, auth, 5);
    const bare = await load(`${ready.bareUrl}/bare`, {});
    const dashboard = await load(`${ready.url}/v1/agents/me/dashboard`, auth);
    if (dashboard.non2xx > 0 || dashboard.errors > 0) {
      throw new Error(`the dashboard answered ${dashboard.non2xx} non-2xx and ${dashboard.errors} errors under load`);
    }
    const p99 = dashboard.latency.p99;
    return {
      name: 'API: agent dashboard, 1M tickets in PostgreSQL, 500 requests/s',
      figures: {
        requests: dashboard.requests.total,
        'p50 ms': dashboard.latency.p50,
        'p99 ms': p99,
        'bare route p50 ms': bare.latency.p50,
        'bare route p99 ms': bare.latency.p99,
        'p99 / bare p99': Number((p99 / Math.max(bare.latency.p99, 1)).toFixed(2)),
        'requests/s achieved': Math.round(dashboard.requests.average),
      },
      bound: `p99 <= ${BOUND_P99_MS} ms at ${RATE} requests/s`,
      ratio: Number((BOUND_P99_MS / Math.max(p99, 0.001)).toFixed(2)),
      pass: p99 <= BOUND_P99_MS,
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
  process.stdout.write(`${JSON.stringify(await benchDashboardLatency())}\n`);
}
