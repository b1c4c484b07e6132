import { writeFile } from 'node:fs/promises';
import { readAppFolder } from '../app-files.js';
import { writeZip } from '../zip.js';

/** Zips a folder's contents (not the folder itself: both vendors want manifest.json at the zip root). */
export async function zipFolder(folder: string, zipPath: string): Promise<string[]> {
  const { files, symlinks } = await readAppFolder(folder);
  if (symlinks.length > 0) throw new Error(`${folder}: symbolic links ${symlinks.join(', ')} cannot be packaged`);
  const entries = [...files].map(([path, data]) => ({ path, data }));
  await writeFile(zipPath, writeZip(entries));
  return entries.map((e) => e.path);
}
