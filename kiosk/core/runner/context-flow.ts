import { capabilityOutput } from '../capabilities/outputs.ts';
import { childPointer, isObject, listAt, own } from './json-walk.ts';
import { parseRef } from './ref-syntax.ts';
import {
  UNKNOWN,
  followShape,
  leafShape,
  meetShapes,
  sameShape,
  shapeOfSchema,
  shapeOfValue,
  type Shape,
} from './shapes.ts';
import {
  chainOf,
  entryLeaf,
  transitionsAt,
  within,
  type StateGraph,
  type StateInfo,
  type TransitionInfo,
} from './state-graph.ts';

/**
 * Which session-context keys are set at each point of a journey: a forward analysis over the
 * state graph. `must` holds the keys set on every path (with what is sure of each value's
 * shape), `may` the keys set on at least one path, so a check can tell "never set" from "not
 * set on every path".
 */

/** What is known about the context at one point. */
export interface Facts {
  must: Map<string, Shape>;
  may: Set<string>;
}

/** Where actions run: the transition carrying them (none for entry/exit) and the state. */
export interface ActionScope {
  transition: TransitionInfo | undefined;
  state: StateInfo;
}

/** Called for each action's params with the facts holding just before the action runs. */
export type ParamsVisitor = (
  params: unknown,
  pointer: string,
  facts: Facts,
  scope: ActionScope,
) => void;

/** The analysis result: facts while resting in each reachable state, and on entering each state. */
export interface ContextFlow {
  rest: Map<number, Facts>;
  /** Facts right after a state's own entry actions, when its invokes resolve their input. */
  entered: Map<number, Facts>;
  /** Every shape each key is set to anywhere in the journey, for keys set on some paths only. */
  assigned: Map<string, Shape[]>;
}

/** The shapes each replay saw assigned, keyed by the replay's visitor. */
const assignedBy = new WeakMap<ParamsVisitor, Map<string, Shape[]>>();

/** Runs the analysis to its fixpoint, then replays every step once, showing each to `visit`. */
export function analyseContext(graph: StateGraph, visit: ParamsVisitor): ContextFlow {
  const rest = new Map<number, Facts>();
  const merge = (into: Map<number, Facts>, at: number, facts: Facts): boolean => {
    const old = into.get(at);
    const met = old ? meetFacts(old, facts) : facts;
    if (old && sameFacts(old, met)) return false;
    into.set(at, met);
    return true;
  };
  const start = enterMachine(graph, undefined, undefined);
  merge(rest, start.to, start.facts);
  const work = [start.to];
  // Facts only shrink (must) or grow (may) over a finite set of keys and fields, so this ends;
  // the budget turns a bug into a refused package instead of a hung check.
  let budget = 1000 * (graph.states.length + graph.transitions.length + 1);
  while (work.length > 0) {
    if (--budget < 0) throw new Error('context analysis did not settle');
    const at = work.pop() as number;
    const facts = rest.get(at) as Facts;
    for (const t of transitionsAt(graph, at)) {
      const step = transfer(graph, facts, at, t, undefined, undefined);
      if (merge(rest, step.to, step.facts)) work.push(step.to);
    }
  }
  const entered = new Map<number, Facts>();
  const assigned = new Map<string, Shape[]>();
  assignedBy.set(visit, assigned);
  const record: Recorder = (s, f) => merge(entered, s, copyFacts(f));
  enterMachine(graph, visit, record);
  for (const [at, facts] of rest)
    for (const t of transitionsAt(graph, at)) transfer(graph, facts, at, t, visit, record);
  return { rest, entered, assigned };
}

/** Notes the facts on entering a state; only the replay records them. */
type Recorder = ((state: number, facts: Facts) => void) | undefined;

function enterMachine(
  graph: StateGraph,
  visit: ParamsVisitor | undefined,
  recorder: Recorder,
): { facts: Facts; to: number } {
  const facts: Facts = { must: new Map(), may: new Set() };
  const root = graph.states[0] as StateInfo;
  const context = own(root.config, 'context');
  // The initial context is used as written: references in it are never resolved.
  if (isObject(context))
    for (const [k, v] of Object.entries(context)) {
      facts.must.set(
        k,
        shapeOfValue(v, () => undefined),
      );
      facts.may.add(k);
    }
  const entering = [root];
  for (let s = root; s.initial !== undefined;) {
    s = graph.states[s.initial] as StateInfo;
    entering.push(s);
  }
  for (const s of entering) {
    runActions(facts, entryActions(s), { transition: undefined, state: s }, visit);
    recorder?.(s.index, facts);
  }
  return { facts, to: entryLeaf(graph, 0) };
}

function entryActions(
  s: StateInfo,
  section: 'entry' | 'exit' = 'entry',
): ReturnType<typeof listAt> {
  return listAt(own(s.config, section), childPointer(s.pointer, section));
}

/** Guards that hold only when their key is set. */
const PRESENCE_GUARDS: ReadonlySet<string> = new Set([
  'context.has',
  'context.equals',
  'context.includes',
]);

