import type { AnyStateMachine } from 'xstate';
import type { ActorCapabilityName } from '../capabilities/catalogue.ts';
import { provideSession, type CapabilityRuntime } from '../runner/build-machine.ts';
import type { FlowPackage } from '../runner/flow-package.ts';

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
}

/** Provides a flow's machine for explored sessions. */
export function sessionMachine(pkg: FlowPackage): SessionMachine {
  const runtime = new RuntimeSwitch();
  return { machine: provideSession(pkg.machine, pkg.manifest.id, runtime), runtime };
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
