/**
 * Crash-loop speed: kills per minute of the "Nothing lost" harness (test/crash), which starts
 * the compiled kiosk24, drives journeys over the bridge and SIGKILLs it at seeded random points.
 * The suite needs 200 kills to stay under 8 minutes, so the goal is 25 kills/min on a loaded
 * 2-core machine. Also prints whether the run's checks found problems (they fail the suite, not
 * the benchmark). KIOSK24_CRASH_KILLS (default 30) and KIOSK24_CRASH_SEED apply.
 * Run: npx tsx bench/crash.bench.ts
 */
import { bundleNodeEntries, nodeBundlesAreStale } from '../scripts/node-bundles.mjs';
import { crashKills, crashSeed, runCrashScenario } from '../test/crash/harness.ts';

const GOAL_KILLS_PER_MINUTE = 25;

if (nodeBundlesAreStale()) await bundleNodeEntries();
const seed = crashSeed();
const report = await runCrashScenario({ seed, kills: crashKills(30) });
const { loop } = report;
console.log(`seed ${seed} (replay: KIOSK24_CRASH_SEED=${seed})`);
console.log(
  `${loop.kills} kills in ${(loop.ms / 1000).toFixed(1)} s: ${loop.killsPerMinute.toFixed(1)} kills/min ` +
    `(goal >= ${GOAL_KILLS_PER_MINUTE}) ${loop.killsPerMinute >= GOAL_KILLS_PER_MINUTE ? 'ok' : 'SLOW'}`,
);
console.log(
  `${loop.witness.thanked.length} ratings thanked, ${report.ratingsJournaled} journaled, ` +
    `${report.ratingsAtPlatform} at the platform; ${report.problems.length} problems`,
);
for (const problem of report.problems) console.log(`  problem: ${problem}`);
