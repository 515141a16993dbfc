// `kiosk24 flow test` per built-in flow, in process: the time to explore every path (median of
// a few runs, after one warm-up), the paths and distinct states explored, and the same with
// random walks added; the largest flow's time printed beside the issue's goal.
// Run: npx tsx bench/flow-test.bench.ts
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { testFlow, type FlowTestResult } from '../kiosk/core/flow-test/explore.ts';
import { loadFlowPackage } from '../kiosk/core/runner/load-package.ts';

const flowsDir = fileURLToPath(new URL('../flows/', import.meta.url));
/** Timed runs per flow (after one warm-up), and walks of the second figure. */
const [RUNS, WALKS] = [5, 200] as const;
/** Issue 10: the largest built-in flow explored in at most 5 s on the kiosk's 2-core board. */
const GOAL_MS = 5000;

const bytesUnder = (dir: string): number =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => statSync(join(dir, f)))
    .reduce((sum, stat) => sum + (stat.isFile() ? stat.size : 0), 0);

async function timed(
  run: () => Promise<FlowTestResult>,
): Promise<{ ms: number; result: FlowTestResult }> {
  await run();
  const times: number[] = [];
  let result: FlowTestResult | undefined;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    result = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)]!, result: result! };
}

const flows = readdirSync(flowsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && readdirSync(join(flowsDir, e.name)).includes('flow.json'))
  .map((e) => ({
    name: e.name,
    dir: join(flowsDir, e.name),
    bytes: bytesUnder(join(flowsDir, e.name)),
  }))
  .sort((a, b) => b.bytes - a.bytes);
if (flows.length === 0) throw new Error('no flow package under flows/');

console.log(
  `kiosk24 flow test: breadth-first exploration on the real runtime, median of ${RUNS} runs`,
);
let largestMs = 0;
for (const [i, flow] of flows.entries()) {
  const pkg = loadFlowPackage(flow.dir);
  const search = await timed(() => testFlow(pkg));
  const walked = await timed(() => testFlow(pkg, { walks: WALKS, seed: 1 }));
  if (i === 0) largestMs = search.ms;
  const r = search.result;
  const cov = Object.entries(r.coverage)
    .map(([axis, c]) => `${axis} ${c.covered}/${c.total}`)
    .join(', ');
  console.log(`${flow.name} (${(flow.bytes / 1024).toFixed(1)} KiB)${r.ok ? '' : '  NOT OK'}
  search: ${search.ms.toFixed(0)} ms, ${r.states} distinct states, ${r.paths} paths (steps ${r.lengths.shortest}-${r.lengths.longest}, mean ${r.lengths.mean.toFixed(1)}), ${r.problems.length} problems
  coverage: ${cov}
  with ${WALKS} walks: ${walked.ms.toFixed(0)} ms, ${walked.result.paths} paths`);
}
const ratio = largestMs / GOAL_MS;
console.log(
  `${`flow test, largest flow (${flows[0]!.name})`.padEnd(44)} ${`${largestMs.toFixed(0)} ms`.padStart(14)}   goal ≤ ${GOAL_MS} ms   ratio to goal ${ratio.toFixed(2)} ${ratio <= 1 ? 'ok' : 'MISSED'}`,
);
