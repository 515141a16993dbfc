import {
  ACTION_CAPABILITIES,
  ACTOR_CAPABILITIES,
  GUARD_CAPABILITIES,
  isActionCapability,
  isActorCapability,
  isGuardCapability,
  type Requirement,
} from '../capabilities/catalogue.ts';
import { FlowPackageError } from './errors.ts';
import { containsRef } from './refs.ts';

const STATE_KEYS = new Set([
  'id',
  'initial',
  'type',
  'states',
  'on',
  'after',
  'always',
  'invoke',
  'entry',
  'exit',
  'meta',
  'output',
  'description',
  'tags',
  'context',
]);
const TRANSITION_KEYS = new Set(['target', 'guard', 'actions', 'reenter', 'description']);
const INVOKE_KEYS = new Set(['id', 'src', 'input', 'onDone', 'onError']);
const EVENT_NAME = /^[a-z][a-z0-9]*(\.[a-z0-9]+)*$/;

/** What walking a machine config found: problems, the screens it names and the needs it implies. */
export interface MachineCheck {
  problems: FlowPackageError[];
  screens: Set<string>;
  needs: Set<Requirement>;
}

/**
 * Checks a flow's machine.json against the capability catalogue: only known state keys, only
 * catalogue actors, actions and guards, valid static inputs and params, lower-case dotted event
 * names. It never runs anything.
 */
