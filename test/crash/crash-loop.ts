import { readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { BridgeClient } from './bridge-client.ts';
import {
  driveJourney,
  JOURNEY_STEPS,
  newWitness,
  type JourneyPlan,
  type JourneyStep,
  type JourneyWitness,
} from './journey.ts';
import { spawnKiosk, type CrashPaths, type KioskProcess } from './kiosk-process.ts';

/**
 * The kill loop: start the kiosk, drive journeys, SIGKILL it at a point drawn from a seeded
 * PRNG (some milliseconds into start-up, or a step of a journey plus some jitter), restart,
 * repeat. The seed fixes every draw, so a failing seed replays the same kill plan.
 */

const PROFILES = ['resident-li', 'resident-wang'] as const;

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where one cycle's kill falls. */
export type KillPlan =
  { at: 'startup'; ms: number } | { at: JourneyStep; journey: number; jitterMs: number };

/** Draws the next kill point: a tenth in start-up, a third around the rating, the rest anywhere. */
export function planKill(random: () => number): KillPlan {
  const roll = random();
  if (roll < 0.1) return { at: 'startup', ms: Math.floor(random() * 1500) };
  const around: readonly JourneyStep[] =
    roll < 0.4 ? ['rating-shown', 'rating-pressed', 'thanks'] : JOURNEY_STEPS;
  const at = around[Math.floor(random() * around.length)] ?? 'attract';
  const journey = random() < 0.15 ? 1 : 0;
  const jitterMs = Math.floor(random() * (random() < 0.5 ? 60 : 500));
  return { at, journey, jitterMs };
}

/** What the loop did. */
export interface CrashLoopResult {
  kills: number;
  ms: number;
  killsPerMinute: number;
  witness: JourneyWitness;
  /** Every kiosk process id the loop started. */
  pids: number[];
  /** Problems seen while looping (a killed run's folder still there at the next start). */
  problems: string[];
  /** Every log line of every run, for the privacy check. */
  lines: string[];
}

/** Options of `runCrashLoop`. */
export interface CrashLoopOptions {
  paths: CrashPaths;
  seed: number;
  kills: number;
  /** Runs before each cycle, e.g. to take the platform down and bring it back. */
  beforeCycle?: (cycle: number) => void;
}

/** Runs `kills` start → journeys → SIGKILL cycles; throws on anything the kill cannot explain. */
export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoopResult> {
  const random = seededRandom(options.seed);
  const witness = newWitness();
  const result: CrashLoopResult = {
    kills: 0,
    ms: 0,
    killsPerMinute: 0,
    witness,
    pids: [],
    problems: [],
    lines: [],
  };
  const started = performance.now();
  for (let cycle = 0; cycle < options.kills; cycle++) {
    options.beforeCycle?.(cycle);
    const plan = planKill(random);
    // The reader refuses the card it read last until it has seen the slot empty, which it
    // only looks at while reading: consecutive residents of one run hold different cards.
    const first = random() < 0.5 ? 0 : 1;
    const journeys: JourneyPlan[] = [0, 1, 2, 3].map((j) => ({
      profile: PROFILES[(first + j) % 2] ?? 'resident-li',
      score: 1 + Math.floor(random() * 5),
    }));
    const kiosk = spawnKiosk(options.paths);
    result.pids.push(kiosk.pid);
    try {
      await runCycle(kiosk, plan, journeys, witness, options.paths, result.problems);
    } catch (error) {
      await kiosk.kill();
      const tail = kiosk.lines.slice(-15).join('\n');
      throw new Error(
        `cycle ${cycle} (seed ${options.seed}, plan ${JSON.stringify(plan)}): ${(error as Error).message}\nkiosk log tail:\n${tail}`,
        { cause: error },
      );
    } finally {
      result.lines.push(...kiosk.lines);
    }
    result.kills += 1;
  }
  result.ms = performance.now() - started;
  result.killsPerMinute = result.kills / (result.ms / 60_000);
  return result;
}

async function runCycle(
  kiosk: KioskProcess,
  plan: KillPlan,
  journeys: JourneyPlan[],
  witness: JourneyWitness,
  paths: CrashPaths,
  problems: string[],
): Promise<void> {
  const kill: { timer?: NodeJS.Timeout; done?: Promise<void> } = {};
  const killAfter = (ms: number): void => {
    if (kill.timer !== undefined) return;
    kill.timer = setTimeout(() => {
      kill.done = kiosk.kill();
    }, ms);
  };
  const diedByItself = kiosk.exited.then(() => {
    if (kill.done === undefined) throw new Error(`the kiosk (pid ${kiosk.pid}) exited by itself`);
  });
  diedByItself.catch(() => undefined);
  if (plan.at === 'startup') {
    killAfter(plan.ms);
    await diedByItself;
    return;
  }
  const url = await Promise.race([kiosk.ready, diedByItself.then(() => '')]);
  if (url !== '') {
    problems.push(...leftoverRunFolders(paths.tmp, kiosk.pid));
    await driveUntilKilled(url, plan, journeys, witness, kill, killAfter, diedByItself);
  }
  await kill.done;
}

async function driveUntilKilled(
  url: string,
  plan: Exclude<KillPlan, { at: 'startup' }>,
  journeys: JourneyPlan[],
  witness: JourneyWitness,
  kill: { timer?: NodeJS.Timeout; done?: Promise<void> },
  killAfter: (ms: number) => void,
  died: Promise<void>,
): Promise<void> {
  let client: BridgeClient | undefined;
  try {
    client = await Promise.race([BridgeClient.connect(url), died.then(() => undefined)]);
    for (let j = 0; client !== undefined && kill.done === undefined; j++) {
      // The planned step may never come (no print while the platform is down): then the
      // next journey's first step is the kill point.
      const onStep = (step: JourneyStep): void => {
        if ((j === plan.journey && step === plan.at) || j > plan.journey) killAfter(plan.jitterMs);
      };
      const planned = journeys[j % journeys.length] ?? journeys[0]!;
      await Promise.race([driveJourney(client, planned, witness, onStep), died]);
    }
  } catch (error) {
    // Once the kill is under way, whatever the journey was doing fails; that is the point.
    // Before it, the error is real.
    if (kill.done === undefined) {
      clearTimeout(kill.timer);
      throw error;
    }
  } finally {
    client?.close();
  }
}

/** Run folders under `tmp` of processes other than `livePid`: a killed run's leftovers. */
export function leftoverRunFolders(tmp: string, livePid?: number): string[] {
  return readdirSync(tmp)
    .filter((name) => name.startsWith('kiosk24-run-'))
    .filter((name) => Number(name.split('-')[2]) !== livePid)
    .map(
      (name) =>
        `run folder ${name} of a dead kiosk is still there${livePid ? ` after kiosk ${livePid} started` : ''}`,
    );
}
