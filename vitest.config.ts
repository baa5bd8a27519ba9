import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One PGlite instance per worker costs ~4 s; two workers match the 2-core machines we run on.
export default defineConfig({
  // Web modules under test import the server's pure domain as the web build does.
  resolve: { alias: { '@server': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/worker-database.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Workers keep their migrated database across files; tests isolate by a fresh organization.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