export function validateMachine(file: string, config: unknown): MachineCheck {
  const check: MachineCheck = { problems: [], screens: new Set(), needs: new Set() };
  const problem = (pointer: string, text: string, fix: string): void => {
    check.problems.push(new FlowPackageError(file, pointer, text, fix));
  };

  const checkActions = (pointer: string, actions: unknown): void => {
    const list = Array.isArray(actions) ? actions : [actions];
    list.forEach((action, i) => {
      const at = Array.isArray(actions) ? `${pointer}/${i}` : pointer;
      const type = typeof action === 'string' ? action : isObject(action) ? action.type : undefined;
      if (typeof type !== 'string' || !isActionCapability(type)) {
        problem(
          at,
          `unknown action ${JSON.stringify(type)}`,
          `use one of ${Object.keys(ACTION_CAPABILITIES).join(', ')}`,
        );
        return;
      }
      const params = isObject(action) ? action.params : undefined;
      const parsed = ACTION_CAPABILITIES[type].params.safeParse(params);
      if (!parsed.success)
        problem(
          `${at}/params`,
          `bad params for ${type}: ${firstIssue(parsed.error)}`,
          'see the catalogue entry for this action',
        );
    });
  };

  const checkGuard = (pointer: string, guard: unknown): void => {
    const type = typeof guard === 'string' ? guard : isObject(guard) ? guard.type : undefined;
    if (typeof type !== 'string' || !isGuardCapability(type)) {
      problem(
        pointer,
        `unknown guard ${JSON.stringify(type)}`,
        `use one of ${Object.keys(GUARD_CAPABILITIES).join(', ')}`,
      );
      return;
    }
    const parsed = GUARD_CAPABILITIES[type].params.safeParse(
      isObject(guard) ? guard.params : undefined,
    );
    if (!parsed.success)
      problem(
        `${pointer}/params`,
        `bad params for ${type}: ${firstIssue(parsed.error)}`,
        'see the catalogue entry for this guard',
      );
  };

  const checkTransitions = (pointer: string, transitions: unknown): void => {
    const list = Array.isArray(transitions) ? transitions : [transitions];
    list.forEach((t, i) => {
      const at = Array.isArray(transitions) ? `${pointer}/${i}` : pointer;
      if (typeof t === 'string') return;
      if (!isObject(t)) {
        problem(
          at,
          'a transition must be a target string or an object',
          'write "target" or { "target": ..., "actions": ... }',
        );
        return;
      }
      for (const k of Object.keys(t)) {
        if (!TRANSITION_KEYS.has(k))
          problem(
            `${at}/${k}`,
            `unknown transition key "${k}"`,
            `use only ${[...TRANSITION_KEYS].join(', ')}`,
          );
      }
      if (t.guard !== undefined) checkGuard(`${at}/guard`, t.guard);
      if (t.actions !== undefined) checkActions(`${at}/actions`, t.actions);
    });
  };

  const checkInvoke = (pointer: string, invoke: unknown): void => {
    const list = Array.isArray(invoke) ? invoke : [invoke];
    list.forEach((inv, i) => {
      const at = Array.isArray(invoke) ? `${pointer}/${i}` : pointer;
      if (!isObject(inv)) {
        problem(at, 'invoke must be an object', 'write { "src": "<capability>", "input": {...} }');
        return;
      }
      for (const k of Object.keys(inv)) {
        if (!INVOKE_KEYS.has(k))
          problem(
            `${at}/${k}`,
            `unknown invoke key "${k}"`,
            `use only ${[...INVOKE_KEYS].join(', ')}`,
          );
      }
      const src = inv.src;
      if (typeof src !== 'string' || !isActorCapability(src)) {
        problem(
          `${at}/src`,
          `unknown capability ${JSON.stringify(src)}`,
          `use one of ${Object.keys(ACTOR_CAPABILITIES).join(', ')}`,
        );
        return;
      }
      for (const need of ACTOR_CAPABILITIES[src].needs) check.needs.add(need);
      if (!containsRef(inv.input)) {
        const parsed = ACTOR_CAPABILITIES[src].input.safeParse(inv.input ?? {});
        if (!parsed.success)
          problem(
            `${at}/input`,
            `bad input for ${src}: ${firstIssue(parsed.error)}`,
            'see the catalogue entry for this capability',
          );
      }
      if (inv.onDone !== undefined) checkTransitions(`${at}/onDone`, inv.onDone);
      if (inv.onError === undefined) {
        problem(
          `${at}`,
          `invoke of ${src} has no onError`,
          'add an "onError" transition to a screen that tells the resident what happened',
        );
      } else checkTransitions(`${at}/onError`, inv.onError);
    });
  };

  const walk = (pointer: string, node: unknown): void => {
    if (!isObject(node)) {
      problem(
        pointer,
        'a state must be an object',
        'write { "meta": { "screen": ... }, "on": {...} }',
      );
      return;
    }
    for (const k of Object.keys(node)) {
      // The root may point editors at its JSON Schema; xstate ignores the key.
      if (!STATE_KEYS.has(k) && !(pointer === '' && k === '$schema'))
        problem(
          `${pointer}/${k}`,
          `unknown state key "${k}"`,
          `use only ${[...STATE_KEYS].join(', ')}`,
        );
    }
    if (isObject(node.meta)) {
      if (typeof node.meta.screen === 'string') check.screens.add(node.meta.screen);
    }
    if (node.entry !== undefined) checkActions(`${pointer}/entry`, node.entry);
    if (node.exit !== undefined) checkActions(`${pointer}/exit`, node.exit);
    if (node.invoke !== undefined) checkInvoke(`${pointer}/invoke`, node.invoke);
    if (node.always !== undefined) checkTransitions(`${pointer}/always`, node.always);
    for (const [section, keyCheck] of [
      ['on', true],
      ['after', false],
    ] as const) {
      const map = node[section];
      if (map === undefined) continue;
      if (!isObject(map)) {
        problem(
          `${pointer}/${section}`,
          `"${section}" must be an object`,
          'map event names (or delays in ms) to transitions',
        );
        continue;
      }
      for (const [name, transitions] of Object.entries(map)) {
        if (keyCheck && !EVENT_NAME.test(name)) {
          problem(
            `${pointer}/on/${name}`,
            `event name "${name}" is not lower-case dotted`,
            'name events like "card.inserted" or "print"',
          );
        }
        if (!keyCheck && !/^\d+$/.test(name))
          problem(
            `${pointer}/after/${name}`,
            `delay "${name}" is not a number of milliseconds`,
            'write the delay as digits, e.g. "8000"',
          );
        checkTransitions(`${pointer}/${section}/${name}`, transitions);
      }
    }
    if (node.states !== undefined) {
      if (!isObject(node.states))
        problem(
          `${pointer}/states`,
          '"states" must be an object',
          'map state names to state objects',
        );
      else
        for (const [name, child] of Object.entries(node.states))
          walk(`${pointer}/states/${name}`, child);
    }
  };

  walk('', config);
  return check;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
