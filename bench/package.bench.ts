// How long `npm run package:deb` takes after `npm run build`, and how big the package is: the
// release build (xz) and the uncompressed build the package test makes, each beside its goal.
// Run: npx tsx bench/package.bench.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The package test builds uncompressed on every run: it must stay a matter of seconds. */
const TEST_BUILD_GOAL_S = 10;
/** A release build on a 2-core build machine, xz being most of it. */
const RELEASE_BUILD_GOAL_S = 90;
/** What each of thousands of terminals downloads over a government intranet per update. */
const DOWNLOAD_GOAL_MIB = 15;

/** Builds the package with `compression`; returns wall seconds, file MiB and the script's line. */
function build(compression: string): { seconds: number; mib: number; said: string } {
  const out = mkdtempSync(join(tmpdir(), 'kiosk24-bench-deb-'));
  try {
    const started = performance.now();
    const result = spawnSync(
      process.execPath,
      ['scripts/package-deb.mjs', '--out', out, '--compression', compression],
      { cwd: root, encoding: 'utf8' },
    );
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 0) throw new Error(`package-deb failed: ${result.stderr}`);
    const [deb] = readdirSync(out);
    if (deb === undefined) throw new Error('package-deb wrote no file');
    return { seconds, mib: statSync(join(out, deb)).size / 2 ** 20, said: result.stdout.trim() };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const line = (name: string, value: string, goal: string, ratio: number): void =>
  console.log(
    `${name.padEnd(40)} ${value.padStart(10)}   goal ${goal.padEnd(10)} ratio to goal ${ratio.toFixed(2)} ${ratio <= 1 ? 'ok' : 'MISSED'}`,
  );

console.log('kiosk24 .deb build (after npm run build), this machine');
const test = build('none');
line(
  'uncompressed build (package test)',
  `${test.seconds.toFixed(1)} s`,
  `≤ ${TEST_BUILD_GOAL_S} s`,
  test.seconds / TEST_BUILD_GOAL_S,
);
const release = build('xz');
line(
  'release build (xz)',
  `${release.seconds.toFixed(1)} s`,
  `≤ ${RELEASE_BUILD_GOAL_S} s`,
  release.seconds / RELEASE_BUILD_GOAL_S,
);
line(
  'release package size',
  `${release.mib.toFixed(1)} MiB`,
  `≤ ${DOWNLOAD_GOAL_MIB} MiB`,
  release.mib / DOWNLOAD_GOAL_MIB,
);
console.log(`  uncompressed: ${test.mib.toFixed(1)} MiB; ${release.said}`);
