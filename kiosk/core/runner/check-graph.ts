import { FlowPackageError } from './errors.ts';
import { childPointer, isObject, own } from './json-walk.ts';
import type { ScreenSpecs } from './package-schema.ts';
import { offeredEvents, screenSpec } from './screen-info.ts';
import {
  buildStateGraph,
  chainOf,
  entryLeaf,
  positions,
  shownScreen,
  stateName,
  transitionsAt,
  within,
  type StateGraph,
  type StateInfo,
} from './state-graph.ts';
import { findAlwaysLoops } from './graph-loops.ts';

/**
 * The shortest `after` delay. A screen shown for less than a second cannot be read by anyone,
 * and two states bouncing to each other on short timers keep the kiosk's event loop busy
 * forever while looking idle; one second rules out both and is far below any real timeout.
 */
export const MIN_AFTER_MS = 1000;

/** The outcomes the shell understands; it reads nothing else from a final state. */
const OUTCOMES = new Set(['completed', 'failed', 'cancelled']);

/** What a check found: problems refuse the package, warnings are only reported. */
export interface CheckResult {
  problems: FlowPackageError[];
  warnings: FlowPackageError[];
}

/**
 * Checks the shape of a flow's journey: every state can end, nothing loops without the
 * resident, busy screens always move on, final states declare only an outcome, and `on` names
 * no xstate-internal or wildcard events. It never throws, whatever `machine` holds.
 */
export function checkGraph(
  machineFile: string,
  machine: unknown,
  screensFile: string,
  screens: ScreenSpecs,
): CheckResult {
  const result: CheckResult = { problems: [], warnings: [] };
  try {
    runChecks(machineFile, machine, screensFile, screens, result);
  } catch (error) {
    // A bug in this check must refuse the package with a reason, not crash the kiosk's loader.
    result.problems.push(
      new FlowPackageError(
        machineFile,
        '',
        `the flow check failed on this machine (${String(error)})`,
        'simplify the machine and report this to the kiosk maintainers',
      ),
    );
  }
  return result;
}

function runChecks(
  file: string,
  machine: unknown,
  screensFile: string,
  screens: ScreenSpecs,
  result: CheckResult,
): void {
  const graph = buildStateGraph(file, machine);
  result.problems.push(...graph.problems);
  if (graph.unusable) return;
  const problem = (pointer: string, text: string, fix: string): void => {
    result.problems.push(new FlowPackageError(file, pointer, text, fix));
  };
  const warn = (pointer: string, text: string, fix: string): void => {
    result.warnings.push(new FlowPackageError(file, pointer, text, fix));
  };
  const root = graph.states[0] as StateInfo;
  if (!root.children.some((c) => graph.states[c]?.final))
    problem(
      '',
      'the machine has no final state at the top level, so the journey can never end',
      'add top-level states with "type": "final" and "output": { "outcome": ... }',
    );
  for (const state of graph.states) {
    if (state.final) checkFinalOutput(state, problem);
    checkEventNames(state, problem);
    checkDelays(state, problem);
  }
  checkReachesFinal(graph, problem);
  checkBusyScreens(graph, screens, screensFile, problem);
  for (const loop of findAlwaysLoops(graph)) problem(loop.pointer, loop.text, loop.fix);
  warnUnreachable(graph, warn);
  warnUnofferedEvents(graph, screens, warn);
}

type Report = (pointer: string, text: string, fix: string) => void;

function checkFinalOutput(state: StateInfo, problem: Report): void {
  const output = own(state.config, 'output');
  const fix =
    'write "output": { "outcome": "completed" } (or "failed", "cancelled") and nothing else';
  if (!isObject(output)) {
    problem(state.pointer, `final state ${stateName(state)} declares no outcome`, fix);
    return;
  }
  const outcome = own(output, 'outcome');
  if (typeof outcome !== 'string' || !OUTCOMES.has(outcome))
    problem(
      childPointer(childPointer(state.pointer, 'output'), 'outcome'),
      outcome === undefined
        ? `final state ${stateName(state)} declares no outcome`
        : `final state ${stateName(state)} has outcome ${JSON.stringify(outcome)}, not completed, failed or cancelled`,
      fix,
    );
  for (const key of Object.keys(output))
    if (key !== 'outcome')
      problem(
        childPointer(childPointer(state.pointer, 'output'), key),
        `final state ${stateName(state)} puts "${key}" in its output; the shell reads only the outcome and a final output must never carry resident data`,
        fix,
      );
}

