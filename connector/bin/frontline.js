#!/usr/bin/env node
// Runs the compiled CLI in connector/dist when it was built from the sources as they are now
// (`npm install` builds it); otherwise, or with FRONTLINE_FROM_SOURCES=1, the TypeScript sources
// through tsx, so an edited checkout never runs stale code and a fresh one works without a build.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { currentBuild } from './current-build.js';

const build =
  process.env.FRONTLINE_FROM_SOURCES === '1' ? null : currentBuild(fileURLToPath(new URL('..', import.meta.url)));
const { main } = build === null ? await importSources() : await import(pathToFileURL(build).href);
process.exitCode = await main(process.argv.slice(2));
// A command is over when main returns: what it left behind (a Redis client still retrying, a
// library's timer) gets a moment to close, then the process ends instead of lingering.
setTimeout(() => process.exit(), 1_000).unref();

async function importSources() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli/main.ts');
}
