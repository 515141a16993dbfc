import { FlowPackageError } from './errors.ts';
import { childPointer, isObject, listAt, own } from './json-walk.ts';

/**
 * How deep states may nest. A kiosk journey needs two or three levels; xstate builds its state
 * nodes recursively when the runner creates the machine, so a package nested thousands deep
 * would crash the kiosk there. Sixteen leaves every real flow plenty of room and keeps both
 * this check's output and xstate's build far from any stack limit.
 */
export const MAX_STATE_DEPTH = 16;

/**
 * States a machine may have. The largest built-in journey has 30; a resident cannot follow a
 * service of hundreds of screens, and the reference check's work grows with states × context
 * keys: 4,000 states took 15 s to check, which at start-up would keep a kiosk dark.
 */
export const MAX_STATES = 400;

/** Transitions a machine may have, for the same reason: ten per state on average. */
export const MAX_TRANSITIONS = 4000;

/** One state of the machine, flattened; the root is index 0. */
export interface StateInfo {
  index: number;
  /** Names from the root down; empty for the root. */
  path: string[];
  pointer: string;
  /** The state's JSON object (an empty object when the vendor wrote something else). */
  config: Record<string, unknown>;
  parent: number | undefined;
  children: number[];
  /** Child index by state name. */
  childByName: Map<string, number>;
  final: boolean;
  /** The child entered with this state, when it has one. */
  initial: number | undefined;
  /** The screen this state itself names in `meta.screen`. */
  screen: string | undefined;
}

/** Where a transition is written. */
export type TransitionKind = 'on' | 'after' | 'always' | 'onDone' | 'onError';

/** One invoke of a state. */
export interface InvokeInfo {
  state: number;
  pointer: string;
  src: unknown;
  input: unknown;
}

/** One transition as written, with its target resolved to a state. */
export interface TransitionInfo {
  /** The state whose config holds the transition (for invokes: the invoking state). */
  source: number;
  kind: TransitionKind;
  /** The event name or the delay; empty for `always` and invoke transitions. */
  name: string;
  pointer: string;
  /** Undefined for a transition without a target (it runs actions and stays). */
  target: number | undefined;
  reenter: boolean;
  guard: unknown;
  actions: { value: unknown; pointer: string }[];
  /** For `onDone`/`onError`: the invoke it belongs to. */
  invoke: InvokeInfo | undefined;
}

/** A machine config flattened into states and transitions, built without recursion. */
export interface StateGraph {
  states: StateInfo[];
  transitions: TransitionInfo[];
  /** Transitions by the state that holds them. */
  bySource: Map<number, TransitionInfo[]>;
  /** State index by xstate id, for `#id` targets. */
  ids: Map<string, number>;
  invokes: InvokeInfo[];
  problems: FlowPackageError[];
  /** True when the config is too broken (too deep, not an object) to analyse further. */
  unusable: boolean;
}

const STATE_TYPES = new Set(['atomic', 'compound', 'final']);

