import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportError } from './export-error.js';
import { readExport } from './read-export.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/export/', import.meta.url));

let work: string;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'frontline-read-export-'));
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A copy of a fixture folder that a test may damage. */
async function copyOf(fixture: 'zendesk-small' | 'freshdesk-small'): Promise<string> {
  const dir = join(work, fixture);
  await cp(join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

async function editJson(file: string, edit: (json: unknown) => void): Promise<void> {
  const json: unknown = JSON.parse(await readFile(file, 'utf8'));
  edit(json);
  await writeFile(file, JSON.stringify(json, null, 2));
}

async function exportErrorOf(promise: Promise<unknown>): Promise<ExportError> {
  const error: unknown = await promise.then(
    () => new Error('expected readExport to fail, but it returned a history'),
    (reason: unknown) => reason,
  );
  if (error instanceof ExportError) return error;
  throw error;
}

describe('readExport', () => {
  it('reads every page of the Zendesk fixture', async () => {
    const history = await readExport('zendesk', join(FIXTURES, 'zendesk-small'));
    expect(history.tickets.map((t) => t.id)).toEqual([
      '13',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
    ]);
    expect(history.agents.map((a) => a.id)).toEqual(['9001', '9002', '9003']);
    expect(history.requesters).toHaveLength(9);
    expect(history.ratings).toHaveLength(6);
    expect(history.surveyAnswers).toHaveLength(3);
    expect(history.schedule).toBeNull();
    expect(history.ratingsIncludeUnanswered).toBe(true);
  });

  it('reads every page of the Freshdesk fixture, with replies from the conversations', async () => {
    const history = await readExport('freshdesk', join(FIXTURES, 'freshdesk-small'));
    expect(history.tickets).toHaveLength(13);
    const replies = Object.fromEntries(history.tickets.map((t) => [t.id, t.publicReplies]));
    expect(replies).toMatchObject({ '1': 1, '2': 2, '3': 1, '4': 0, '5': 3, '7': 0, '13': 2 });
    expect(history.agents.map((a) => a.name)).toEqual(['Alice Agent', 'Bob Agent', 'Carol Admin']);
    expect(history.requesters.find((r) => r.id === '5002')?.email).toBe('dana@example.com');
    expect(history.schedule?.timeZone).toBe('Europe/London');
    expect(history.schedule?.holidays).toContain('2026-01-01');
    expect(history.ratingsIncludeUnanswered).toBe(false);
  });

  it('lets a later page replace an earlier copy of the same ticket', async () => {
    const dir = await copyOf('zendesk-small');
    const page = JSON.parse(await readFile(join(dir, 'tickets-0001.json'), 'utf8')) as {
      tickets: { status: string }[];
    };
    const [first] = page.tickets;
    if (first === undefined) throw new Error('fixture has no tickets');
    first.status = 'open';
    await writeFile(join(dir, 'tickets-0000.json'), JSON.stringify(page));
    const history = await readExport('zendesk', dir);
    expect(history.tickets).toHaveLength(13);
    expect(history.tickets.find((t) => t.id === '13')?.status).toBe('closed');
  });

  it('names the file and the position of truncated JSON', async () => {
    const dir = await copyOf('zendesk-small');
    const file = join(dir, 'tickets-0002.json');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, 1000));
    const error = await exportErrorOf(readExport('zendesk', dir));
    expect(error.message).toMatch(/^tickets-0002\.json: not valid JSON \(.+ at position \d+\); re-export this page$/);
  });

  it('names the file and the field of a value of the wrong type', async () => {
    const dir = await copyOf('zendesk-small');
    await editJson(join(dir, 'tickets-0001.json'), (json) => {
      (json as { tickets: Record<string, unknown>[] }).tickets[3]!.created_at = 'yesterday';
    });
    const error = await exportErrorOf(readExport('zendesk', dir));
    expect(error.message).toBe(
      'tickets-0001.json: tickets[3].created_at: expected an ISO 8601 time such as "2026-01-05T09:30:00Z", got "yesterday"',
    );
  });

  it('refuses a Zendesk ticket page exported without metric_sets, naming the file and include=metric_sets', async () => {
    const dir = await copyOf('zendesk-small');
    await editJson(join(dir, 'tickets-0001.json'), (json) => {
      (json as { metric_sets?: unknown }).metric_sets = [];
    });
    const error = await exportErrorOf(readExport('zendesk', dir));
    expect(error.message).toBe(
      'tickets-0001.json: metric_sets: missing, so no ticket would have a reply or solve time; export the tickets ' +
        'with include=metric_sets, or add ticket_metrics*.json pages (GET /api/v2/ticket_metrics)',
    );
  });

  it('names a bad page deep in a Freshdesk export', async () => {
    const dir = await copyOf('freshdesk-small');
    await editJson(join(dir, 'conversations', '5-0002.json'), (json) => {
      (json as Record<string, unknown>[])[1]!.private = 'no';
    });
    const error = await exportErrorOf(readExport('freshdesk', dir));
    expect(error.message).toBe('conversations/5-0002.json: [1].private: expected a boolean, got "no"');
  });

  it('fails on a missing folder', async () => {
    const missing = join(work, 'nope');
    const error = await exportErrorOf(readExport('zendesk', missing));
    expect(error.message).toBe(
      `${missing}: no such folder; --input must be the folder that holds the zendesk export pages`,
    );
  });

  it('fails on a file given as the folder', async () => {
    const file = join(work, 'tickets.json');
    await writeFile(file, '{}');
    expect((await exportErrorOf(readExport('freshdesk', file))).message).toContain(`${file}: not a folder`);
  });

  it('fails on an empty folder, saying which pages it needs', async () => {
    const error = await exportErrorOf(readExport('zendesk', work));
    expect(error.message).toMatch(
      new RegExp(`^no tickets\\*\\.json in ${work}: --input must be a folder of Zendesk export pages`),
    );
  });

  it('fails on an empty file', async () => {
    const dir = await copyOf('zendesk-small');
    await writeFile(join(dir, 'satisfaction_ratings-0002.json'), '');
    expect((await exportErrorOf(readExport('zendesk', dir))).message).toBe(
      'satisfaction_ratings-0002.json: empty file; re-export this page',
    );
  });

  it('fails when a Freshdesk ticket has no conversation pages', async () => {
    const dir = await copyOf('freshdesk-small');
    await rm(join(dir, 'conversations', '4.json'));
    expect((await exportErrorOf(readExport('freshdesk', dir))).message).toBe(
      'conversations/4.json: missing; export GET /api/v2/tickets/4/conversations for every ticket (an empty array [] when it has none)',
    );
  });

  it('fails when a Freshdesk export has no agents', async () => {
    const dir = await copyOf('freshdesk-small');
    await rm(join(dir, 'agents-0001.json'));
    expect((await exportErrorOf(readExport('freshdesk', dir))).message).toMatch(/^no agents\*\.json in /);
  });

  it('fails on a survey page that does not fit, even after good ticket pages', async () => {
    const dir = await copyOf('zendesk-small');
    await writeFile(join(dir, 'surveys-0002.json'), JSON.stringify({ data: [{ _id: 'x', createdAt: 'soon' }] }));
    const error = await exportErrorOf(readExport('zendesk', dir));
    expect(error.message).toMatch(/^surveys-0002\.json: data\[0\]\.createdAt: expected an ISO 8601 time/);
  });

  it('reads a folder with only ticket pages', async () => {
    await mkdir(join(work, 'min'));
    await writeFile(join(work, 'min', 'tickets.json'), JSON.stringify({ tickets: [], end_of_stream: true }));
    const history = await readExport('zendesk', join(work, 'min'));
    expect(history).toMatchObject({ tickets: [], ratings: [], surveyAnswers: [], agents: [], requesters: [] });
  });
});
