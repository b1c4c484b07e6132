import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds and packs the apps once before any test file runs: the browser tests and `npm start`'s
 * test serve them from dist/, and two builds at once would write the same folder.
 */
export default function packageApps(): void {
  execFileSync('npm', ['run', 'package'], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: 'ignore' });
}
