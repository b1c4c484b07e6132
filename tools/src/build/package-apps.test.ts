import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAppFolder } from '../app-files.js';
import { buildIntoTemp } from '../testing/app-copy.js';
import { readZip } from '../zip-reader.js';
import { packageApps } from './package-apps.js';
import { REPO_ROOT } from './paths.js';

const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

describe('npm run package', () => {
  let built: Awaited<ReturnType<typeof buildIntoTemp>>;
  beforeAll(async () => {
    built = await buildIntoTemp();
  });
  afterAll(() => built.dispose());

  it('writes both zips, with nothing to fix', () => {
    expect(built.result.problems).toEqual([]);
    expect(built.result.zendesk.zip).toBe(join(built.out, 'zendesk-app.zip'));
    expect(built.result.freshdesk.zip).toBe(join(built.out, 'freshdesk-app.zip'));
  });

  it('the Zendesk zip holds the app folder as Zendesk expects it, manifest at the root', async () => {
    const entries = readZip(await readFile(built.result.zendesk.zip));
    expect([...entries.keys()].sort()).toEqual([
      'assets/icon_nav_bar.svg',
      'assets/logo-small.png',
      'assets/logo.png',
      'manifest.json',
      'translations/de.json',
      'translations/en.json',
    ]);
    const folder = await readAppFolder(built.result.zendesk.app);
    for (const [path, data] of folder.files) expect(entries.get(path)?.equals(data), path).toBe(true);
  });

  it('the Freshdesk zip holds the FDK layout', async () => {
    const entries = readZip(await readFile(built.result.freshdesk.zip));
    expect([...entries.keys()].sort()).toEqual([
      'app/index.html',
      'app/scripts/sidebar.js',
      'app/styles/images/icon.svg',
      'app/team.html',
      'config/iparams.json',
      'config/requests.json',
      'manifest.json',
    ]);
  });

  it.skipIf(!hasUnzip)('the system unzip lists and tests both zips', () => {
    for (const zip of [built.result.zendesk.zip, built.result.freshdesk.zip]) {
      const list = spawnSync('unzip', ['-l', zip], { encoding: 'utf8' });
      expect(list.status).toBe(0);
      expect(list.stdout).toMatch(/\smanifest\.json\n/);
      expect(spawnSync('unzip', ['-t', zip], { encoding: 'utf8' }).stdout).toContain('No errors detected');
    }
  });

  it('stamps the root package.json version into the Zendesk manifest', async () => {
    const root = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const manifest = JSON.parse(await readFile(join(built.result.zendesk.app, 'manifest.json'), 'utf8'));
    expect(manifest.version).toBe(root.version);
    expect(built.result.version).toBe(root.version);
  });

  it('puts the Zendesk pages the connector serves beside the zip, loading the bundle next to them', async () => {
    const page = await readFile(join(built.result.zendesk.web, 'sidebar.html'), 'utf8');
    expect(page).toContain('src="./sidebar.js"');
    expect(page).toContain('zaf_sdk.min.js');
    expect((await readAppFolder(built.result.zendesk.web)).files.has('sidebar.js')).toBe(true);
  });
});

describe('the UI bundle', () => {
  let root: string;
  beforeAll(async () => {
    // A copy of the sources, so a fake bundle never lands in the real apps/*/dist.
    root = await mkdtemp(join(tmpdir(), 'frontline-repo-'));
    await cp(join(REPO_ROOT, 'package.json'), join(root, 'package.json'));
    await cp(join(REPO_ROOT, 'manifests'), join(root, 'manifests'), { recursive: true });
    for (const vendor of ['zendesk', 'freshdesk']) {
      await cp(join(REPO_ROOT, `apps/${vendor}/pages`), join(root, `apps/${vendor}/pages`), { recursive: true });
    }
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('is a placeholder that says it is missing when apps/<vendor>/dist/sidebar.js is absent', async () => {
    const result = await packageApps(root, join(root, 'dist'));
    expect(result.zendesk.placeholderBundle).toBe(true);
    expect(result.freshdesk.placeholderBundle).toBe(true);
    const script = await readFile(join(result.freshdesk.app, 'app/scripts/sidebar.js'), 'utf8');
    expect(script).toMatch(/TEMPORARY placeholder/);
    expect(script).toMatch(/the UI bundle is missing/);
  });

  it('is copied with everything beside it when the UI package built one', async () => {
    for (const vendor of ['zendesk', 'freshdesk']) {
      await mkdir(join(root, `apps/${vendor}/dist/chunks`), { recursive: true });
      await writeFile(join(root, `apps/${vendor}/dist/sidebar.js`), `import './chunks/a.js'; // ${vendor}\n`);
      await writeFile(join(root, `apps/${vendor}/dist/chunks/a.js`), 'export {};\n');
    }
    const result = await packageApps(root, join(root, 'dist'));
    expect(result.problems).toEqual([]);
    expect(result.freshdesk.placeholderBundle).toBe(false);
    const entries = readZip(await readFile(result.freshdesk.zip));
    expect(entries.get('app/scripts/sidebar.js')?.toString()).toBe("import './chunks/a.js'; // freshdesk\n");
    expect(entries.has('app/scripts/chunks/a.js')).toBe(true);
    expect(await readFile(join(result.zendesk.web, 'sidebar.js'), 'utf8')).toContain('// zendesk');
  });

  it('writes no zip when a rule fails, and says which', async () => {
    const out = join(root, 'dist-broken');
    await writeFile(
      join(root, 'manifests/freshdesk/app/styles/images/icon.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"></svg>',
    );
    const result = await packageApps(root, out);
    expect(result.problems.map((p) => p.rule)).toEqual(['freshdesk/icon-size']);
    expect((await readdir(out)).filter((f) => f.endsWith('.zip'))).toEqual([]);
  });

  it('refuses a root package.json without a version', async () => {
    await writeFile(join(root, 'package.json'), '{"name":"x"}');
    await expect(packageApps(root, join(root, 'dist'))).rejects.toThrow(/"version" is missing or not semver; set it/);
  });
});
