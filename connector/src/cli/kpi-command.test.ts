import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AGENT_KPI_KEYS, KPI_KEYS } from '@frontline/kpi';
import { aRating, aTicket } from '@frontline/kpi/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../env.js';
import { readExport } from '../export/read-export.js';
import { silentLogger } from '../logger.js';
import { openRuntime } from '../main.js';
import type { CliIo } from './cli-io.js';
import type { KpiReportJson } from './kpi-report-json.js';
import { main } from './main.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = join(REPO, 'test/fixtures/export');
const BIN = join(REPO, 'connector/bin/frontline.js');
const WINDOW = ['--from', '2026-01-01', '--to', '2026-02-01', '--now', '2026-03-01T00:00:00Z'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    now: () => Date.parse('2026-03-01T00:00:00Z'),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

async function kpis(vendor: 'zendesk' | 'freshdesk', ...extra: string[]): Promise<KpiReportJson> {
  const result = await run(
    'kpi',
    '--vendor',
    vendor,
    '--input',
    join(FIXTURES, `${vendor}-small`),
    ...WINDOW,
    ...extra,
  );
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as KpiReportJson;
}

describe('frontline kpi', () => {
  it('prints the hand-worked team KPIs of the Zendesk fixture', async () => {
    const { team } = await kpis('zendesk');
    expect(team.solved).toEqual({ value: 9, sample: 9 });
    expect(team.csat).toEqual({ value: 0.6, sample: 5 });
    expect(team.csat_response_rate).toEqual({ value: 5 / 6, sample: 6 });
    expect(team.one_touch_rate).toEqual({ value: 5 / 9, sample: 9 });
    expect(team.repeat_contact_rate).toEqual({ value: 2 / 9, sample: 9 });
    expect(team.escalation_rate).toEqual({ value: 1 / 11, sample: 11 });
    expect(team.first_reply_time_median).toEqual({ value: 30, sample: 9 });
    expect(team.first_reply_time_business_median).toEqual({ value: 30, sample: 9 });
    expect(team.full_resolution_time_business_median).toEqual({ value: 180, sample: 9 });
    expect(team.backlog).toEqual({ value: 3, sample: 3 });
    expect(team.contact_ratio).toEqual({ value: 11 / 8, sample: 8 });
  });

  it('prints the hand-worked KPIs of an agent', async () => {
    const bob = (await kpis('zendesk')).agents['9002'];
    expect(bob?.solved).toEqual({ value: 3, sample: 3 });
    expect(bob?.csat).toEqual({ value: 0.5, sample: 2 });
    expect(bob?.one_touch_rate).toEqual({ value: 2 / 3, sample: 3 });
    expect(bob?.repeat_contact_rate).toEqual({ value: 1 / 3, sample: 3 });
    expect(bob?.escalation_rate).toEqual({ value: 0, sample: 4 });
    expect(bob?.first_reply_time_median).toEqual({ value: 15, sample: 3 });
    const alice = (await kpis('zendesk')).agents['9001'];
    expect(alice?.full_resolution_time_business_median).toEqual({ value: 330, sample: 4 });
  });

  it('prints the same KPIs for the same history on Zendesk and Freshdesk, but the response rate', async () => {
    const zendesk = await kpis('zendesk');
    const freshdesk = await kpis('freshdesk');
    const withoutResponseRate = ({ csat_response_rate: _rate, ...rest }: Record<string, unknown>) => rest;
    expect(withoutResponseRate(freshdesk.team)).toEqual(withoutResponseRate(zendesk.team));
    expect(Object.keys(freshdesk.agents)).toEqual(Object.keys(zendesk.agents));
    for (const [id, set] of Object.entries(zendesk.agents)) {
      expect(withoutResponseRate(freshdesk.agents[id] ?? {}), `agent ${id}`).toEqual(withoutResponseRate(set));
      expect(freshdesk.agents[id]?.csat_response_rate).toEqual({ value: null, sample: 0 });
    }
    expect(freshdesk.team.csat_response_rate).toEqual({ value: null, sample: 0 });
  });

  it('lists every KPI for the team and every agent KPI for each agent, in KPIS.md order', async () => {
    const report = await kpis('freshdesk');
    expect(Object.keys(report.team)).toEqual([...KPI_KEYS]);
    expect(Object.keys(report.agents)).toEqual(['9001', '9002', '9003']);
    for (const set of Object.values(report.agents)) expect(Object.keys(set)).toEqual([...AGENT_KPI_KEYS]);
    expect(report).toMatchObject({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
      timezone: 'UTC',
      now: '2026-03-01T00:00:00.000Z',
    });
  });

  it('pretty-prints with two spaces', async () => {
    const { stdout } = await run('kpi', '--vendor', 'zendesk', '--input', join(FIXTURES, 'zendesk-small'), ...WINDOW);
    expect(stdout.startsWith('{\n  "from": "2026-01-01T00:00:00.000Z",\n')).toBe(true);
    expect(stdout.endsWith('}\n')).toBe(true);
  });

  it('reports only the agent asked for', async () => {
    const report = await kpis('zendesk', '--agent', '9003');
    expect(Object.keys(report.agents)).toEqual(['9003']);
    expect(report.agents['9003']?.escalation_rate).toEqual({ value: 1 / 3, sample: 3 });
    expect(report.team.solved).toEqual({ value: 9, sample: 9 });
  });

  it('reads bare dates as midnight in --tz', async () => {
    const report = await kpis('zendesk', '--tz', 'Europe/Berlin');
    expect(report).toMatchObject({
      from: '2025-12-31T23:00:00.000Z',
      to: '2026-01-31T23:00:00.000Z',
      timezone: 'Europe/Berlin',
    });
  });

  it('defaults now to the current time', async () => {
    const result = await run(
      'kpi',
      '--vendor',
      'zendesk',
      '--input',
      join(FIXTURES, 'zendesk-small'),
      '--from',
      '2026-01-01',
      '--to',
      '2026-02-01',
    );
    expect((JSON.parse(result.stdout) as KpiReportJson).now).toBe('2026-03-01T00:00:00.000Z');
  });

  const usual = { vendor: 'zendesk', from: '2026-01-01', to: '2026-02-01' };
  it.each([
    [
      'an unknown vendor',
      { vendor: 'helpscout' },
      [],
      /argument 'helpscout' is invalid\. Allowed choices are zendesk, freshdesk/,
    ],
    [
      'a time that is not one',
      { from: 'yesterday' },
      [],
      /--from "yesterday" is not a time: expected an ISO 8601 time/,
    ],
    ['a date that does not exist', { to: '2026-02-30' }, [], /--to "2026-02-30" is not a time/],
    [
      'an inverted window',
      { from: '2026-02-01', to: '2026-01-01' },
      [],
      /--to 2026-01-01 is not after --from 2026-02-01/,
    ],
    ['an empty window', { from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, [], /is not after --from/],
    ['an unknown zone', {}, ['--tz', 'Mars/Olympus'], /--tz "Mars\/Olympus" is not a known time zone/],
    [
      'an unknown agent',
      {},
      ['--agent', '4242'],
      /--agent 4242: no agent with this id in the export; agents: 9001, 9002, 9003/,
    ],
    ['an unknown option', {}, ['--bogus'], /unknown option '--bogus'/],
  ])('rejects %s with exit code 2 and nothing on stdout', async (_case, changes, extra, message) => {
    const { vendor, from, to } = { ...usual, ...changes };
    const input = join(FIXTURES, 'zendesk-small');
    const result = await run('kpi', '--vendor', vendor, '--input', input, '--from', from, '--to', to, ...extra);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('requires --from and --to', async () => {
    const result = await run(
      'kpi',
      '--vendor',
      'zendesk',
      '--input',
      join(FIXTURES, 'zendesk-small'),
      '--to',
      '2026-02-01',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/required option '--from <time>' not specified/);
  });

  it('prints help with exit code 0', async () => {
    const result = await run('kpi', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--vendor <vendor>/);
  });

  it('exits with 1 and names the folder when the input folder is missing', async () => {
    const result = await run('kpi', '--vendor', 'freshdesk', '--input', join(FIXTURES, 'nope'), ...WINDOW);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nope: no such folder/);
    expect(result.stdout).toBe('');
  });
});

describe('frontline kpi on Zendesk exports as real accounts send them', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'frontline-kpi-real-'));
    await cp(join(FIXTURES, 'zendesk-small'), dir, { recursive: true });
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  type Page = { tickets: Record<string, unknown>[]; metric_sets?: Record<string, unknown>[] };
  const editPage = async (name: string, edit: (page: Page) => void) => {
    const page = JSON.parse(await readFile(join(dir, name), 'utf8')) as Page;
    edit(page);
    await writeFile(join(dir, name), JSON.stringify(page));
  };

  /**
   * The fixture as exported without include=metric_sets, its metric sets (already in the
   * TicketMetricObject shape) listed instead as `GET /api/v2/ticket_metrics` would: newest first,
   * in `{ ticket_metrics, meta, links }`, leaving out the tickets `archived` names.
   */
  const asTicketMetricsExport = async (archived: readonly number[] = []) => {
    const records: Record<string, unknown>[] = [];
    for (const name of ['tickets-0001.json', 'tickets-0002.json']) {
      await editPage(name, (page) => {
        records.push(...(page.metric_sets ?? []));
        delete page.metric_sets;
      });
    }
    const listed = records.filter((r) => !archived.includes(r.ticket_id as number)).reverse();
    const body = {
      ticket_metrics: listed,
      meta: { has_more: false, after_cursor: null, before_cursor: null },
      links: { next: null, prev: null },
    };
    await writeFile(join(dir, 'ticket_metrics-0001.json'), JSON.stringify(body));
  };

  const kpisOf = () => run('kpi', '--vendor', 'zendesk', '--input', dir, ...WINDOW);

  it('refuses ticket pages without metric_sets, naming the file and include=metric_sets', async () => {
    await editPage('tickets-0002.json', (page) => delete page.metric_sets);
    const result = await kpisOf();
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: tickets-0002.json: metric_sets: missing, so no ticket would have a reply or solve time; export the ' +
        'tickets with include=metric_sets, or add ticket_metrics*.json pages (GET /api/v2/ticket_metrics)\n',
    );
    expect(result.stdout).toBe('');
  });

  it('prints the hand-worked KPIs when the metrics come from ticket_metrics*.json pages', async () => {
    await asTicketMetricsExport();
    const result = await kpisOf();
    expect(result.stderr).toBe('');
    const { team } = JSON.parse(result.stdout) as KpiReportJson;
    // The fixture's own numbers (test/fixtures/export/README.md), as with metric_sets sideloaded.
    expect(team.solved).toEqual({ value: 9, sample: 9 });
    expect(team.first_reply_time_median).toEqual({ value: 30, sample: 9 });
    expect(team.one_touch_rate).toEqual({ value: 5 / 9, sample: 9 });
    expect(team.full_resolution_time_business_median).toEqual({ value: 180, sample: 9 });
    expect(team.backlog).toEqual({ value: 3, sample: 3 });
  });

  it('warns on stderr of tickets that ticket_metrics*.json leaves out, and counts no solve of theirs', async () => {
    // Ticket 13 (closed, solved 2026-01-02, 1440 business minutes) is archived: not in the list.
    await asTicketMetricsExport([13]);
    const result = await kpisOf();
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      'warning: no metric set, on its page or in ticket_metrics*.json, for 1 of 12 tickets (13): they count in no ' +
        'reply or resolution KPI. GET /api/v2/ticket_metrics leaves out archived tickets; export the tickets with ' +
        'include=metric_sets to have them\n',
    );
    const { team } = JSON.parse(result.stdout) as KpiReportJson;
    expect(team.solved).toEqual({ value: 8, sample: 8 });
    // Business minutes of the other 8 solves: 30 30 60 120 | 180 420 480 720 -> (120 + 180) / 2.
    expect(team.full_resolution_time_business_median).toEqual({ value: 150, sample: 8 });
  });

  it('refuses ticket_metrics*.json pages that cover none of the tickets', async () => {
    await asTicketMetricsExport([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const result = await kpisOf();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: no ticket in tickets\*\.json has a metric set, on its page or in ticket_metrics\*\.json/,
    );
    expect(result.stdout).toBe('');
  });

  it('keeps tickets with a status it does not know as open, warning once on stderr', async () => {
    // Ticket 12 (solved Jan 30) and 11 (new) come back in a status Zendesk added since.
    await editPage('tickets-0002.json', (page) => {
      for (const ticket of page.tickets) if (ticket.id === 11 || ticket.id === 12) ticket.status = 'awaiting_vendor';
    });
    const result = await kpisOf();
    expect(result.stderr).toBe(
      'warning: the export has status "awaiting_vendor", which Frontline does not know; read as open (unsolved)\n',
    );
    const { team } = JSON.parse(result.stdout) as KpiReportJson;
    // 9 solved less ticket 12; backlog 4, 10, 11 plus 12.
    expect(team.solved).toEqual({ value: 8, sample: 8 });
    expect(team.backlog).toEqual({ value: 4, sample: 4 });
  });
});

