import type { Finding } from './problems.ts';
import type { SessionEnd } from './session.ts';
import { formatStep, type Step } from './steps.ts';

/** One explored state: the shortest path to it, and where each of its steps led. */
export interface GraphNode {
  path: Step[];
  /** `to` is the key of the next state, or null when the step ended the session (`end`). */
  edges: { to: string | null; end?: SessionEnd; step: Step }[];
  screen: string | undefined;
  state: string;
}

/** The explored states by key, in the order the breadth-first search found them. */
export type StateGraph = Map<string, GraphNode>;

/**
 * Sessions that can never end, and screens only the idle timeout leaves, found on the explored
 * graph: a state from which no path reaches an end is a trap (one problem per trapped region,
 * with the shortest path into it); a state whose every step but the idle timeout leaves it where
 * it is has no way forward.
 */
export function trapProblems(graph: StateGraph): { finding: Finding; path: Step[] }[] {
  const canEnd = new Set<string>();
  const incoming = new Map<string, string[]>();
  for (const [key, node] of graph)
    for (const edge of node.edges) {
      if (edge.to === null) canEnd.add(key);
      else incoming.set(edge.to, [...(incoming.get(edge.to) ?? []), key]);
    }
  const stack = [...canEnd];
  while (stack.length > 0)
    for (const from of incoming.get(stack.pop()!) ?? [])
      if (!canEnd.has(from)) {
        canEnd.add(from);
        stack.push(from);
      }

  const out: { finding: Finding; path: Step[] }[] = [];
  const claimed = new Set<string>();
  for (const [key, node] of graph) {
    if (canEnd.has(key) || claimed.has(key)) continue;
    const region = new Set<string>([key]);
    const todo = [key];
    while (todo.length > 0)
      for (const edge of graph.get(todo.pop()!)?.edges ?? [])
        if (edge.to !== null && graph.has(edge.to) && !region.has(edge.to)) {
          region.add(edge.to);
          todo.push(edge.to);
        }
    for (const k of region) claimed.add(k);
    const moves = [...region].some((k) =>
      (graph.get(k)?.edges ?? []).some((e) => e.to !== null && e.to !== k),
    );
    const states = [...new Set([...region].map((k) => graph.get(k)?.state ?? ''))];
    out.push({
      path: node.path,
      finding: moves
        ? {
            kind: 'loop',
            state: node.state,
            message: `the session can never end from here: the flow goes round ${states.join(' → ')} for ever (no final state, no action out, and busy screens pause the idle timeout)`,
          }
        : {
            kind: 'stuck',
            state: node.state,
            message: `the session is stuck on ${screenText(node)}: no action, timer or capability moves it, it is not final, and the idle timeout is paused there`,
          },
    });
  }

  for (const [key, node] of graph) {
    if (!canEnd.has(key)) continue;
    const forward = node.edges.some(
      (e) => (e.to !== null && e.to !== key) || (e.to === null && e.end !== 'idle'),
    );
    if (forward) continue;
    const failure = [...node.path]
      .reverse()
      .find((s) => s.kind === 'outcome' && s.outcome.kind === 'error');
    out.push({
      path: node.path,
      finding: {
        kind: 'no-way-forward',
        state: node.state,
        message: `${failure ? `after ${formatStep(failure)}, ` : ''}${screenText(node)} offers no way forward: no action moves the flow and no timer runs, so only the idle timeout ends the session`,
      },
    });
  }
  return out;
}

function screenText(node: GraphNode): string {
  return node.screen ? `screen "${node.screen}" (state ${node.state})` : `state ${node.state}`;
}
