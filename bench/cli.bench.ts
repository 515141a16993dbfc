// How fast kiosk24 answers: `flow check` on the built-in flow and `--help`, from the compiled
// bundle (dist/cli, rebuilt first if a source is newer) and from the sources through tsx, each
// printed beside its goal. Run: npx tsx bench/cli.bench.ts
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { bundleNodeEntries, CLI_BUNDLE, nodeBundlesAreStale } from '../scripts/node-bundles.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const RUNS = 7;
const GOAL_MS = 1000;

if (nodeBundlesAreStale()) await bundleNodeEntries();

const entries = {
  compiled: [process.execPath, CLI_BUNDLE],
  'source (tsx)': [join(root, 'node_modules', '.bin', 'tsx'), 'kiosk/cli/bin.ts'],
} as const;
const commands = {
  'flow check flows/si-payment-certificate': ['flow', 'check', 'flows/si-payment-certificate'],
  '--help': ['--help'],
} as const;

/** Median wall time (ms) of `RUNS` runs, after one unmeasured run that warms the disk cache. */
function medianMs(command: readonly string[], args: readonly string[]): number {
  const [file, ...prefix] = command;
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    const result = spawnSync(file!, [...prefix, ...args], {
      cwd: root,
      env: { ...process.env, KIOSK24_CONFIG: '' },
      encoding: 'utf8',
    });
    const elapsed = performance.now() - started;
    if (result.status !== 0) {
      throw new Error(`kiosk24 ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    }
    if (i > 0) times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

console.log(`kiosk24 command latency, median of ${RUNS} runs (process start to exit)`);
for (const [command, args] of Object.entries(commands)) {
  const figures: Record<string, number> = {};
  for (const [entry, run] of Object.entries(entries)) {
    const ms = medianMs(run, args);
    figures[entry] = ms;
    const ratio = ms / GOAL_MS;
    console.log(
      `${`${command} [${entry}]`.padEnd(58)} ${`${ms.toFixed(0)} ms`.padStart(8)}   goal ≤ ${GOAL_MS} ms   ratio to goal ${ratio.toFixed(2)} ${ratio <= 1 ? 'ok' : 'MISSED'}`,
    );
  }
  const speedup = (figures['source (tsx)'] ?? NaN) / (figures.compiled ?? NaN);
  console.log(`  compiled is ${speedup.toFixed(1)}× faster than the source run`);
}
