// Prints the gzipped size of the built bundle (run after `vite build`): what a helpdesk frame downloads.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzipped bytes of every .js file in a folder. */
export function gzippedSize(folder) {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.js'))
    .reduce((sum, name) => sum + gzipSync(readFileSync(join(folder, name)), { level: 9 }).length, 0);
}

const bytes = gzippedSize(new URL('../dist', import.meta.url).pathname);
console.log(`sidebar-ui bundle: ${(bytes / 1024).toFixed(1)} KiB gzipped`);
