import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { copyBundle } from './bundle.js';
import type { Sources } from './paths.js';

export interface FreshdeskBuild {
  /** The FDK layout: manifest.json, config/, app/ (pages, scripts/, styles/images/icon.svg). */
  app: string;
  placeholderBundle: boolean;
}

/**
 * Platform 3.0 manifests carry no version: the Marketplace numbers each upload, so there is
 * nothing to stamp here.
 */
export async function buildFreshdeskApp(sources: Sources, outDir: string): Promise<FreshdeskBuild> {
  const app = join(outDir, 'freshdesk-app');
  await rm(app, { recursive: true, force: true });
  await mkdir(app, { recursive: true });
  await cp(sources.manifests, app, { recursive: true });
  await cp(sources.pages, join(app, 'app'), { recursive: true });
  const { placeholder } = await copyBundle(sources.bundle, join(app, 'app/scripts'));
  return { app, placeholderBundle: placeholder };
}
