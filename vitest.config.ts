import { defineConfig } from 'vitest/config';

/** Test runner settings: every suite under the repo, real serial ptys and Chromium allowed time. */
export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The wipe tests prove with a forced GC that no resident object outlives its session.
    execArgv: ['--expose-gc'],
    reporters: ['default'],
    // Tests spawn the compiled kiosk24 and Electron main; this keeps them as fresh as the sources.
    globalSetup: ['./test/support/node-bundles-setup.ts'],
  },
});