function checkEventNames(state: StateInfo, problem: Report): void {
  const on = own(state.config, 'on');
  if (!isObject(on)) return;
  for (const name of Object.keys(on)) {
    if (name.startsWith('xstate.') || name.includes('*'))
      problem(
        childPointer(childPointer(state.pointer, 'on'), name),
        `"on" names ${name.includes('*') ? 'the wildcard' : 'the xstate-internal event'} "${name}"`,
        "handle only events your screens send; use an invoke's onDone/onError for capability results",
      );
  }
}

function checkDelays(state: StateInfo, problem: Report): void {
  const after = own(state.config, 'after');
  if (!isObject(after)) return;
  for (const delay of Object.keys(after))
    if (/^\d+$/.test(delay) && Number(delay) < MIN_AFTER_MS)
      problem(
        childPointer(childPointer(state.pointer, 'after'), delay),
        `"after" delay of ${delay} ms is shorter than ${MIN_AFTER_MS} ms`,
        `wait at least ${MIN_AFTER_MS} ms, so the resident can read the screen and timers cannot spin`,
      );
}

/** Where a state can move to: the resting states its own and its ancestors' transitions enter. */
function successors(graph: StateGraph, index: number): number[] {
  const out: number[] = [];
  for (const t of transitionsAt(graph, index))
    if (t.target !== undefined) out.push(entryLeaf(graph, t.target));
  return out;
}

function checkReachesFinal(graph: StateGraph, problem: Report): void {
  const rest = positions(graph).filter((s) => s.index !== 0);
  const incoming = new Map<number, number[]>();
  for (const s of rest)
    for (const next of successors(graph, s.index))
      incoming.set(next, [...(incoming.get(next) ?? []), s.index]);
  const ends = rest.filter((s) => s.final && s.parent === 0).map((s) => s.index);
  const canEnd = new Set(ends);
  const queue = [...ends];
  while (queue.length > 0)
    for (const prev of incoming.get(queue.pop() as number) ?? [])
      if (!canEnd.has(prev)) {
        canEnd.add(prev);
        queue.push(prev);
      }
  for (const s of rest)
    if (!canEnd.has(s.index))
      problem(
        s.pointer,
        `state ${stateName(s)} can never reach a top-level final state, so the journey would hang there`,
        'add a transition (e.g. on "cancel", or an "after" timeout) that leads to a final state',
      );
}

function checkBusyScreens(
  graph: StateGraph,
  screens: ScreenSpecs,
  screensFile: string,
  problem: Report,
): void {
  for (const s of positions(graph)) {
    const screen = shownScreen(graph, s.index);
    const spec = screenSpec(screens, screen);
    if (!spec || spec.busy !== true) continue;
    const chain = chainOf(graph, s.index);
    const offered = offeredEvents(spec);
    const hasWayOut =
      chain.some(
        (c) =>
          own(c.config, 'invoke') !== undefined ||
          (isObject(own(c.config, 'after')) &&
            Object.keys(own(c.config, 'after') as object).length > 0),
      ) || transitionsAt(graph, s.index).some((t) => t.kind === 'on' && offered.has(t.name));
    if (!hasWayOut)
      problem(
        s.pointer,
        `state ${stateName(s)} shows busy screen "${screen}" (${screensFile}) but nothing leads out of it: the idle timer is paused there, so the kiosk would hang`,
        'invoke a capability in this state, add an "after" timeout, or give the screen an action whose event the state handles',
      );
  }
}

function warnUnreachable(graph: StateGraph, warn: Report): void {
  const reached = new Set<number>();
  const start = entryLeaf(graph, 0);
  const queue = [start];
  reached.add(start);
  while (queue.length > 0)
    for (const next of successors(graph, queue.pop() as number))
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
  const active = new Set<number>();
  for (const index of reached) for (const s of chainOf(graph, index)) active.add(s.index);
  for (const s of graph.states)
    if (!active.has(s.index) && s.parent !== undefined && active.has(s.parent))
      warn(
        s.pointer,
        `state ${stateName(s)} cannot be reached from the initial state`,
        'add a transition into it, or remove it',
      );
}

function warnUnofferedEvents(graph: StateGraph, screens: ScreenSpecs, warn: Report): void {
  const rest = positions(graph);
  for (const state of graph.states) {
    const on = own(state.config, 'on');
    if (!isObject(on)) continue;
    const offered = new Set<string>();
    for (const p of rest)
      if (within(graph, p.index, state.index))
        for (const e of offeredEvents(screenSpec(screens, shownScreen(graph, p.index))))
          offered.add(e);
    for (const name of Object.keys(on))
      if (!offered.has(name) && !name.startsWith('xstate.') && !name.includes('*'))
        warn(
          childPointer(childPointer(state.pointer, 'on'), name),
          `no screen shown in state ${stateName(state)} offers the event "${name}"`,
          `add an action or choice sending "${name}" to the screen, or remove the transition`,
        );
  }
}
