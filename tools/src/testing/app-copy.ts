import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readAppFolder, type AppFiles } from '../app-files.js';
import { packageApps, type PackageResult } from '../build/package-apps.js';
import { REPO_ROOT } from '../build/paths.js';

/** Builds both apps from the repository's sources into a temporary dist folder. */
export async function buildIntoTemp(): Promise<{ result: PackageResult; out: string; dispose: () => Promise<void> }> {
  const out = await mkdtemp(join(tmpdir(), 'frontline-apps-'));
  const result = await packageApps(REPO_ROOT, out);
  return { result, out, dispose: () => rm(out, { recursive: true, force: true }) };
}

// Breakages reach into vendor JSON by path (m.location.support.nav_bar.url = …): a loose type keeps
// each one a line; the rules under test do their own checking of shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;

/** A writable copy of a built app folder, for breaking one thing and reading it back. */
export class AppCopy {
  private constructor(readonly dir: string) {}

  static async of(source: string): Promise<AppCopy> {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-app-copy-'));
    await cp(source, dir, { recursive: true });
    return new AppCopy(dir);
  }

  async text(path: string, edit: (text: string) => string): Promise<void> {
    const file = join(this.dir, path);
    await writeFile(file, edit(await readFile(file, 'utf8')));
  }

  async json(path: string, edit: (doc: LooseJson) => void): Promise<void> {
    await this.text(path, (text) => {
      const doc = JSON.parse(text) as LooseJson;
      edit(doc);
      return JSON.stringify(doc, null, 2);
    });
  }

  async write(path: string, data: string | Uint8Array): Promise<void> {
    await mkdir(dirname(join(this.dir, path)), { recursive: true });
    await writeFile(join(this.dir, path), data);
  }

  async remove(path: string): Promise<void> {
    await rm(join(this.dir, path), { recursive: true });
  }

  read(): Promise<AppFiles> {
    return readAppFolder(this.dir);
  }

  dispose(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}
