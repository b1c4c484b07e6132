#!/usr/bin/env node
// Runs the TypeScript sources directly: the workspaces ship no build step, so a fresh clone
// works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
