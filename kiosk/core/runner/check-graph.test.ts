import { describe, expect, it } from 'vitest';
import { checkGraph, MIN_AFTER_MS } from './check-graph.ts';
import { checkRefs } from './check-refs.ts';
import type { FlowPackageError } from './errors.ts';
import {
  builtIn,
  json,
  smallMachine,
  smallScreens,
  smallStrings,
  statesOf,
  STRINGS_FILES,
} from './flow-fixtures.ts';
import { MAX_STATE_DEPTH, MAX_STATES } from './state-graph.ts';

const check = (machine: unknown, screens = smallScreens()) =>
  checkGraph('machine.json', machine, 'screens.json', screens);

/** The finding at `pointer`, failing the test with every finding when there is none. */
function at(found: FlowPackageError[], pointer: string): FlowPackageError {
  const hit = found.find((p) => p.pointer === pointer);
  if (!hit)
    throw new Error(`nothing at ${pointer}; found:\n${found.map((p) => p.message).join('\n')}`);
  return hit;
}

describe('checkGraph', () => {
  it('passes the built-in certificate flow without problems or warnings', () => {
    const { machine, screens } = builtIn();
    expect(check(machine, screens)).toEqual({ problems: [], warnings: [] });
  });

  it('passes the small fixture journey', () => {
    expect(check(smallMachine())).toEqual({ problems: [], warnings: [] });
  });

  it('refuses 10,000 nested states by the depth limit, without overflowing the stack', () => {
    const root: Record<string, unknown> = { id: 'deep', initial: 's', states: {} };
    let node = root;
    for (let i = 0; i < 10_000; i++) {
      const child: Record<string, unknown> = { initial: 's', states: {} };
      node.states = { s: child };
      node = child;
    }
    node.states = { leaf: {} };
    node.initial = 'leaf';
    const { problems } = check(root);
    const pointer = '/states/s'.repeat(MAX_STATE_DEPTH) + '/states';
    expect(at(problems, pointer).problem).toContain(`deeper than ${MAX_STATE_DEPTH}`);
    expect(() =>
      checkRefs(
        'machine.json',
        root,
        'screens.json',
        smallScreens(),
        smallStrings(),
        STRINGS_FILES,
      ),
    ).not.toThrow();
  });

  it('refuses a loop of two states joined by always transitions, guarded or not', () => {
    const machine = smallMachine();
    Object.assign(statesOf(machine), {
      start: { meta: { screen: 'start' }, on: { go: 'a', cancel: 'cancelled' } },
      a: { always: 'b' },
      b: {
        always: [
          { guard: { type: 'context.has', params: { key: 'x' } }, target: 'a' },
          { target: 'a' },
        ],
      },
    });
    const loops = check(machine).problems.filter((p) => p.problem.includes('loop without end'));
    expect(loops.length).toBeGreaterThan(0);
    for (const loop of loops) {
      expect(['/states/a/always', '/states/b/always/0', '/states/b/always/1']).toContain(
        loop.pointer,
      );
      expect(loop.problem).toMatch(/"a" → "b" → "a"|"b" → "a" → "b"/);
    }
  });

  it('refuses an after: 0 loop by the minimum delay', () => {
    const machine = smallMachine();
    Object.assign(statesOf(machine), {
      start: { meta: { screen: 'start' }, after: { '0': 'other' }, on: { cancel: 'cancelled' } },
      other: { meta: { screen: 'start' }, after: { '0': 'start' }, on: { cancel: 'cancelled' } },
    });
    const { problems } = check(machine);
    expect(at(problems, '/states/start/after/0').problem).toContain(`shorter than ${MIN_AFTER_MS}`);
    expect(at(problems, '/states/other/after/0').fix).toContain(`${MIN_AFTER_MS} ms`);
  });

  it('refuses a final state without an outcome', () => {
    const machine = smallMachine();
    statesOf(machine).done = { type: 'final' };
    expect(at(check(machine).problems, '/states/done').problem).toContain('declares no outcome');
  });

  it('refuses an outcome the shell does not know', () => {
    const machine = smallMachine();
    statesOf(machine).done = { type: 'final', output: { outcome: 'success' } };
    expect(at(check(machine).problems, '/states/done/output/outcome').problem).toContain(
      '"success"',
    );
  });

  it('refuses a machine with no final state, and names the states that cannot end', () => {
    const machine = smallMachine();
    const states = statesOf(machine);
    delete states.done;
    delete states.failed;
    delete states.cancelled;
    Object.assign(states, {
      start: { meta: { screen: 'start' }, on: { go: 'read' } },
      show: { meta: { screen: 'show' }, on: { next: 'start' } },
    });
    (states.read?.invoke as Record<string, unknown>).onError = 'start';
    const { problems } = check(machine);
    expect(at(problems, '').problem).toContain('no final state at the top level');
    expect(at(problems, '/states/show').problem).toContain('can never reach');
  });

  it('refuses xstate-internal and wildcard event names in "on"', () => {
    const machine = smallMachine();
    statesOf(machine).start = {
      meta: { screen: 'start' },
      on: { go: 'read', cancel: 'cancelled', 'xstate.done.actor.x': 'done', '*': 'done' },
    };
    const { problems } = check(machine);
    expect(at(problems, '/states/start/on/xstate.done.actor.x').problem).toContain(
      'xstate-internal event',
    );
    expect(at(problems, '/states/start/on/*').problem).toContain('wildcard');
  });

  it('refuses a final output that carries resident data', () => {
    const machine = smallMachine();
    statesOf(machine).done = {
      type: 'final',
      output: { outcome: 'completed', resident: '$context.resident.idNumber' },
    };
    expect(at(check(machine).problems, '/states/done/output/resident').problem).toContain(
      'reads only the outcome',
    );
  });

  it('refuses a busy screen nothing leads out of', () => {
    const machine = smallMachine();
    statesOf(machine).show = { meta: { screen: 'reading' }, on: { next: 'done' } };
    const { problems } = check(machine);
    expect(at(problems, '/states/show').problem).toContain('busy screen "reading"');
  });

  it('accepts a busy screen left by an after timeout', () => {
    const machine = smallMachine();
    statesOf(machine).show = { meta: { screen: 'reading' }, after: { '5000': 'done' } };
    expect(check(machine).problems).toEqual([]);
  });

  it('refuses a state that can never reach a final state', () => {
    const machine = smallMachine();
    statesOf(machine).show = { meta: { screen: 'show' }, on: { next: 'show' } };
    expect(at(check(machine).problems, '/states/show').problem).toContain('never reach');
  });

  it('follows #id.path, .child and ancestor transitions like xstate', () => {
    const machine = json(`{
      "id": "m", "initial": "outer",
      "states": {
        "outer": {
          "initial": "inner", "on": { "cancel": "#m.end" },
          "states": {
            "inner": { "meta": { "screen": "start" }, "on": { "go": "#m.outer.second" } },
            "second": { "meta": { "screen": "show" }, "on": { "next": "missing" } }
          }
        },
        "end": { "type": "final", "output": { "outcome": "cancelled" } }
      }
    }`);
    const { problems } = check(machine);
    expect(at(problems, '/states/outer/states/second/on/next').problem).toContain(
      'does not name a state',
    );
    expect(problems).toHaveLength(1);
  });

  it('warns about events no shown screen offers and states nothing reaches', () => {
    const machine = smallMachine();
    Object.assign(statesOf(machine), {
      show: { meta: { screen: 'show' }, on: { next: 'done', print: 'done' } },
      orphan: { meta: { screen: 'show' }, on: { next: 'done' } },
    });
    const { problems, warnings } = check(machine);
    expect(problems).toEqual([]);
    expect(at(warnings, '/states/show/on/print').problem).toContain('offers the event "print"');
    expect(at(warnings, '/states/orphan').problem).toContain('cannot be reached');
  });

  it('never throws on machines that are not machines', () => {
    for (const machine of [null, 42, 'x', [], { states: 'x' }, { states: { a: null } }])
      expect(() => check(machine)).not.toThrow();
  });

  it('refuses a machine of more states than a resident could follow, before any slow check', () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i <= MAX_STATES; i++)
      states[`s${i}`] = { type: 'final', output: { outcome: 'cancelled' } };
    const { problems } = check({ id: 'many', initial: 's0', states });
    expect(at(problems, '/states').problem).toContain(`more than ${MAX_STATES} states`);
  });
});
