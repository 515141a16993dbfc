import type { AnyStateMachine } from 'xstate';
import type { ActorCapabilityName } from '../capabilities/catalogue.ts';
import { provideSession, type CapabilityRuntime } from '../runner/build-machine.ts';
import type { FlowPackage } from '../runner/flow-package.ts';
import { own, walkJson } from '../runner/json-walk.ts';
import { readPath } from '../runner/refs.ts';

/** Hands each call to the runtime of the session being driven (one at a time). */
export class RuntimeSwitch implements CapabilityRuntime {
  current: CapabilityRuntime | undefined;

  run(name: ActorCapabilityName, input: unknown, signal: AbortSignal): Promise<unknown> {
    if (!this.current) throw new Error('no explored session is being driven');
    return this.current.run(name, input, signal);
  }
}

/**
 * The flow's machine with the tester's capabilities provided, made once per test run: providing
 * rebuilds every state node, which would cost more than the steps of a replay.
 */
export interface SessionMachine {
  machine: AnyStateMachine;
  runtime: RuntimeSwitch;
  /** Context paths the flow's guards compare by value (see `valueGuardKeys`). */
  guardKeys: readonly string[];
}

/** Provides a flow's machine for explored sessions. */
export function sessionMachine(pkg: FlowPackage): SessionMachine {
  const runtime = new RuntimeSwitch();
  return {
    machine: provideSession(pkg.machine, pkg.manifest.id, runtime),
    runtime,
    guardKeys: valueGuardKeys(pkg.config),
  };
}

/** Guards whose answer depends on a context value, not only on its shape. */
const VALUE_GUARDS: ReadonlySet<string> = new Set([
  'context.equals',
  'context.includes',
  'context.empty',
]);

/** The context paths a flow's value guards read, so the state key can tell their values apart. */
export function valueGuardKeys(config: unknown): string[] {
  const keys = new Set<string>();
  walkJson(config, '', {
    object: (value) => {
      const key = own(own(value, 'params'), 'key');
      if (VALUE_GUARDS.has(String(own(value, 'type'))) && typeof key === 'string') keys.add(key);
    },
  });
  return [...keys].sort();
}

/**
 * The values under the guarded paths, as the state key holds them: a list of text in sorted
 * order, since toggling the same rows in another order leaves every guard answering the same.
 */
export function guardedValues(context: unknown, keys: readonly string[]): unknown[] {
  return keys.map((key) => {
    const value = readPath(context, key.split('.'));
    return Array.isArray(value) && value.every((v) => typeof v === 'string')
      ? [...value].sort()
      : value;
  });
}

/** A value with every leaf replaced by its type: what a guard or a reference can tell apart. */
export function shapeOf(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value !== 'object') return typeof value;
  if (depth > MAX_SHAPE_DEPTH) return 'deep';
  if (Array.isArray(value)) return value.map((v) => shapeOf(v, depth + 1));
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, shapeOf((value as Record<string, unknown>)[k], depth + 1)]),
  );
}

/** Depth of context the key looks into; views are two levels deep, packages nest at most 64. */
const MAX_SHAPE_DEPTH = 64;
