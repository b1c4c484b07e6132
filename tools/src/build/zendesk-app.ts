import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { copyBundle } from './bundle.js';
import type { Sources } from './paths.js';

export interface ZendeskBuild {
  /** The folder to zip and upload: manifest.json, translations/, assets/. */
  app: string;
  /**
   * The pages the connector serves at {connector_url}/apps/zendesk/: with signedUrls, Zendesk
   * POSTs its signed token to the location URL, which a static asset inside the app package
   * cannot read, so the locations are remote (reference/zendesk.md §3.4).
   */
  web: string;
  placeholderBundle: boolean;
}

export async function buildZendeskApp(sources: Sources, outDir: string, version: string): Promise<ZendeskBuild> {
  const app = join(outDir, 'zendesk-app');
  const web = join(outDir, 'zendesk-web');
  await rm(app, { recursive: true, force: true });
  await rm(web, { recursive: true, force: true });
  await mkdir(app, { recursive: true });

  const manifest = JSON.parse(await readFile(join(sources.manifests, 'manifest.json'), 'utf8')) as object;
  await writeFile(join(app, 'manifest.json'), `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
  await cp(join(sources.manifests, 'translations'), join(app, 'translations'), { recursive: true });
  await cp(join(sources.manifests, 'assets'), join(app, 'assets'), { recursive: true });

  await cp(sources.pages, web, { recursive: true });
  const { placeholder } = await copyBundle(sources.bundle, web);
  return { app, web, placeholderBundle: placeholder };
}
