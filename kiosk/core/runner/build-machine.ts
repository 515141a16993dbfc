import { assign, fromPromise, setup, type AnyStateMachine } from 'xstate';
import { ACTOR_CAPABILITIES, type ActorCapabilityName } from '../capabilities/catalogue.ts';
import { CapabilityError, errorHasFlag } from '../capabilities/errors.ts';
import type { FlowPackage } from './flow-package.ts';
import { containsRef, readPath, resolveRefs } from './refs.ts';

/** What the runner needs from the kiosk to make a flow's named capabilities real. */
export interface CapabilityRuntime {
  /** Runs one invokable capability with already-validated input. */
  run(name: ActorCapabilityName, input: unknown, signal: AbortSignal): Promise<unknown>;
}

type Scope = { context: unknown; event: unknown };

/**
 * Turns a checked flow package into an xstate machine: `setup()` binds every catalogue name to
 * the kiosk's implementation, and `$context`/`$event` references become resolver functions.
 */
export function buildFlowMachine(pkg: FlowPackage, runtime: CapabilityRuntime): AnyStateMachine {
  const actors = Object.fromEntries(
    (Object.keys(ACTOR_CAPABILITIES) as ActorCapabilityName[]).map((name) => [
      name,
      fromPromise<unknown, unknown>(async ({ input, signal }) => {
        const parsed = ACTOR_CAPABILITIES[name].input.safeParse(input);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new CapabilityError(
            `flow ${pkg.manifest.id} gave ${name} bad input at ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
            { rejected: true },
          );
        }
        return runtime.run(name, parsed.data, signal);
      }),
    ]),
  );

  const machine = setup({
    actors,
    actions: {
      'context.set': assign(({ context }, params: { key: string; value: unknown }) => ({
        ...(context as Record<string, unknown>),
        [params.key]: params.value,
      })),
      // xstate merges what assign returns into the context, so a cleared key is set to
      // undefined; leaving it out of the returned object would keep the old value.
      'context.clear': assign((_, params: { key: string }) => ({ [params.key]: undefined })),
    },
    guards: {
      'error.is': ({ event }, params: { flag: string }) =>
        errorHasFlag((event as { error?: unknown }).error, params.flag),
      'context.has': ({ context }, params: { key: string }) =>
        readPath(context, params.key.split('.')) !== undefined,
    },
  }).createMachine(prepareNode(pkg.machine, true) as never);
  return machine as unknown as AnyStateMachine;
}

/** Rewrites one state node so that references become functions xstate calls at run time. */
function prepareNode(node: Record<string, unknown>, root: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ...node };
  if (root) {
    out.context = node.context ?? {};
    // The flow's outcome is whatever its final state declares; the shell reads it.
    out.output = ({ event }: Scope) => (event as { output?: unknown }).output;
  }
  if (node.invoke !== undefined) {
    const list = Array.isArray(node.invoke) ? node.invoke : [node.invoke];
    out.invoke = list.map((inv: Record<string, unknown>) => ({
      ...inv,
      input: ({ context, event }: Scope) => resolveRefs(inv.input ?? {}, { context, event }),
      onDone: prepareTransitions(inv.onDone),
      onError: prepareTransitions(inv.onError),
    }));
  }
  for (const key of ['entry', 'exit'] as const) {
    if (node[key] !== undefined) out[key] = prepareActions(node[key]);
  }
  for (const key of ['on', 'after'] as const) {
    const map = node[key] as Record<string, unknown> | undefined;
    if (map)
      out[key] = Object.fromEntries(
        Object.entries(map).map(([k, t]) => [k, prepareTransitions(t)]),
      );
  }
  if (node.always !== undefined) out.always = prepareTransitions(node.always);
  if (!root && node.output !== undefined && containsRef(node.output)) {
    const output = node.output;
    out.output = ({ context, event }: Scope) => resolveRefs(output, { context, event });
  }
  if (node.states) {
    out.states = Object.fromEntries(
      Object.entries(node.states as Record<string, Record<string, unknown>>).map(([k, child]) => [
        k,
        prepareNode(child, false),
      ]),
    );
  }
  return out;
}

function prepareTransitions(transitions: unknown): unknown {
  if (transitions === undefined || typeof transitions === 'string') return transitions;
  if (Array.isArray(transitions)) return transitions.map(prepareTransitions);
  const t = transitions as Record<string, unknown>;
  return t.actions === undefined ? t : { ...t, actions: prepareActions(t.actions) };
}

function prepareActions(actions: unknown): unknown {
  if (Array.isArray(actions)) return actions.map(prepareActions);
  if (typeof actions !== 'object' || actions === null) return actions;
  const a = actions as { type: string; params?: unknown };
  if (!containsRef(a.params)) return a;
  const params = a.params;
  return {
    type: a.type,
    params: ({ context, event }: Scope) => resolveRefs(params, { context, event }),
  };
}
