import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { build } from 'esbuild';

/**
 * The ZAF SDK as a browser script, for the CDN URL the app's pages load
 * (https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js), which a test cannot
 * reach. Built from the npm copy (2.0.11, CommonJS): the same postMessage protocol as the CDN
 * build, without its newer origin allow-list and context()/metadata() helpers (zendesk.md 3.1),
 * so the app must not need those.
 */
export async function zafSdkScript(): Promise<string> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('zendesk_app_framework_sdk');
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: dirname(entry),
    bundle: true,
    format: 'iife',
    globalName: 'ZAFClient',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export const ZAF_SDK_URL = 'https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js';
