import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandboxPlatform } from '../../kiosk/core/platform/sandbox/index.ts';
import {
  journalProblems,
  orphanProcesses,
  outboxRatings,
  personalDataProblems,
  ratingProblems,
  sandboxRatings,
  systemRunFolders,
} from './checks.ts';
import { BridgeClient } from './bridge-client.ts';
import { driveJourney, type JourneyWitness } from './journey.ts';
import {
  leftoverRunFolders,
  runCrashLoop,
  seededRandom,
  type CrashLoopResult,
} from './crash-loop.ts';
import { spawnKiosk, writeCrashConfig, type CrashPaths } from './kiosk-process.ts';
import { waitFor, within } from '../support/time.ts';

/**
 * The whole crash scenario of "Nothing lost": the sandbox platform in this process (it outlives
 * every kill), the kill loop, one last clean start that drains the outbox, a SIGTERM, and the
 * checks. Returns the problems found rather than throwing, so the test shows them all at once.
 */

const flowFile = fileURLToPath(
  new URL('../../flows/si-payment-certificate/flow.json', import.meta.url),
);

/** The seed to use: `KIOSK24_CRASH_SEED` to replay, else a fresh one. */
export function crashSeed(): number {
  const fixed = process.env.KIOSK24_CRASH_SEED;
  return fixed === undefined || fixed === '' ? randomInt(2 ** 31) : Number(fixed);
}

/** The number of kills: `KIOSK24_CRASH_KILLS`, else `fallback`. */
export function crashKills(fallback: number): number {
  const wanted = Number(process.env.KIOSK24_CRASH_KILLS ?? fallback);
  return Number.isInteger(wanted) && wanted > 0 ? wanted : fallback;
}

/** How the platform behaves during the loop. */
export interface Outage {
  /** The cycle at which the platform goes down (persistent `unavailable`). */
  fromCycle: number;
  /** The cycle at which it comes back for good. */
  untilCycle: number;
  /**
   * The last this-many cycles of the outage start down and come back part-way through, while
   * the kiosk holds ratings in back-off: the drain then starts from the sender's timer, not
   * from a restart's kick.
   */
  flaps: number;
}

/** What a scenario did and found. */
export interface CrashReport {
  seed: number;
  loop: CrashLoopResult;
  ratingsJournaled: number;
  ratingsAtPlatform: number;
  problems: string[];
}

/** Runs the scenario with `kills` kills from `seed`; with `outage`, the platform fails a while. */
export async function runCrashScenario(options: {
  seed: number;
  kills: number;
  outage?: Outage;
}): Promise<CrashReport> {
  const flow = JSON.parse(readFileSync(flowFile, 'utf8')) as {
    id: string;
    title: Record<string, string>;
  };
  const sandbox = await startSandboxPlatform({
    services: [{ id: flow.id, name: flow.title['zh-CN'] ?? flow.id }],
  });
  const paths = writeCrashConfig(mkdtempSync(join(tmpdir(), 'kiosk24-crash-')), sandbox.baseUrl);
  try {
    const { outage } = options;
    const flapDelay = seededRandom(options.seed ^ 0x5eed);
    let comeBack: NodeJS.Timeout | undefined;
    const loop = await runCrashLoop({
      paths,
      seed: options.seed,
      kills: options.kills,
      beforeCycle: (cycle) => {
        clearTimeout(comeBack);
        if (!outage || cycle < outage.fromCycle || cycle > outage.untilCycle) return;
        if (cycle === outage.untilCycle) return sandbox.faults.clear();
        sandbox.faults.set({ down: 'unavailable' });
        if (cycle >= outage.untilCycle - outage.flaps) {
          const ms = 1000 + Math.floor(flapDelay() * 2000);
          comeBack = setTimeout(() => sandbox.faults.clear(), ms);
        }
      },
    }).finally(() => clearTimeout(comeBack));
    sandbox.faults.clear();
    // The last kill's journal as it lies: the file, -wal and -shm must not hold personal data.
    const problems = [...loop.problems, ...personalDataProblems([dirname(paths.journal)])];
    const pids = [...loop.pids];
    const calm = outage
      ? {
          down: () => sandbox.faults.set({ down: 'unavailable' }),
          up: () => sandbox.faults.clear(),
        }
      : undefined;
    pids.push(await finalCleanRun(paths, problems, loop.witness, calm));
    const outbox = outboxRatings(paths.journal);
    const stored = await sandboxRatings(sandbox.baseUrl);
    problems.push(
      ...ratingProblems(outbox, stored, loop.witness, outage !== undefined),
      ...journalProblems(paths.journal, loop.witness),
      ...personalDataProblems([paths.root], loop.lines),
      ...leftoverRunFolders(paths.tmp),
      ...systemRunFolders(pids),
      ...orphanProcesses(paths.root),
    );
    return {
      seed: options.seed,
      loop,
      ratingsJournaled: outbox.length,
      ratingsAtPlatform: stored.length,
      problems,
    };
  } finally {
    await sandbox.close();
    rmSync(paths.root, { recursive: true, force: true });
  }
}

/**
 * Starts the kiosk once more, waits until no rating is pending in the outbox, and stops it with
 * SIGTERM. With `calm`, three residents rate while the platform is down and it comes back with
 * nobody at the kiosk, so the sender's timers alone must drain it. Returns the kiosk's pid.
 */
async function finalCleanRun(
  paths: CrashPaths,
  problems: string[],
  witness: JourneyWitness,
  calm?: { down(): void; up(): void },
): Promise<number> {
  calm?.down();
  const kiosk = spawnKiosk(paths);
  try {
    const url = await within(kiosk.ready, 'the final kiosk to serve', 30_000);
    // Serving a snapshot means start-up is over (its SIGTERM handler is in place, which the
    // "browser host at" line comes a moment before).
    const client = await BridgeClient.connect(url);
    await client.screen(['attract']);
    if (calm) {
      for (const profile of ['resident-li', 'resident-wang', 'resident-li'] as const) {
        await driveJourney(client, { profile, score: 4 }, witness, () => undefined);
      }
      calm.up();
    }
    client.close();
    problems.push(...leftoverRunFolders(paths.tmp, kiosk.pid));
    await waitForDrain(paths.journal, 60_000);
    const code = await kiosk.stop();
    if (code !== 0) {
      const tail = kiosk.lines.slice(-8).join('\n');
      problems.push(`the final kiosk exited with ${code} after SIGTERM; its log ended:\n${tail}`);
    }
    problems.push(...personalDataProblems([], kiosk.lines));
  } finally {
    await kiosk.kill();
  }
  return kiosk.pid;
}

/** Polls the journal (read-only) until no rating is pending; the timeout says how many were. */
async function waitForDrain(journalPath: string, timeoutMs: number): Promise<void> {
  let pending = 0;
  await waitFor(
    () => (pending = outboxRatings(journalPath).filter((r) => r.state === 'pending').length) === 0,
    'the outbox to drain',
    timeoutMs,
  ).catch((error: unknown) => {
    throw new Error(`${(error as Error).message} (${pending} ratings pending)`);
  });
}
