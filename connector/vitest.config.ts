import { defineConfig } from 'vitest/config';

export default defineConfig({
  // PGlite starts a WASM Postgres per store: on a loaded 2-core machine that can take seconds.
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
