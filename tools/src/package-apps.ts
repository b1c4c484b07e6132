// npm run package: dist/zendesk-app.zip and dist/freshdesk-app.zip, ready to upload.
import { join } from 'node:path';
import { packageApps } from './build/package-apps.js';
import { REPO_ROOT } from './build/paths.js';

const result = await packageApps(REPO_ROOT, join(REPO_ROOT, 'dist'));
if (result.problems.length > 0) {
  for (const p of result.problems) console.error(`✗ [${p.rule}] ${p.message}`);
  console.error(`${result.problems.length} problem(s); no zip written. Fix them and run npm run package again.`);
  process.exit(1);
}
console.log(`Frontline ${result.version}`);
console.log(`  ${result.zendesk.zip}  (from ${result.zendesk.app})`);
console.log(`  ${result.zendesk.web}  (pages the connector serves at /apps/zendesk/)`);
console.log(`  ${result.freshdesk.zip}  (from ${result.freshdesk.app})`);
if (result.zendesk.placeholderBundle || result.freshdesk.placeholderBundle) {
  console.warn('warning: no UI bundle in apps/<vendor>/dist/sidebar.js; a placeholder that says so was packaged');
}
