import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Property tests run hundreds of cases; on a loaded 2-core CI machine they need more than 5 s.
  test: { include: ['src/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
});