/** One step: exits, the transition's actions, entries, as xstate orders them. */
function transfer(
  graph: StateGraph,
  before: Facts,
  at: number,
  t: TransitionInfo,
  visit: ParamsVisitor | undefined,
  recorder: Recorder,
): { facts: Facts; to: number } {
  const facts = copyFacts(before);
  const guard = t.guard;
  const guardKey = own(own(guard, 'params'), 'key');
  // These guards let the transition through only when the key is there.
  if (PRESENCE_GUARDS.has(String(own(guard, 'type'))) && typeof guardKey === 'string') {
    const key = guardKey.split('.')[0] ?? '';
    if (!facts.must.has(key)) facts.must.set(key, UNKNOWN);
    facts.may.add(key);
  }
  const source = graph.states[t.source] as StateInfo;
  if (t.target === undefined) {
    runActions(facts, t.actions, { transition: t, state: source }, visit);
    return { facts, to: at };
  }
  const target = graph.states[t.target] as StateInfo;
  const domain = transitionDomain(graph, source, target, t.reenter);
  for (const s of chainOf(graph, at)) {
    if (s.index === domain) break;
    runActions(facts, entryActions(s, 'exit'), { transition: undefined, state: s }, visit);
  }
  runActions(facts, t.actions, { transition: t, state: source }, visit);
  const entering: StateInfo[] = [];
  for (const s of chainOf(graph, target.index)) {
    if (s.index === domain) break;
    entering.unshift(s);
  }
  for (let s = target; s.initial !== undefined;) {
    s = graph.states[s.initial] as StateInfo;
    entering.push(s);
  }
  for (const s of entering) {
    runActions(facts, entryActions(s), { transition: undefined, state: s }, visit);
    recorder?.(s.index, facts);
  }
  return { facts, to: entryLeaf(graph, target.index) };
}

/** The state a transition stays inside: xstate exits and re-enters only below it. */
function transitionDomain(
  graph: StateGraph,
  source: StateInfo,
  target: StateInfo,
  reenter: boolean,
): number {
  if (!reenter && within(graph, target.index, source.index)) return source.index;
  for (const a of chainOf(graph, target.index).slice(1))
    if (a.index !== source.index && within(graph, source.index, a.index)) return a.index;
  return 0;
}

function runActions(
  facts: Facts,
  actions: { value: unknown; pointer: string }[],
  scope: ActionScope,
  visit: ParamsVisitor | undefined,
): void {
  for (const action of actions) {
    const type = own(action.value, 'type');
    const params = own(action.value, 'params');
    visit?.(params, `${action.pointer}/params`, facts, scope);
    const key = own(params, 'key');
    if (typeof key !== 'string') continue;
    if (type === 'context.set') {
      const shape = shapeOfValue(own(params, 'value'), (text) => refShape(text, facts, scope));
      facts.must.set(key, shape);
      facts.may.add(key);
      const seen = visit ? assignedBy.get(visit) : undefined;
      seen?.set(key, [...(seen.get(key) ?? []), shape]);
    } else if (type === 'context.toggle') {
      // A list of text after the first toggle, whatever was there: its items are unknown.
      facts.must.set(key, UNKNOWN);
      facts.may.add(key);
    } else if (type === 'context.clear') {
      facts.must.delete(key);
      facts.may.delete(key);
    }
  }
}

/** The shape a reference stands for at this point; undefined for text that is no reference. */
function refShape(text: string, facts: Facts, scope: ActionScope): Shape | undefined {
  const ref = parseRef(text);
  if (ref?.kind !== 'ref') return undefined;
  const [first = '', ...rest] = ref.segments;
  if (ref.root === 'context') {
    const shape = facts.must.get(first);
    const followed = shape ? followShape(shape, rest) : undefined;
    return followed?.ok ? followed.shape : UNKNOWN;
  }
  const t = scope.transition;
  if (first === 'output' && t?.kind === 'onDone' && typeof t.invoke?.src === 'string') {
    const followed = followShape(
      shapeOfSchema(capabilityOutput(t.invoke.src, t.invoke.input)),
      rest,
    );
    return followed.ok ? followed.shape : UNKNOWN;
  }
  // Screen action data are flat text, numbers and flags.
  return t?.kind === 'on' && first !== 'output' ? leafShape() : UNKNOWN;
}

function copyFacts(f: Facts): Facts {
  return { must: new Map(f.must), may: new Set(f.may) };
}

function meetFacts(a: Facts, b: Facts): Facts {
  const must = new Map<string, Shape>();
  for (const [k, v] of a.must) {
    const w = b.must.get(k);
    if (w) must.set(k, meetShapes(v, w));
  }
  return { must, may: new Set([...a.may, ...b.may]) };
}

function sameFacts(a: Facts, b: Facts): boolean {
  if (a.must.size !== b.must.size || a.may.size !== b.may.size) return false;
  for (const k of a.may) if (!b.may.has(k)) return false;
  for (const [k, v] of a.must) {
    const w = b.must.get(k);
    if (!w || !sameShape(v, w)) return false;
  }
  return true;
}
