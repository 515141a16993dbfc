import type { AnyTransitionDefinition } from 'xstate';
import {
  candidatesOf,
  eventTypeOf,
  isGuarded,
  pathName,
  transitionName,
  type MachineNode,
} from './model.ts';

/** The items one run of the tester has seen, by axis; names match `coverageItems`. */
export class CoverageHits {
  readonly states = new Set<string>();
  readonly transitions = new Set<string>();
  readonly outcomes = new Set<string>();
  readonly timers = new Set<string>();
  readonly guards = new Set<string>();

  /** The nodes that are active now. */
  visit(nodes: readonly MachineNode[]): void {
    for (const node of nodes) if (node.path.length > 0) this.states.add(pathName(node.path));
  }

  /**
   * One microstep took `taken`, from the configuration `before`. A taken transition's guard was
   * true; the guards of the candidates ahead of it (same source and trigger), and of every
   * candidate of deeper active states for the same trigger, were false.
   */
  microstep(before: readonly MachineNode[], taken: readonly AnyTransitionDefinition[]): void {
    for (const t of taken) {
      const name = transitionName(t);
      this.transitions.add(name);
      if (eventTypeOf(t).startsWith('xstate.after.')) this.timers.add(name);
      if (isGuarded(t)) this.guards.add(`${name} guard true`);
      const candidates = candidatesOf(t);
      for (const earlier of candidates.slice(0, candidates.indexOf(t))) this.falseGuard(earlier);
      const source = (t.source as unknown as MachineNode).path;
      for (const node of before) {
        const deeper =
          node.path.length > source.length && source.every((key, i) => node.path[i] === key);
        if (deeper) this.allFalse(node, eventTypeOf(t));
      }
    }
  }

  /** An event reached the flow and no transition took it: every candidate guard was false. */
  nothingTaken(nodes: readonly MachineNode[], eventType: string): void {
    for (const node of nodes) this.allFalse(node, eventType);
  }

  /** The flow rests: every eventless transition of an active state has a false guard. */
  resting(nodes: readonly MachineNode[]): void {
    for (const node of nodes) for (const t of node.always ?? []) this.falseGuard(t);
  }

  /** Items of `all` not seen, per axis. */
  missing(all: Record<keyof CoverageItemsLike, readonly string[]>): Record<string, string[]> {
    return Object.fromEntries(
      (Object.keys(all) as (keyof CoverageItemsLike)[]).map((axis) => [
        axis,
        all[axis].filter((item) => !this[axis].has(item)),
      ]),
    );
  }

  private allFalse(node: MachineNode, eventType: string): void {
    const list = eventType === '' ? node.always : node.transitions.get(eventType);
    for (const t of list ?? []) this.falseGuard(t);
  }

  private falseGuard(t: AnyTransitionDefinition): void {
    if (isGuarded(t)) this.guards.add(`${transitionName(t)} guard false`);
  }
}

/** The axes coverage is counted on. */
type CoverageItemsLike = Pick<
  CoverageHits,
  'states' | 'transitions' | 'outcomes' | 'timers' | 'guards'
>;
