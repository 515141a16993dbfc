import type { FlowPackage } from '../runner/flow-package.ts';
import { CoverageHits } from './coverage.ts';
import { DEFAULT_IDLE_TIMEOUT_SECONDS, type FlowTestResult } from './explore.ts';
import type { Finding } from './problems.ts';
import { ExploredSession, StepRefused } from './session.ts';
import { formatStep, type Step } from './steps.ts';

/**
 * The `--json` form of a result, in the issue's contract: each coverage axis is exactly
 * `{covered, total}`, and an item no path reached is listed by name as a problem of kind
 * `uncovered` (with no path: there is none to replay), so a tool that reads `problems` sees it.
 */
export function resultJson(result: FlowTestResult): object {
  const coverage: Record<string, { covered: number; total: number }> = {};
  const uncovered: { kind: string; path: string[]; state: string; message: string }[] = [];
  for (const [axis, c] of Object.entries(result.coverage)) {
    coverage[axis] = { covered: c.covered, total: c.total };
    for (const item of c.missing)
      uncovered.push({
        kind: 'uncovered',
        path: [],
        state: item,
        message: `${axis}: ${item} is never reached`,
      });
  }
  return {
    ok: result.ok,
    coverage,
    paths: result.paths,
    problems: [
      ...result.problems.map((p) => ({
        kind: p.kind,
        path: p.path,
        state: p.state,
        message: p.message,
      })),
      ...uncovered,
    ],
  };
}

/** The coverage of a package no path was run on: every axis 0 of 0. */
export const NO_COVERAGE = Object.fromEntries(
  ['states', 'transitions', 'outcomes', 'timers', 'guards'].map((axis) => [
    axis,
    { covered: 0, total: 0 },
  ]),
);

/** The text report: one line per axis, the paths, then one line per problem with its replay. */
export function resultText(pkg: FlowPackage, result: FlowTestResult, shownPath: string): string[] {
  const { id, version } = pkg.manifest;
  const lines = [
    result.ok
      ? `ok: ${id} ${version}, every path explored and every item covered`
      : `flow ${id} ${version} was refused by the path test (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}${uncovered(result) > 0 ? `, ${uncovered(result)} item${uncovered(result) === 1 ? '' : 's'} not covered` : ''}):`,
  ];
  for (const [axis, c] of Object.entries(result.coverage)) {
    const pct = c.total === 0 ? 100 : Math.floor((c.covered / c.total) * 100);
    lines.push(`  ${axis.padEnd(12)} ${`${c.covered}/${c.total}`.padStart(9)}  ${pct} %`);
  }
  const { shortest, longest, mean } = result.lengths;
  lines.push(
    `  paths ${result.paths} (steps: shortest ${shortest}, longest ${longest}, mean ${mean.toFixed(1)}); ${result.states} distinct states explored`,
  );
  for (const [axis, c] of Object.entries(result.coverage))
    for (const item of c.missing) lines.push(`  - not covered (${axis}): ${item}`);
  for (const p of result.problems) {
    lines.push(`  - ${p.kind} in ${p.state || 'the flow'}: ${p.message}`);
    if (p.path.length > 0)
      lines.push(`    replay: kiosk24 flow test ${shownPath} --replay '${JSON.stringify(p.path)}'`);
  }
  return lines;
}

function uncovered(result: FlowTestResult): number {
  return Object.values(result.coverage).reduce((n, c) => n + c.missing.length, 0);
}

/** What a replay printed and found; `refused` when a step did not fit the flow. */
export interface ReplayResult {
  lines: string[];
  findings: Finding[];
  refused?: string;
}

/**
 * Replays a path step by step on the real runtime and prints each screen on the way: the state,
 * the screen as the resident sees it in the session's language, its actions, what is under way
 * and the timers; then what the checks found on the way.
 */
export async function replayPath(
  pkg: FlowPackage,
  steps: readonly Step[],
  idleTimeoutSeconds = DEFAULT_IDLE_TIMEOUT_SECONDS,
): Promise<ReplayResult> {
  const session = new ExploredSession(pkg, new CoverageHits(), idleTimeoutSeconds * 1000);
  await session.start();
  const lines = [`start: ${describe(session)}`];
  for (const [i, step] of steps.entries()) {
    try {
      await session.apply(step);
    } catch (error) {
      if (!(error instanceof StepRefused)) throw error;
      const refused = `step ${i + 1} (${formatStep(step)}) does not fit: ${error.message}`;
      return { lines, findings: session.findings, refused };
    }
    lines.push(`${i + 1}. ${formatStep(step)} → ${describe(session)}`);
  }
  if (!session.ended) lines.push(`the path stops here; next possible steps: ${nextSteps(session)}`);
  for (const f of session.findings) lines.push(`  ! ${f.kind} in ${f.state}: ${f.message}`);
  return { lines, findings: session.findings };
}

function describe(session: ExploredSession): string {
  if (session.ended === 'final') return 'the flow reached a final state; the session ends';
  if (session.ended === 'idle') return 'the idle timeout ended the session (wiped)';
  if (session.ended === 'stopped') return 'the kiosk stopped the flow';
  const view = session.render();
  const screen = view
    ? `screen ${view.id} "${view.title}"${view.subtitle ? ` / "${view.subtitle}"` : ''}`
    : 'no screen of its own (the kiosk shows "please wait")';
  return `state ${session.stateName()}, ${screen} [${session.locale}]; next: ${nextSteps(session)}`;
}

function nextSteps(session: ExploredSession): string {
  const moves = session.moves();
  const shown = moves.slice(0, MAX_LISTED_STEPS).map(formatStep).join(', ');
  return moves.length > MAX_LISTED_STEPS
    ? `${shown}, … (${moves.length} in all)`
    : shown || '(none)';
}

/** Next steps listed per replayed screen; an invoke has up to a dozen outcomes. */
const MAX_LISTED_STEPS = 24;