describe('the frontline bin', () => {
  it('prints the KPI JSON on stdout', () => {
    const result = spawnSync(
      process.execPath,
      [BIN, 'kpi', '--vendor', 'freshdesk', '--input', join(FIXTURES, 'freshdesk-small'), ...WINDOW],
      { cwd: REPO, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as KpiReportJson;
    expect(report.team.solved).toEqual({ value: 9, sample: 9 });
    expect(report.agents['9001']?.csat).toEqual({ value: 2 / 3, sample: 3 });
  });

  it('exits non-zero on a malformed file, names it on stderr and prints nothing on stdout', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-kpi-'));
    try {
      await cp(join(FIXTURES, 'zendesk-small'), dir, { recursive: true });
      const page = join(dir, 'satisfaction_ratings-0002.json');
      const text = await readFile(page, 'utf8');
      await writeFile(page, text.slice(0, text.length / 2));
      const result = spawnSync(process.execPath, [BIN, 'kpi', '--vendor', 'zendesk', '--input', dir, ...WINDOW], {
        cwd: REPO,
        encoding: 'utf8',
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/satisfaction_ratings-0002\.json: not valid JSON \(.*\); re-export this page/);
      expect(result.stdout).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('frontline kpi --tenant', () => {
  let dataDir: string;
  const io = () => {
    const out = { stdout: '', stderr: '' };
    const cliIo: CliIo = {
      stdout: (text) => void (out.stdout += text),
      stderr: (text) => void (out.stderr += text),
      now: () => Date.parse('2026-03-01T00:00:00Z'),
    };
    return { out, cliIo };
  };
  const openTestRuntime = () => openRuntime(readEnv({ FRONTLINE_DATA_DIR: dataDir }), { log: silentLogger });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'frontline-kpi-tenant-'));
    // The Zendesk fixture history, stored as a sync would have stored it.
    const history = await readExport('zendesk', join(FIXTURES, 'zendesk-small'));
    const runtime = await openTestRuntime();
    const tenant = await runtime.store.addTenant({
      name: 'acme',
      vendor: 'zendesk',
      baseUrl: 'https://acme.zendesk.com',
      credentials: { kind: 'zendesk-oauth', accessToken: 'token' },
      zigpoll: null,
    });
    await runtime.store.savePage(
      tenant.id,
      'tickets',
      {
        tickets: history.tickets.map((ticket) => ({ ticket, updatedAt: ticket.createdAt, repliesKnown: true })),
        ratings: history.ratings,
        agents: history.agents,
        requesters: history.requesters,
        surveyAnswers: history.surveyAnswers,
      },
      { cursor: 'end', done: true, reachedTime: null },
    );
    await runtime.close();
  });

  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('computes from the tenant store exactly what the export gives', async () => {
    const fromStore = io();
    expect(await main(['kpi', '--tenant', 'acme', ...WINDOW], fromStore.cliIo, openTestRuntime)).toBe(0);
    const fromExport = await kpis('zendesk');
    expect(JSON.parse(fromStore.out.stdout)).toEqual(fromExport);
  });

  it('follows the real-accounts rules on stored tickets: reopened is backlog, outbound counts only as rated', async () => {
    const created = Date.parse('2026-01-10T09:00:00Z');
    const tickets = [
      // Solved Jan 11 09:00, then reopened: open now, the old solve kept.
      aTicket({
        id: 'reopened',
        assigneeId: '7',
        requesterId: 'r1',
        status: 'open',
        createdAt: created,
        solvedAt: created + DAY,
      }),
      // Solved 60 minutes after creation, 1 reply.
      aTicket({
        id: 'solved',
        assigneeId: '7',
        requesterId: 'r2',
        createdAt: created,
        solvedAt: created + HOUR,
        publicReplies: 1,
      }),
      // The agent's e-mail to r2 two days later, created closed: not r2 coming back, not a solve.
      aTicket({
        id: 'outbound',
        assigneeId: '7',
        requesterId: 'r2',
        outbound: true,
        status: 'closed',
        createdAt: created + 2 * DAY,
        solvedAt: created + 2 * DAY,
      }),
    ];
    const ratings = [aRating({ ticketId: 'outbound', at: created + 3 * DAY, positive: false })];
    const runtime = await openTestRuntime();
    const tenant = await runtime.store.addTenant({
      name: 'real',
      vendor: 'freshdesk',
      baseUrl: 'https://real.freshdesk.com',
      credentials: { kind: 'freshdesk-key', apiKey: 'key' },
      zigpoll: null,
    });
    await runtime.store.savePage(
      tenant.id,
      'tickets',
      {
        tickets: tickets.map((ticket) => ({ ticket, updatedAt: ticket.createdAt, repliesKnown: true })),
        ratings,
        agents: [],
        requesters: [],
        surveyAnswers: [],
      },
      { cursor: 'end', done: true, reachedTime: null },
    );
    await runtime.close();
    const { out, cliIo } = io();
    expect(await main(['kpi', '--tenant', 'real', ...WINDOW], cliIo, openTestRuntime)).toBe(0);
    const { team } = JSON.parse(out.stdout) as KpiReportJson;
    expect(team.solved).toEqual({ value: 1, sample: 1 });
    expect(team.full_resolution_time_median).toEqual({ value: 60, sample: 1 });
    expect(team.backlog).toEqual({ value: 1, sample: 1 });
    expect(team.repeat_contact_rate).toEqual({ value: 0, sample: 1 });
    // Created in January: the two customer tickets, from two requesters.
    expect(team.contact_ratio).toEqual({ value: 1, sample: 2 });
    expect(team.csat).toEqual({ value: 0, sample: 1 });
  });

  it('names an unknown tenant and how to list the known ones', async () => {
    const { out, cliIo } = io();
    expect(await main(['kpi', '--tenant', 'nobody', ...WINDOW], cliIo, openTestRuntime)).toBe(2);
    expect(out.stderr).toMatch(/--tenant nobody: no such tenant; `npx frontline tenant list`/);
    expect(out.stdout).toBe('');
  });
});
