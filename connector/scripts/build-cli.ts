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
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const CONNECTOR = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = resolve(CONNECTOR, 'dist');
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

export async function buildCli(): Promise<void> {
  // Old chunks have hashed names: start from an empty folder so none is left behind.
  await rm(OUT_DIR, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: CONNECTOR,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: OUT_DIR,
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
  await writeFile(resolve(OUT_DIR, STAMP_FILE), `${JSON.stringify(stamp)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  await buildCli();
  const ms = Math.round(performance.now() - started);
  console.log(`frontline CLI compiled to ${relative(process.cwd(), OUT_DIR) || '.'} in ${ms} ms`);
}
