// Runs our ports of the vendors' package rules on built app folders:
//   npx tsx tools/src/check-apps.ts [--zendesk DIR] [--freshdesk DIR]   (default: dist/*-app)
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readAppFolder } from './app-files.js';
import { REPO_ROOT } from './build/paths.js';
import { FRESHDESK_RULES } from './rules/freshdesk-rules.js';
import { runRules } from './rules/rule.js';
import { ZENDESK_RULES } from './rules/zendesk-rules.js';

const { values } = parseArgs({
  options: {
    zendesk: { type: 'string', default: join(REPO_ROOT, 'dist/zendesk-app') },
    freshdesk: { type: 'string', default: join(REPO_ROOT, 'dist/freshdesk-app') },
  },
});

let failed = 0;
for (const [name, dir, rules] of [
  ['Zendesk', values.zendesk, ZENDESK_RULES],
  ['Freshdesk', values.freshdesk, FRESHDESK_RULES],
] as const) {
  const app = await readAppFolder(dir).catch(() => null);
  if (app === null) {
    console.error(`${name}: ${dir} cannot be read; run npm run package first or pass --${name.toLowerCase()} DIR`);
    failed++;
    continue;
  }
  const problems = runRules(rules, app);
  console.log(`${name} (${dir}): ${rules.length} rules, ${problems.length} problem(s)`);
  for (const p of problems) console.log(`  ✗ [${p.rule}] ${p.message}`);
  failed += problems.length;
}
process.exit(failed > 0 ? 1 : 0);