/** Flattens a machine config; problems name states that cannot be analysed as written. */
export function buildStateGraph(file: string, machine: unknown): StateGraph {
  const graph: StateGraph = {
    states: [],
    transitions: [],
    bySource: new Map(),
    ids: new Map(),
    invokes: [],
    problems: [],
    unusable: false,
  };
  const problem = (pointer: string, text: string, fix: string): void => {
    graph.problems.push(new FlowPackageError(file, pointer, text, fix));
  };
  if (!isObject(machine)) {
    problem('', 'the machine must be a JSON object', 'write an xstate machine config object');
    graph.unusable = true;
    return graph;
  }
  const stack: number[] = [addState(graph, machine, [], '', undefined)];
  while (stack.length > 0) {
    const state = graph.states[stack.pop() as number] as StateInfo;
    const states = own(state.config, 'states');
    if (state.final || !isObject(states)) continue;
    if (state.path.length >= MAX_STATE_DEPTH) {
      problem(
        childPointer(state.pointer, 'states'),
        `states nest deeper than ${MAX_STATE_DEPTH} levels`,
        `flatten the machine to at most ${MAX_STATE_DEPTH} levels of nested states`,
      );
      graph.unusable = true;
      continue;
    }
    if (graph.states.length + Object.keys(states).length > MAX_STATES) {
      problem(
        childPointer(state.pointer, 'states'),
        `the machine has more than ${MAX_STATES} states`,
        `split the service into flows of at most ${MAX_STATES} states each`,
      );
      graph.unusable = true;
      return graph;
    }
    for (const [name, child] of Object.entries(states)) {
      const at = childPointer(childPointer(state.pointer, 'states'), name);
      const index = addState(graph, child, [...state.path, name], at, state.index);
      state.children.push(index);
      state.childByName.set(name, index);
      stack.push(index);
    }
  }
  if (graph.unusable) return graph;

  for (const state of graph.states) {
    const type = own(state.config, 'type');
    if (type !== undefined && !(typeof type === 'string' && STATE_TYPES.has(type)))
      problem(
        childPointer(state.pointer, 'type'),
        `state type ${JSON.stringify(type)} is not supported`,
        'leave "type" out, or write "final"; the kiosk shows one screen, so one state is active at a time',
      );
    const initial = own(state.config, 'initial');
    if (state.children.length > 0 && !state.final) {
      state.initial = typeof initial === 'string' ? state.childByName.get(initial) : undefined;
      if (state.initial === undefined)
        problem(
          state.pointer,
          `compound state ${stateName(state)} has no valid "initial" child`,
          'name one of its child states in "initial"',
        );
    }
  }
  for (const state of graph.states) graph.ids.set(stateId(graph, state), state.index);
  for (const state of graph.states) addTransitions(graph, state, problem);
  if (graph.transitions.length > MAX_TRANSITIONS) {
    problem(
      '',
      `the machine has ${graph.transitions.length} transitions, more than ${MAX_TRANSITIONS}`,
      'fewer events per state: a screen offers a handful of actions',
    );
    graph.unusable = true;
  }
  return graph;
}

function addState(
  graph: StateGraph,
  config: unknown,
  path: string[],
  pointer: string,
  parent: number | undefined,
): number {
  const obj = isObject(config) ? config : {};
  const meta = own(obj, 'meta');
  const screen = own(meta, 'screen');
  const index = graph.states.length;
  graph.states.push({
    index,
    path,
    pointer,
    config: obj,
    parent,
    children: [],
    childByName: new Map(),
    final: own(obj, 'type') === 'final',
    initial: undefined,
    screen: typeof screen === 'string' ? screen : undefined,
  });
  return index;
}

type Report = (pointer: string, text: string, fix: string) => void;

function addTransitions(graph: StateGraph, state: StateInfo, problem: Report): void {
  const add = (
    kind: TransitionKind,
    name: string,
    value: unknown,
    pointer: string,
    invoke?: InvokeInfo,
  ): void => {
    for (const item of listAt(value, pointer)) {
      const t = typeof item.value === 'string' ? { target: item.value } : item.value;
      if (!isObject(t)) continue;
      let target: number | undefined;
      const raw: unknown =
        Array.isArray(t.target) && t.target.length === 1 ? (t.target as unknown[])[0] : t.target;
      if (typeof raw === 'string') {
        target = resolveTarget(graph, state, raw);
        if (target === undefined)
          problem(
            typeof item.value === 'string' ? item.pointer : childPointer(item.pointer, 'target'),
            `target "${raw}" does not name a state`,
            'write a sibling state name, ".child" or "#machineId.path.to.state"',
          );
      } else if (raw !== undefined) {
        problem(
          item.pointer,
          'a transition must have one target',
          'write the target as one string naming a state',
        );
      }
      const info: TransitionInfo = {
        source: state.index,
        kind,
        name,
        pointer: item.pointer,
        target,
        reenter: t.reenter === true,
        guard: t.guard,
        actions: listAt(t.actions, childPointer(item.pointer, 'actions')),
        invoke,
      };
      graph.transitions.push(info);
      const list = graph.bySource.get(state.index) ?? [];
      list.push(info);
      graph.bySource.set(state.index, list);
    }
  };
  const c = state.config;
  for (const section of ['on', 'after'] as const) {
    const map = own(c, section);
    if (!isObject(map)) continue;
    for (const [name, value] of Object.entries(map))
      add(section, name, value, childPointer(childPointer(state.pointer, section), name));
  }
  add('always', '', own(c, 'always'), childPointer(state.pointer, 'always'));
  for (const item of listAt(own(c, 'invoke'), childPointer(state.pointer, 'invoke'))) {
    if (!isObject(item.value)) continue;
    const invoke: InvokeInfo = {
      state: state.index,
      pointer: item.pointer,
      src: own(item.value, 'src'),
      input: own(item.value, 'input'),
    };
    graph.invokes.push(invoke);
    for (const kind of ['onDone', 'onError'] as const)
      add(kind, '', own(item.value, kind), childPointer(item.pointer, kind), invoke);
  }
}

