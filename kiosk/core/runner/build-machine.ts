import { assign, fromPromise, setup, type AnyStateMachine } from 'xstate';
import { ACTOR_CAPABILITIES, type ActorCapabilityName } from '../capabilities/catalogue.ts';
import { CapabilityError, errorHasFlag } from '../capabilities/errors.ts';
import { MAX_MICROSTEPS_PER_EVENT } from './budget.ts';
import { contextEmpty, contextEquals, contextIncludes, toggled } from './context-ops.ts';
import { containsRef, FORBIDDEN_SEGMENTS, readPath, resolveRefs } from './refs.ts';

/** What the runner needs from the kiosk to make a flow's named capabilities real. */
export interface CapabilityRuntime {
  /** Runs one invokable capability with already-validated input. */
  run(name: ActorCapabilityName, input: unknown, signal: AbortSignal): Promise<unknown>;
}

type Scope = { context: unknown; event: unknown };

/** Every catalogue name is bound at build time to a stand-in that refuses to run. */
function unprovided(name: string) {
  return fromPromise<unknown, unknown>(() =>
    Promise.reject(
      new CapabilityError(`${name} was invoked outside a session (no runtime provided)`, {
        rejected: true,
      }),
    ),
  );
}

const ACTOR_NAMES = Object.keys(ACTOR_CAPABILITIES) as ActorCapabilityName[];

/**
 * A context key a flow may write. The package check refuses the others already; this is the
 * second wall for a machine that reached the runtime some other way.
 */
function writableKey(key: string): boolean {
  return !FORBIDDEN_SEGMENTS.has(key);
}

/**
 * Turns a checked flow package's machine config into an xstate machine, once, when the flow is
 * loaded: `setup()` names every catalogue capability, action and guard, and `$context`/`$event`
 * references become resolver functions. Capabilities are stand-ins here; each session gets the
 * real ones through `provideSession`.
 */
export function buildFlowMachine(config: Record<string, unknown>): AnyStateMachine {
  const machine = setup({
    types: { context: {} },
    actors: Object.fromEntries(ACTOR_NAMES.map((name) => [name, unprovided(name)])),
    // The catalogue's actions and guards are pure, so every session shares them.
    actions: {
      'context.set': assign(({ context }, params: { key: string; value: unknown }) =>
        writableKey(params.key) ? { ...context, [params.key]: params.value } : context,
      ),
      // xstate merges what assign returns into the context, so a cleared key is set to
      // undefined; leaving it out of the returned object would keep the old value.
      'context.clear': assign((_, params: { key: string }) =>
        writableKey(params.key) ? { [params.key]: undefined } : {},
      ),
      'context.toggle': assign(({ context }, params: { key: string; value: unknown }) =>
        writableKey(params.key)
          ? { [params.key]: toggled(readPath(context, [params.key]), params.value) }
          : {},
      ),
      // Speaking needs the session's speaker: each session provides it (provideSession).
      'speech.say': () => undefined,
    },
    guards: {
      'error.is': ({ event }, params: { flag: string }) =>
        errorHasFlag((event as { error?: unknown }).error, params.flag),
      'context.has': ({ context }, params: { key: string }) =>
        readPath(context, params.key.split('.')) !== undefined,
      'context.equals': ({ context }, params: { key: string; value: unknown }) =>
        contextEquals(context, params.key, params.value),
      'context.includes': ({ context }, params: { key: string; value: unknown }) =>
        contextIncludes(context, params.key, params.value),
      'context.empty': ({ context }, params: { key: string }) => contextEmpty(context, params.key),
    },
  }).createMachine(prepareRoot(config) as never);
  return machine as unknown as AnyStateMachine;
}

/**
 * The machine one session runs: the flow's machine with the session's capability runtime
 * provided. Input is checked against the catalogue before the runtime sees it.
 */
export function provideSession(
  machine: AnyStateMachine,
  flowId: string,
  runtime: CapabilityRuntime,
  say: (key: string) => void = () => undefined,
): AnyStateMachine {
  const actors = Object.fromEntries(
    ACTOR_NAMES.map((name) => [
      name,
      fromPromise<unknown, unknown>(({ input, signal }) => {
        const parsed = ACTOR_CAPABILITIES[name].input.safeParse(input);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return Promise.reject(
            new CapabilityError(
              `flow ${flowId} gave ${name} bad input at ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
              { rejected: true },
            ),
          );
        }
        return runtime.run(name, parsed.data, signal);
      }),
    ]),
  );
  const actions = { 'speech.say': (_: unknown, params: { text: string }) => say(params.text) };
  return machine.provide({ actors, actions } as never);
}

function prepareRoot(config: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _schema, ...root } = config;
  return {
    ...prepareNode(root),
    context: root.context ?? {},
    // The flow's outcome is whatever its final state declares; the shell reads only that.
    output: ({ event }: Scope) => (event as { output?: unknown }).output,
    // xstate's own guard against an eventless loop; the session's budget trips first.
    options: { maxIterations: MAX_MICROSTEPS_PER_EVENT * 2 },
  };
}

/**
 * Rewrites one state node so that references become functions xstate calls at run time.
 * Nesting depth is bounded by the package check, so this walk cannot run out of stack.
 */
function prepareNode(node: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...node };
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
  // A final state's output is static (`{ outcome }`): the package check refuses references.
  if (node.states) {
    out.states = Object.fromEntries(
      Object.entries(node.states as Record<string, Record<string, unknown>>).map(([k, child]) => [
        k,
        prepareNode(child),
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
