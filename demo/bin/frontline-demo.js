#!/usr/bin/env node
// Runs the TypeScript sources directly, like the frontline CLI: no build step for node code.
import { register } from 'tsx/esm/api';

register();
await import('../src/start.ts');
