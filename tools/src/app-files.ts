import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** An app folder read into memory: what the vendor's validator sees when it opens the zip. */
export interface AppFiles {
  /** Path relative to the app root (forward slashes) to the file's bytes. */
  files: Map<string, Buffer>;
  /** Relative paths of symbolic links, which neither vendor accepts in a package. */
  symlinks: string[];
}

export async function readAppFolder(root: string): Promise<AppFiles> {
  const app: AppFiles = { files: new Map(), symlinks: [] };
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(root, relative), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const stat = await lstat(join(root, path));
      if (stat.isSymbolicLink()) app.symlinks.push(path);
      else if (stat.isDirectory()) await walk(path);
      else app.files.set(path, await readFile(join(root, path)));
    }
  };
  await walk('');
  return app;
}
