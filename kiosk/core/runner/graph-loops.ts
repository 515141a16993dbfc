import {
  entryLeaf,
  positions,
  stateName,
  transitionsAt,
  type StateGraph,
  type TransitionInfo,
} from './state-graph.ts';

/** One eventless loop, reported at the `always` transition that closes it. */
export interface AlwaysLoop {
  pointer: string;
  text: string;
  fix: string;
}

const FIX =
  'make one step of the loop wait for an event, an invoke or an "after" timeout; guards do not count, they may keep passing';

/**
 * Finds loops made only of `always` transitions, whatever their guards: xstate runs eventless
 * transitions to completion before it handles anything else, so such a loop hangs the whole
 * kiosk process, not just the journey. A targetless `always` is a loop of one state.
 */
export function findAlwaysLoops(graph: StateGraph): AlwaysLoop[] {
  const loops = new Map<string, AlwaysLoop>();
  const edges = new Map<number, { to: number; t: TransitionInfo }[]>();
  for (const s of positions(graph))
    edges.set(
      s.index,
      transitionsAt(graph, s.index)
        .filter((t) => t.kind === 'always')
        .map((t) => ({ to: t.target === undefined ? s.index : entryLeaf(graph, t.target), t })),
    );
  const name = (i: number): string => {
    const s = graph.states[i];
    return s ? stateName(s) : String(i);
  };
  // Iterative depth-first search: 1 = on the current path, 2 = done.
  const color = new Map<number, 1 | 2>();
  for (const start of edges.keys()) {
    if (color.has(start)) continue;
    const path: number[] = [start];
    const next: number[] = [0];
    color.set(start, 1);
    while (path.length > 0) {
      const top = path.length - 1;
      const node = path[top] as number;
      const out = edges.get(node) ?? [];
      const i = next[top] as number;
      if (i >= out.length) {
        color.set(node, 2);
        path.pop();
        next.pop();
        continue;
      }
      next[top] = i + 1;
      const edge = out[i] as { to: number; t: TransitionInfo };
      const seen = color.get(edge.to);
      if (seen === 1) {
        const cycle = [...path.slice(path.indexOf(edge.to)), edge.to].map(name);
        loops.set(edge.t.pointer, {
          pointer: edge.t.pointer,
          text: `eventless ("always") transitions loop without end: ${cycle.join(' → ')}`,
          fix: FIX,
        });
      } else if (seen === undefined && edges.has(edge.to)) {
        color.set(edge.to, 1);
        path.push(edge.to);
        next.push(0);
      }
    }
  }
  return [...loops.values()];
}
