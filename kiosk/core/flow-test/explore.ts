import type { FlowPackage } from '../runner/flow-package.ts';
import { CoverageHits } from './coverage.ts';
import { coverageItems, type CoverageItems } from './model.ts';
import type { Finding, Problem } from './problems.ts';
import { ExploredSession } from './session.ts';
import { sessionMachine, type SessionMachine } from './session-machine.ts';
import { formatStep, type Step } from './steps.ts';
import { trapProblems, type StateGraph } from './traps.ts';

/**
 * Distinct states the breadth-first search explores before it gives up. The built-in flow has a
 * few hundred; a vendor flow with a thousand times that is no longer testable path by path and
 * should be split, and the cap keeps `flow test` within seconds and a few hundred MB.
 */
export const MAX_EXPLORED_STATES = 20_000;

/** Steps of one random walk: far longer than any journey, so interleavings pile up. */
export const MAX_WALK_STEPS = 200;

/** The kiosk's idle timeout when the config does not set one (`session.idleTimeoutSeconds`). */
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 90;

/** What to explore besides the breadth-first search. */
export interface ExploreOptions {
  /** Random walks after the search (0: none). */
  walks?: number;
  /** Seed of the walks; the same seed walks the same paths. */
  seed?: number;
  idleTimeoutSeconds?: number;
  /** Overrides MAX_EXPLORED_STATES (tests of the cap). */
  maxStates?: number;
}

/** Coverage of one axis; `missing` names the items no explored path reached. */
export interface AxisCoverage {
  covered: number;
  total: number;
  missing: string[];
}

/** What `flow test` found. */
export interface FlowTestResult {
  ok: boolean;
  coverage: Record<keyof CoverageItems, AxisCoverage>;
  /** Paths from the start to an end (final state, idle timeout or a stop), walks included. */
  paths: number;
  lengths: { shortest: number; longest: number; mean: number };
  /** Distinct states the search explored. */
  states: number;
  problems: Problem[];
}

/** Collects problems, keeping the first (shortest) path of each. */
class ProblemLog {
  private readonly seen = new Map<string, Problem>();

  add(findings: readonly Finding[], path: readonly Step[]): void {
    for (const f of findings) {
      const key = `${f.kind}\u0000${f.state}\u0000${f.message}`;
      if (!this.seen.has(key)) this.seen.set(key, { ...f, path: path.map(formatStep) });
    }
  }

  list(): Problem[] {
    return [...this.seen.values()];
  }
}

/** A session replayed from the start along `path`. */
async function replay(run: Run, path: readonly Step[]): Promise<ExploredSession> {
  const session = new ExploredSession(run.pkg, run.hits, run.idleMs, run.machine);
  session.checking = path.length === 0;
  await session.start();
  for (const step of path) await session.apply(step);
  session.checking = true;
  return session;
}

/** What every session of one test run shares. */
interface Run {
  pkg: FlowPackage;
  hits: CoverageHits;
  idleMs: number;
  machine: SessionMachine;
}

/**
 * Explores every path of a checked flow package on the real runtime: breadth first over
 * distinct states (each press of every screen, each outcome of every invoke, each timer and the
 * idle timeout), then `walks` seeded random walks that interleave them, then the graph
 * analysis that finds sessions which can never end.
 */
export async function testFlow(
  pkg: FlowPackage,
  options: ExploreOptions = {},
): Promise<FlowTestResult> {
  const idleMs = (options.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS) * 1000;
  const cap = options.maxStates ?? MAX_EXPLORED_STATES;
  const hits = new CoverageHits();
  const run: Run = { pkg, hits, idleMs, machine: sessionMachine(pkg) };
  const problems = new ProblemLog();
  const graph: StateGraph = new Map();
  const lengths: number[] = [];

  const root = await replay(run, []);
  problems.add(root.findings, []);
  const queue: { key: string; path: Step[] }[] = [{ key: root.key(), path: [] }];
  graph.set(root.key(), { path: [], edges: [], screen: root.screenId(), state: root.stateName() });
  let capped = false;
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    const first = await replay(run, node.path);
    const entry = graph.get(node.key)!;
    const moves = first.moves();
    for (const [i, move] of moves.entries()) {
      const session = i === 0 ? first : await replay(run, node.path);
      const before = session.findings.length;
      await session.apply(move);
      const path = [...node.path, move];
      problems.add(session.findings.slice(before), path);
      if (session.ended) {
        entry.edges.push({ to: null, end: session.ended, step: move });
        lengths.push(path.length);
        continue;
      }
      const key = session.key();
      entry.edges.push({ to: key, step: move });
      if (graph.has(key)) continue;
      if (graph.size >= cap) {
        capped = true;
        continue;
      }
      graph.set(key, { path, edges: [], screen: session.screenId(), state: session.stateName() });
      queue.push({ key, path });
    }
  }
  if (capped)
    problems.add(
      [
        {
          kind: 'too-large',
          state: '',
          message: `the flow has more than ${cap} distinct states; the tester explored that many and stopped (split the flow)`,
        },
      ],
      [],
    );
  for (const p of trapProblems(graph)) problems.add([p.finding], p.path);

  let walked = 0;
  const random = mulberry32(options.seed ?? 1);
  for (let w = 0; w < (options.walks ?? 0); w++) {
    const session = await replay(run, []);
    const path: Step[] = [];
    while (!session.ended && path.length < MAX_WALK_STEPS) {
      const moves = session.moves().filter((m) => m.kind !== 'idle');
      const choices: Step[] = [
        ...(moves.length > 0 ? moves : session.moves()),
        { kind: 'locale', locale: session.locale === 'en' ? 'zh-CN' : 'en' },
      ];
      const step = choices[Math.floor(random() * choices.length)]!;
      const before = session.findings.length;
      await session.apply(step);
      path.push(step);
      problems.add(session.findings.slice(before), path);
    }
    if (session.ended) walked++;
  }

  const items = coverageItems(pkg.machine, pkg.config);
  const missing = hits.missing(items);
  const coverage = Object.fromEntries(
    (Object.keys(items) as (keyof CoverageItems)[]).map((axis) => {
      const gaps = missing[axis] ?? [];
      const total = items[axis].length;
      return [axis, { covered: total - gaps.length, total, missing: gaps }];
    }),
  ) as Record<keyof CoverageItems, AxisCoverage>;
  const list = problems.list();
  const full = Object.values(coverage).every((c) => c.missing.length === 0);
  return {
    ok: list.length === 0 && full,
    coverage,
    paths: lengths.length + walked,
    lengths: {
      shortest: lengths.length > 0 ? Math.min(...lengths) : 0,
      longest: lengths.length > 0 ? Math.max(...lengths) : 0,
      mean: lengths.length > 0 ? lengths.reduce((a, b) => a + b, 0) / lengths.length : 0,
    },
    states: graph.size,
    problems: list,
  };
}

/** A small seedable generator (mulberry32): the same seed gives the same walks on any machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
