import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnv } from '@frontline/connector/env';
import { computeKpis } from '@frontline/kpi';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_HISTORY } from './demo-helpdesk.js';
import { writeJournal } from './demo-journal.js';
import { runDemo, type RunningDemo } from './run-demo.js';

const DAY = 86_400_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** Per tenant: tickets the store holds that are not removed, and those its helpdesk shows. */
async function counts(demo: RunningDemo) {
  return Promise.all(
    demo.tenants.map(async (t) => {
      const history = await demo.store.loadHistory(t.tenant.id);
      const { state } = t.helpdesk.account;
      let shown = 0;
      for (let i = 0; i < state.table.count; i++) if (!state.isRemoved(i)) shown++;
      return { name: t.name, stored: history.tickets.filter((ticket) => !ticket.removed).length, shown };
    }),
  );
}

/** Waits until the store holds every ticket each helpdesk showed when this was called. */
async function synced(
  demo: RunningDemo,
  timeoutMs: number,
): Promise<{ name: string; stored: number; shown: number }[]> {
  const target = await counts(demo);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await counts(demo);
    if (now.every((c, k) => c.stored >= target[k]!.shown)) return now;
    if (Date.now() > deadline) throw new Error(`store not synced after ${timeoutMs} ms: ${JSON.stringify(now)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The last 30 days' numbers of the fast-but-reopened, a steady and the slow-but-loved agent, as
 * the product computes them from the store.
 */
async function profileNumbers(demo: RunningDemo, tenant: RunningDemo['tenants'][number]) {
  const history = await demo.store.loadHistory(tenant.tenant.id);
  const now = Date.now();
  const [report] = computeKpis(history, [{ from: now - 30 * DAY, to: now }], { now });
  const { agents, profiles } = tenant.helpdesk.account.history;
  const of = (kind: string) => {
    const index = profiles!.findIndex((p) => p.kind === kind);
    const kpis = report!.agents.get(String(agents[index]!.id))!;
    return {
      firstReply: kpis.first_reply_time_median.value!,
      reopenRate: kpis.reopen_rate.value!,
      csat: kpis.csat.value!,
    };
  };
  return { fast: of('fast-but-reopened'), steady: of('steady'), slow: of('slow-but-loved') };
}

describe('the demo after 24 simulated hours', () => {
  let dataDir = '';
  afterAll(async () => {
    if (dataDir !== '') await rm(dataDir, { recursive: true, force: true });
  });

  it('stores a month of history and a day of tickets, no more, and a restart finds them all again', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'frontline-demo-day-'));
    // A data folder whose helpdesks ran live for the last 24 hours.
    const anchor = Date.now() - DAY - 2 * 60_000;
    await writeJournal(dataDir, {
      version: 2,
      seed: 31,
      anchor,
      runs: [{ from: anchor + 60_000, to: anchor + 60_000 + DAY }],
    });
    const env = readEnv({ FRONTLINE_DATA_DIR: dataDir, PORT: String(await freePort()), LOG_LEVEL: 'error' });
    const ready = { apps: Promise.resolve(), storeFolder: Promise.resolve(), appsDir: dataDir };

    const first = await runDemo(env, ready);
    let stored: Awaited<ReturnType<typeof synced>>;
    try {
      stored = await synced(first, 90_000);
      // The agents differ as their profiles say, in the product's own numbers: first replies in a
      // median of ~8, ~35 and ~120 business minutes, reopens 25 %, 7 %, 2 %, good ratings 70 %, 82 %, 96 %.
      for (const tenant of first.tenants) {
        const { fast, steady, slow } = await profileNumbers(first, tenant);
        expect(fast.firstReply).toBeLessThan(steady.firstReply);
        expect(steady.firstReply).toBeLessThan(slow.firstReply);
        expect(fast.reopenRate).toBeGreaterThan(steady.reopenRate);
        expect(fast.reopenRate).toBeGreaterThan(slow.reopenRate);
        expect(slow.csat).toBeGreaterThan(fast.csat);
        process.stdout.write(`${tenant.name} 30 days: ${JSON.stringify({ fast, steady, slow })}\n`);
      }
    } finally {
      await first.stop();
    }
    for (const tenant of stored) {
      // The history's 1,500 and the day's few hundred: bounded, not 17,000 a day.
      expect(tenant.stored).toBeGreaterThan(DEMO_HISTORY.tickets + 200);
      expect(tenant.stored).toBeLessThan(DEMO_HISTORY.tickets + 800);
    }

    const started = performance.now();
    const again = await runDemo(env, ready);
    try {
      const restored = await synced(again, 30_000);
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(`restart to a synced store: ${seconds.toFixed(1)} s, ${JSON.stringify(restored)}\n`);
      // The same tickets (and the few that arrived since), found again.
      for (const [k, tenant] of restored.entries()) {
        expect(tenant.stored).toBeGreaterThanOrEqual(stored[k]!.stored);
        expect(tenant.stored).toBeLessThan(stored[k]!.stored + 20);
      }
    } finally {
      await again.stop();
    }
  });
});
