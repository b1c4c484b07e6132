import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readAppFolder } from '../app-files.js';
import { FRESHDESK_RULES } from '../rules/freshdesk-rules.js';
import { runRules, type Problem } from '../rules/rule.js';
import { ZENDESK_RULES } from '../rules/zendesk-rules.js';
import { buildFreshdeskApp } from './freshdesk-app.js';
import { sourcesOf } from './paths.js';
import { readProductVersion } from './version.js';
import { buildZendeskApp } from './zendesk-app.js';
import { zipFolder } from './zip-folder.js';

export interface PackageResult {
  version: string;
  zendesk: { app: string; web: string; zip: string; placeholderBundle: boolean };
  freshdesk: { app: string; zip: string; placeholderBundle: boolean };
  problems: Problem[];
}

/**
 * Builds both app folders under `outDir`, checks them with our ports of the vendors' rules and,
 * only if they pass, zips them: a zip in dist/ is always one that passed.
 */
export async function packageApps(root: string, outDir: string): Promise<PackageResult> {
  await mkdir(outDir, { recursive: true });
  const version = await readProductVersion(root);
  const zendesk = await buildZendeskApp(sourcesOf('zendesk', root), outDir, version);
  const freshdesk = await buildFreshdeskApp(sourcesOf('freshdesk', root), outDir);
  const problems = [
    ...runRules(ZENDESK_RULES, await readAppFolder(zendesk.app)),
    ...runRules(FRESHDESK_RULES, await readAppFolder(freshdesk.app)),
  ];
  const zendeskZip = join(outDir, 'zendesk-app.zip');
  const freshdeskZip = join(outDir, 'freshdesk-app.zip');
  if (problems.length === 0) {
    await zipFolder(zendesk.app, zendeskZip);
    await zipFolder(freshdesk.app, freshdeskZip);
  }
  return {
    version,
    zendesk: { ...zendesk, zip: zendeskZip },
    freshdesk: { ...freshdesk, zip: freshdeskZip },
    problems,
  };
}
