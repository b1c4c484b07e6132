/**
 * Ingest speed of the store: tickets per second through `savePage` in pages of 1,000 tickets
 * (with the page's sideloaded agents and requesters, as a Zendesk ticket page brings them), each
 * page one transaction with its checkpoint. Bound: 20,000 tickets/s into PostgreSQL
 * (`DATABASE_URL`, default the local server), first sync of an empty tenant. Also reported: a
 * second pass over the same pages (every row an update) and, for information, the embedded PGlite.
 * Run alone: `npx tsx connector/bench/ingest.bench.ts` (prints one JSON line).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Agent, Requester, Ticket, TicketStatus } from '@frontline/kpi';
import pg from 'pg';
import { SecretKey } from '../src/secrets/index.js';
import { PgliteSyncStore, PostgresSyncStore, type PageRows, type SyncStore } from '../src/store/index.js';
import type { SyncedTicket } from '../src/vendors/index.js';
import type { BenchResult } from './bench-result.js';
import { seededRandom } from './seeded-random.js';

const BOUND_TICKETS_PER_SECOND = 20_000;
const PAGE_TICKETS = 1000;
const POSTGRES_PAGES = 200;
const PGLITE_PAGES = 40;
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
const TAGS = ['billing', 'login', 'vip', 'escalated', 'refund', 'bug', 'feature_request', 'mobile', 'api', 'churn'];

/** Pages of realistic tickets: ids ascending, a fifth with no tags, most solved, some removed. */
function generatePages(count: number): PageRows[] {
  const random = seededRandom(20_260_301);
  const start = Date.parse('2025-01-01T00:00:00Z');
  const pages: PageRows[] = [];
  for (let p = 0; p < count; p++) {
    const tickets: SyncedTicket[] = [];
    const requesters = new Map<string, Requester>();
    const agents = new Map<string, Agent>();
    for (let i = 0; i < PAGE_TICKETS; i++) {
      const n = p * PAGE_TICKETS + i;
      const createdAt = start + n * 30_000;
      const status = random.pick(STATUSES);
      const solved = status === 'solved' || status === 'closed';
      const replied = solved || random.chance(0.6);
      const firstReplyMinutes = replied ? random.int(1, 2000) + random.next() : null;
      const resolutionMinutes = solved ? (firstReplyMinutes ?? 0) + random.int(10, 20_000) : null;
      const requesterId = String(100_000 + random.int(0, 200_000));
      const assigneeId = random.chance(0.9) ? String(9000 + random.int(0, 39)) : null;
      const tags = random.chance(0.2) ? [] : Array.from({ length: random.int(1, 3) }, () => random.pick(TAGS));
      const ticket: Ticket = {
        id: String(1_000_000 + n),
        requesterId,
        assigneeId,
        groupId: random.chance(0.8) ? String(300 + random.int(0, 9)) : null,
        status,
        createdAt,
        tags,
        firstReplyAt: firstReplyMinutes === null ? null : createdAt + Math.round(firstReplyMinutes * 60_000),
        firstReplyMinutes,
        firstReplyBusinessMinutes: firstReplyMinutes === null ? null : Math.floor(firstReplyMinutes * 0.7),
        solvedAt: resolutionMinutes === null ? null : createdAt + Math.round(resolutionMinutes * 60_000),
        resolutionMinutes,
        resolutionBusinessMinutes: resolutionMinutes === null ? null : Math.floor(resolutionMinutes * 0.6),
        publicReplies: replied ? random.int(1, 6) : 0,
        reopens: random.chance(0.1) ? 1 : 0,
        groupStations: random.int(1, 3),
        removed: random.chance(0.01),
        outbound: false,
      };
      tickets.push({ ticket, updatedAt: createdAt + random.int(0, 86_400_000), repliesKnown: true });
      requesters.set(requesterId, { id: requesterId, email: `customer${requesterId}@example.com` });
      if (assigneeId !== null) agents.set(assigneeId, { id: assigneeId, name: `Agent ${assigneeId}`, email: null });
    }
    pages.push({ tickets, requesters: [...requesters.values()], agents: [...agents.values()] });
  }
  return pages;
}

interface Pass {
  readonly ticketsPerSecond: number;
  readonly seconds: number;
}

/** Saves every page in order, as one sync does, and times it. */
async function ingest(store: SyncStore, tenantId: string, pages: readonly PageRows[], stream: string): Promise<Pass> {
  const started = performance.now();
  let tickets = 0;
  for (const [i, page] of pages.entries()) {
    await store.savePage(tenantId, stream, page, { cursor: `page-${i + 1}`, done: false, reachedTime: null });
    tickets += page.tickets?.length ?? 0;
  }
  const seconds = (performance.now() - started) / 1000;
  return { ticketsPerSecond: Math.round(tickets / seconds), seconds: Math.round(seconds * 1000) / 1000 };
}

async function addTenant(store: SyncStore): Promise<string> {
  await store.migrate();
  const tenant = await store.addTenant({
    name: 'bench',
    vendor: 'zendesk',
    baseUrl: 'https://bench.zendesk.example',
    credentials: { kind: 'zendesk-oauth', accessToken: 'bench-token' },
    zigpoll: null,
  });
  return tenant.id;
}

async function benchPostgres(pages: readonly PageRows[]): Promise<{ first: Pass; again: Pass }> {
  const schema = `frontline_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(DATABASE_URL);
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const store = PostgresSyncStore.connect(url.toString(), SecretKey.generate());
    try {
      const tenantId = await addTenant(store);
      const first = await ingest(store, tenantId, pages, 'tickets');
      const again = await ingest(store, tenantId, pages, 'tickets-again');
      return { first, again };
    } finally {
      await store.close();
    }
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

async function benchPglite(pages: readonly PageRows[]): Promise<Pass> {
  const dir = await mkdtemp(join(tmpdir(), 'frontline-bench-ingest-'));
  try {
    const store = await PgliteSyncStore.open(dir, SecretKey.generate());
    try {
      return await ingest(store, await addTenant(store), pages, 'tickets');
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Ingests 200,000 tickets into PostgreSQL (and 40,000 into PGlite) and reports tickets/s against 20,000. */
export async function benchIngest(): Promise<BenchResult> {
  const pages = generatePages(POSTGRES_PAGES);
  const postgres = await benchPostgres(pages);
  const pglite = await benchPglite(pages.slice(0, PGLITE_PAGES));
  const measured = postgres.first.ticketsPerSecond;
  return {
    name: 'connector: store ingest, pages of 1,000 tickets, one transaction each',
    figures: {
      tickets: POSTGRES_PAGES * PAGE_TICKETS,
      postgres_tickets_per_second: measured,
      postgres_seconds: postgres.first.seconds,
      postgres_again_tickets_per_second: postgres.again.ticketsPerSecond,
      pglite_tickets: PGLITE_PAGES * PAGE_TICKETS,
      pglite_tickets_per_second: pglite.ticketsPerSecond,
    },
    bound: `>= ${BOUND_TICKETS_PER_SECOND} tickets/s into PostgreSQL`,
    ratio: Math.round((measured / BOUND_TICKETS_PER_SECOND) * 100) / 100,
    pass: measured >= BOUND_TICKETS_PER_SECOND,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchIngest()));
}
