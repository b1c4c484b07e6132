import { cp, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const BUNDLE_ENTRY = 'sidebar.js';

/**
 * Copies the UI bundle (every file of `from`, entry `sidebar.js`) into `to`. Until the UI
 * package builds one, writes a TEMPORARY placeholder entry that says so on the page.
 */
export async function copyBundle(from: string, to: string): Promise<{ placeholder: boolean }> {
  await mkdir(to, { recursive: true });
  const entry = await stat(join(from, BUNDLE_ENTRY)).catch(() => null);
  if (entry?.isFile()) {
    await cp(from, to, { recursive: true, dereference: true });
    return { placeholder: false };
  }
  const message =
    `Frontline: the UI bundle is missing from this build (${join(from, BUNDLE_ENTRY)}). ` +
    'Build apps/sidebar-ui, then run npm run package again.';
  await writeFile(
    join(to, BUNDLE_ENTRY),
    [
      '// TEMPORARY placeholder written by tools/src/build/bundle.ts: the real bundle was not built.',
      `const root = document.getElementById('root');`,
      `if (root) root.textContent = ${JSON.stringify(message)};`,
      `console.error(${JSON.stringify(message)});`,
      '',
    ].join('\n'),
  );
  return { placeholder: true };
}
