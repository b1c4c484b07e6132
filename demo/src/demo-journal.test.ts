import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, readJournal, writeJournal } from './demo-journal.js';

describe('the demo journal', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'frontline-journal-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts a new history ending now when the data folder has none, and reads back what was written', async () => {
    const fresh = await readJournal(dataDir, 1_700_000_000_000);
    expect(fresh).toMatchObject({ version: 2, anchor: 1_700_000_000_000, runs: [] });
    const written = { ...fresh, runs: [{ from: 1_700_000_000_000, to: 1_700_000_060_000 }] };
    await writeJournal(dataDir, written);
    expect(await readJournal(dataDir, 1_800_000_000_000)).toEqual(written);
  });

  // Version 1's traffic replays to other tickets than its store holds.
  it.each([['{"version": 2, "seed": 3'], ['null'], ['{"version": 1, "seed": 3, "anchor": 1, "runs": []}']])(
    'refuses %s, saying which file and how to start afresh',
    async (text) => {
      await writeFile(join(dataDir, JOURNAL_FILE), text);
      await expect(readJournal(dataDir, 0)).rejects.toThrow(
        `${join(dataDir, JOURNAL_FILE)} is not a demo journal this version understands: delete the data folder`,
      );
    },
  );
});