/** Splits a state path the way xstate does: on dots, with `\.` for a literal dot. */
function splitPath(text: string): string[] {
  const out: string[] = [];
  let segment = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\') {
      segment += text[i + 1] ?? '';
      i++;
    } else if (ch === '.') {
      out.push(segment);
      segment = '';
    } else segment += ch;
  }
  out.push(segment);
  return out;
}

/** Resolves a target the way xstate does: sibling names, `.child` and `#id.path`. */
function resolveTarget(graph: StateGraph, source: StateInfo, target: string): number | undefined {
  let from: StateInfo | undefined;
  let path: string[];
  if (target.startsWith('#')) {
    const [id = '', ...rest] = splitPath(target.slice(1));
    const found = graph.ids.get(id);
    from = found === undefined ? undefined : graph.states[found];
    path = rest;
  } else if (target.startsWith('.')) {
    from = source;
    path = splitPath(target.slice(1));
  } else {
    from = source.parent === undefined ? undefined : graph.states[source.parent];
    path = splitPath(target);
  }
  for (const key of path) {
    if (!from || key === '') break;
    const next = from.childByName.get(key);
    from = next === undefined ? undefined : graph.states[next];
  }
  return from?.index;
}

/** The id xstate gives a state: its own `id`, else the machine id and its path. */
function stateId(graph: StateGraph, state: StateInfo): string {
  const own_ = own(state.config, 'id');
  if (typeof own_ === 'string') return own_;
  const rootId = own(graph.states[0]?.config, 'id');
  return [typeof rootId === 'string' ? rootId : '(machine)', ...state.path].join('.');
}

/** A state's dotted name for messages. */
export function stateName(state: StateInfo): string {
  return state.path.length === 0 ? 'the machine root' : `"${state.path.join('.')}"`;
}

/** The state itself and its ancestors, innermost first. */
export function chainOf(graph: StateGraph, index: number): StateInfo[] {
  const out: StateInfo[] = [];
  for (
    let s = graph.states[index];
    s;
    s = s.parent === undefined ? undefined : graph.states[s.parent]
  )
    out.push(s);
  return out;
}

/** The state the machine rests in after entering `index`: follows `initial` down. */
export function entryLeaf(graph: StateGraph, index: number): number {
  let s = graph.states[index];
  while (s && s.initial !== undefined) s = graph.states[s.initial];
  return s ? s.index : index;
}

/** States the machine can rest in (no initial child to descend into). */
export function positions(graph: StateGraph): StateInfo[] {
  return graph.states.filter((s) => s.initial === undefined);
}

/** True when `a` is `b` or nested inside it. */
export function within(graph: StateGraph, a: number, b: number): boolean {
  return chainOf(graph, a).some((s) => s.index === b);
}

/** The screen shown while resting in a state: the deepest one named on its chain. */
export function shownScreen(graph: StateGraph, index: number): string | undefined {
  return chainOf(graph, index).find((s) => s.screen !== undefined)?.screen;
}

/** Every transition that applies while resting in `index` (its own and its ancestors'). */
export function transitionsAt(graph: StateGraph, index: number): TransitionInfo[] {
  return chainOf(graph, index).flatMap((s) => graph.bySource.get(s.index) ?? []);
}
