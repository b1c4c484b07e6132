import { randomInt } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What the demo helpdesks need to come back as they were: their seed, when their history ends,
 * and the times they ran live. Their traffic is seeded, so replaying the same runs rebuilds the
 * same tickets, and the store's copy stays the helpdesk's copy across restarts. Version 2: tickets
 * live whole lives and the window deletes old ones (version 1 replays to other tickets).
 */
export interface DemoJournal {
  readonly version: 2;
  readonly seed: number;
  /** Epoch ms at which the generated history ends. */
  readonly anchor: number;
  /** Earlier runs of live traffic, oldest first, with their pace when not 1 (a replay runs it alike). */
  readonly runs: readonly { readonly from: number; readonly to: number; readonly pace?: number }[];
}

export const JOURNAL_FILE = 'demo-helpdesks.json';

/** Reads the journal of `dataDir`, or starts one whose history ends `now`. */
export async function readJournal(dataDir: string, now: number): Promise<DemoJournal> {
  const path = join(dataDir, JOURNAL_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return { version: 2, seed: randomInt(1, 2 ** 31), anchor: now, runs: [] };
  }
  let journal: Partial<DemoJournal> | null;
  try {
    journal = JSON.parse(text) as Partial<DemoJournal> | null;
  } catch {
    journal = null;
  }
  if (
    journal === null ||
    typeof journal !== 'object' ||
    journal.version !== 2 ||
    typeof journal.seed !== 'number' ||
    typeof journal.anchor !== 'number' ||
    !Array.isArray(journal.runs)
  ) {
    throw new Error(
      `${path} is not a demo journal this version understands: delete the data folder ${dataDir} to start the demo afresh`,
    );
  }
  return journal as DemoJournal;
}

/** Writes the journal whole: to a temporary file first, so a crash never leaves half of it. */
export async function writeJournal(dataDir: string, journal: DemoJournal): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, JOURNAL_FILE);
  await writeFile(`${path}.tmp`, JSON.stringify(journal, null, 2));
  await rename(`${path}.tmp`, path);
}
