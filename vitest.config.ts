import { defineConfig } from 'vitest/config';
import { scaled } from './drivers/device/time-scale.ts';

/**
 * Test runner settings. The suite is split into named projects that `npm test` runs as separate
 * steps (scripts/test.mjs): unit tests beside the code, integration over real pseudo-terminals,
 * CUPS and platform servers, end-to-end in real Chromium, and the crash suite. Every budget
 * here is an idle-desktop figure stretched by the one time scale (KIOSK24_TIME_SCALE).
 */
const unit = [
  'kiosk/**/*.test.ts',
  'drivers/**/*.test.ts',
  'printer-templates/**/*.test.ts',
  'flows/**/*.test.ts',
  'scripts/**/*.test.ts',
  'test/support/**/*.test.ts',
  'test/lint/**/*.test.ts',
  '*.test.ts',
];

export default defineConfig({
  test: {
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: scaled(30_000),
    hookTimeout: scaled(60_000),
    // expect.poll() waits 1 s by default; a page or a simulator can take longer under load.
    expect: { poll: { timeout: scaled(1000) } },
    pool: 'forks',
    // The wipe tests prove with a forced GC that no resident object outlives its session.
    execArgv: ['--expose-gc'],
    reporters: ['default'],
    // Tests spawn the compiled kiosk24 and Electron main; this keeps them as fresh as the sources.
    globalSetup: ['./test/support/node-bundles-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: unit } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
      { extends: true, test: { name: 'crash', include: ['test/crash/**/*.test.ts'] } },
    ],
  },
});
