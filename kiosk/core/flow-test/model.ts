import type { AnyStateMachine, AnyTransitionDefinition } from 'xstate';
import { isActorCapability } from '../capabilities/catalogue.ts';
import { own } from '../runner/json-walk.ts';
import { operationOf, outcomeLabel, outcomesOf } from './outcomes.ts';

/**
 * The items a flow's coverage is counted over, named so a vendor finds them in machine.json:
 * states by their dotted path, transitions by source, trigger and position, and so on.
 */

/** A state node of a built machine, as far as the tester reads it. */
export interface MachineNode {
  path: string[];
  states: Record<string, MachineNode>;
  transitions: Map<string, AnyTransitionDefinition[]>;
  always?: AnyTransitionDefinition[];
  invoke: { src: unknown; id: string }[];
  type: string;
}

/** Every coverage item of a flow, by axis. */
export interface CoverageItems {
  states: string[];
  transitions: string[];
  outcomes: string[];
  timers: string[];
  guards: string[];
}

/** A state node's dotted path; the root is `(root)`. */
export function pathName(path: readonly string[]): string {
  return path.length === 0 ? '(root)' : path.join('.');
}

/** What triggers a transition, in machine.json's words. */
export function triggerName(eventType: string): string {
  if (eventType === '') return 'always';
  if (eventType.startsWith('xstate.done.actor.')) return 'onDone';
  if (eventType.startsWith('xstate.error.actor.')) return 'onError';
  const after = /^xstate\.after\.(\d+)\./.exec(eventType);
  if (after) return `after ${after[1]}`;
  return `on ${eventType}`;
}

/** The trigger of a transition: an event type, an xstate done/error/after type, or '' (always). */
export function eventTypeOf(t: AnyTransitionDefinition): string {
  return String(t.eventType as unknown);
}

/** The candidates a transition is chosen among (same source, same trigger), in order. */
export function candidatesOf(t: AnyTransitionDefinition): readonly AnyTransitionDefinition[] {
  const source = t.source as unknown as MachineNode;
  const type = eventTypeOf(t);
  return type === '' ? (source.always ?? []) : (source.transitions.get(type) ?? []);
}

/** A transition's coverage name: `insertCard onError #0 [error.is timeout] → failed.cardTimeout`. */
export function transitionName(t: AnyTransitionDefinition): string {
  const source = t.source as unknown as MachineNode;
  const index = candidatesOf(t).indexOf(t);
  const targets = (t.target ?? []).map((n) => pathName((n as unknown as MachineNode).path));
  const guard = guardText(t);
  return `${pathName(source.path)} ${triggerName(eventTypeOf(t))} #${index}${guard ? ` [${guard}]` : ''} → ${targets.length > 0 ? targets.join(', ') : '(stays)'}`;
}

/** The guard of a transition as machine.json wrote it, or '' when it has none. */
function guardText(t: AnyTransitionDefinition): string {
  const guard = t.guard as unknown;
  if (guard === undefined) return '';
  if (typeof guard === 'string') return guard;
  const type = own(guard, 'type');
  const params = own(guard, 'params');
  const values = params && typeof params === 'object' ? Object.values(params).join(' ') : '';
  return `${typeof type === 'string' ? type : 'guard'}${values ? ` ${values}` : ''}`;
}

/** True when the transition is taken only when its guard holds. */
export function isGuarded(t: AnyTransitionDefinition): boolean {
  return t.guard !== undefined;
}

/** Every node of the machine, depth first, root excluded. */
export function nodesOf(machine: AnyStateMachine): MachineNode[] {
  const out: MachineNode[] = [];
  const walk = (node: MachineNode): void => {
    for (const child of Object.values(node.states)) {
      out.push(child);
      walk(child);
    }
  };
  walk(machine.root as MachineNode);
  return out;
}

/** Every transition of a node: its events, invoke results and timers, then its `always`. */
export function transitionsOf(node: MachineNode): AnyTransitionDefinition[] {
  return [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
}

/** The vendor's own JSON for a node, found by its path in the raw machine config. */
export function rawNode(config: unknown, path: readonly string[]): unknown {
  let here = config;
  for (const key of path) here = own(own(here, 'states'), key);
  return here;
}

/** The raw invokes of a node, as a list. */
export function rawInvokes(config: unknown, path: readonly string[]): Record<string, unknown>[] {
  const invoke = own(rawNode(config, path), 'invoke');
  const list: unknown[] = Array.isArray(invoke) ? invoke : invoke === undefined ? [] : [invoke];
  return list.filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null);
}

/** An invoke's coverage prefix: `lookup platform.call(si.paymentRecord)`. */
export function invokeName(path: readonly string[], src: string, operation: string): string {
  return `${pathName(path)} ${src}${operation ? `(${operation})` : ''}`;
}

/** Lists every coverage item of a built flow machine and its raw config. */
export function coverageItems(machine: AnyStateMachine, config: unknown): CoverageItems {
  const items: CoverageItems = {
    states: [],
    transitions: [],
    outcomes: [],
    timers: [],
    guards: [],
  };
  for (const node of nodesOf(machine)) {
    items.states.push(pathName(node.path));
    for (const t of transitionsOf(node)) {
      const name = transitionName(t);
      items.transitions.push(name);
      if (eventTypeOf(t).startsWith('xstate.after.')) items.timers.push(name);
      if (isGuarded(t)) items.guards.push(`${name} guard true`, `${name} guard false`);
    }
    for (const inv of rawInvokes(config, node.path)) {
      const src = inv.src;
      if (typeof src !== 'string' || !isActorCapability(src)) continue;
      const op = operationOf(src, inv.input);
      for (const outcome of outcomesOf(src, op))
        items.outcomes.push(`${invokeName(node.path, src, op)} ${outcomeLabel(outcome)}`);
    }
  }
  return items;
}
