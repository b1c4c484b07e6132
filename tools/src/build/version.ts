import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The product version every app package is stamped with: the root package.json's. */
export async function readProductVersion(root: string): Promise<string> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string' || !/^\d+\.\d+\.\d+/.test(pkg.version)) {
    throw new Error(`${join(root, 'package.json')}: "version" is missing or not semver; set it, e.g. "0.1.0"`);
  }
  return pkg.version;
}
