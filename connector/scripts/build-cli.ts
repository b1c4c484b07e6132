/**
 * Compiles the `frontline` CLI to JavaScript in connector/dist, so production does not compile
 * TypeScript on every run: `npm run build -w @frontline/connector` (the root `prepare` script runs
 * it on `npm install` / `npm ci`).
 *
 * One ESM bundle with code splitting: the lazy `await import(...)` of the runtime and the HTTP
 * server stay separate chunks, so `--help` and `kpi` load little. The workspace packages
 * (`@frontline/*`, whose exports point at .ts sources) are bundled; every npm dependency stays
 * external and is loaded from node_modules as before. Last, `build-stamp.json` records each
 * source the bundle was made from: bin/frontline.js runs the bundle only while they are unchanged.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { currentBuild } from '../bin/current-build.js';

const CONNECTOR = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = resolve(CONNECTOR, 'dist');
/** Where a build is written before it replaces the one in OUT_DIR, and where the old one goes. */
const NEXT_DIR = resolve(CONNECTOR, 'dist.next');
const OLD_DIR = resolve(CONNECTOR, 'dist.old');
/** Read by bin/current-build.js, which keeps the same name and shape. */
const STAMP_FILE = 'build-stamp.json';

/** What the bundle was built from: each source (relative to connector/) as it was then. */
interface BuildStamp {
  readonly entry: string;
  readonly sources: readonly { path: string; size: number; mtimeMs: number; sha256: string }[];
}

/** npm packages stay external; only the workspace's own TypeScript packages are bundled. */
const externalDependencies: Plugin = {
  name: 'external-dependencies',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@frontline/') ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * `import.meta.url` in a bundled source would name the chunk in connector/dist, not the source:
 * paths resolved from it (the apps' dist folder next to the repository root) would point
 * elsewhere. Each use is replaced by the source file's own URL, written relative to the chunk,
 * so it resolves the same from the bundle as from the source, wherever the checkout lies.
 */
const sourceRelativeImportMeta: Plugin = {
  name: 'source-relative-import-meta',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromChunk = relative(OUT_DIR, args.path).split('\\').join('/');
      return {
        contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromChunk)}, import.meta.url).href`),
        loader: 'ts',
      };
    });
  },
};

async function stampOf(inputs: readonly string[]): Promise<BuildStamp> {
  const sources = await Promise.all(
    inputs.map(async (input) => {
      const path = resolve(CONNECTOR, input);
      const [info, content] = await Promise.all([stat(path), readFile(path)]);
      return {
        path: relative(CONNECTOR, path),
        size: info.size,
        mtimeMs: info.mtimeMs,
        sha256: createHash('sha256').update(content).digest('hex'),
      };
    }),
  );
  return { entry: 'main.js', sources };
}

/**
 * Compiles the CLI into connector/dist unless it already holds a build of the sources as they
 * are; returns whether it compiled. The new build is written beside the old one and swapped in
 * by renaming, so a CLI starting meanwhile finds either build whole, or none and runs the sources.
 */
export async function buildCli({ force = false } = {}): Promise<boolean> {
  // Rewriting an identical build under running CLIs (the tests run some while `npm run package`
  // builds) could only break them.
  if (!force && currentBuild(CONNECTOR) !== null) return false;
  await rm(NEXT_DIR, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: CONNECTOR,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: NEXT_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    metafile: true,
    logLevel: 'warning',
    plugins: [externalDependencies, sourceRelativeImportMeta],
  });
  // Written last: a build that failed half way has no stamp, and the bin keeps to the sources.
  const stamp = await stampOf(Object.keys(result.metafile.inputs));
  await writeFile(resolve(NEXT_DIR, STAMP_FILE), `${JSON.stringify(stamp)}\n`);
  await rm(OLD_DIR, { recursive: true, force: true });
  await rename(OUT_DIR, OLD_DIR).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error; // the first build: nothing to move aside
  });
  await rename(NEXT_DIR, OUT_DIR);
  await rm(OLD_DIR, { recursive: true, force: true });
  return true;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const built = await buildCli({ force: process.argv.includes('--force') });
  const ms = Math.round(performance.now() - started);
  const where = relative(process.cwd(), OUT_DIR) || '.';
  console.log(built ? `frontline CLI compiled to ${where} in ${ms} ms` : `frontline CLI in ${where} is up to date`);
}
