// Whether connector/dist holds a build of the sources as they are now. Plain JavaScript: it runs
// before anything can compile TypeScript.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Written by connector/scripts/build-cli.ts after a successful build. */
const STAMP_FILE = 'build-stamp.json';

/**
 * The compiled entry's path when connector/dist was built from exactly the sources present now,
 * else null (no build, a half-written one, or a source edited, added to the bundle's imports or
 * removed since). Sizes and modification times answer for nearly every file in about a
 * millisecond; a file whose time changed but not its size (a checkout, a copy) is hashed, so only
 * a real change sends the caller back to the sources.
 *
 * @param {string} connectorDir the connector package's folder
 * @returns {string | null}
 */
export function currentBuild(connectorDir) {
  const stamp = readStamp(join(connectorDir, 'dist', STAMP_FILE));
  if (stamp === null) return null;
  for (const source of stamp.sources) {
    if (!unchanged(join(connectorDir, source.path), source)) return null;
  }
  return join(connectorDir, 'dist', stamp.entry);
}

/** @returns {{ entry: string, sources: { path: string, size: number, mtimeMs: number, sha256: string }[] } | null} */
function readStamp(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return null; // never built: run the sources
    throw error;
  }
  try {
    const stamp = JSON.parse(text);
    return typeof stamp.entry === 'string' && Array.isArray(stamp.sources) ? stamp : null;
  } catch {
    return null; // a build interrupted while writing its stamp: run the sources
  }
}

function unchanged(path, recorded) {
  const info = statSync(path, { throwIfNoEntry: false });
  if (info === undefined || info.size !== recorded.size) return false;
  if (info.mtimeMs === recorded.mtimeMs) return true;
  return createHash('sha256').update(readFileSync(path)).digest('hex') === recorded.sha256;
}
