import { describe, expect, it } from 'vitest';
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
import type { ScreenSpecs } from './package-schema.ts';

const check = (machine: unknown, screens = smallScreens(), strings = smallStrings()) =>
  checkRefs('machine.json', machine, 'screens.json', screens, strings, STRINGS_FILES);

/** The finding in `file` at `pointer`, failing the test with every finding when there is none. */
function at(found: FlowPackageError[], pointer: string, file = 'machine.json'): FlowPackageError {
  const hit = found.find((p) => p.pointer === pointer && p.file === file);
  if (!hit)
    throw new Error(
      `nothing at ${file} ${pointer}; found:\n${found.map((p) => p.message).join('\n')}`,
    );
  return hit;
}

const READ_ON_DONE = '/states/read/invoke/onDone/actions';

/** The small machine with `show` replaced by a state that prints a receipt from `data`. */
function printing(data: Record<string, unknown>): Record<string, unknown> {
  const machine = smallMachine();
  statesOf(machine).show = {
    meta: { screen: 'reading' },
    invoke: {
      src: 'print.receipt',
      input: { template: 'r', data },
      onDone: 'done',
      onError: 'failed',
    },
  };
  return machine;
}

describe('checkRefs', () => {
  it('passes the built-in certificate flow without problems or warnings', () => {
    const { machine, screens, strings } = builtIn();
    expect(check(machine, screens, strings)).toEqual({ problems: [], warnings: [] });
  });

  it('refuses the built-in flow when it reads the resident name the masked view lacks', () => {
    const { machine, screens, strings } = builtIn();
    const text = JSON.stringify(machine).replace('resident.nameMasked', 'resident.name');
    const screensText = JSON.stringify(screens).replace(
      '{{resident.nameMasked}}',
      '{{resident.name}}',
    );
    const { problems } = check(json(text), json(screensText) as ScreenSpecs, strings);
    expect(at(problems, '/states/receipt/invoke/input/data/name').problem).toContain(
      'has no field "name"',
    );
    expect(at(problems, '/preview/blocks/0/rows/0/value', 'screens.json').fix).toContain(
      'nameMasked',
    );
  });

  it('passes the small fixture journey', () => {
    expect(check(smallMachine())).toEqual({ problems: [], warnings: [] });
  });

  it('refuses $context.constructor.name', () => {
    const { problems } = check(printing({ n: '$context.constructor.name' }));
    expect(at(problems, '/states/show/invoke/input/data/n').problem).toContain('"constructor"');
  });

  it('refuses context.set of the key constructor', () => {
    const machine = smallMachine();
    const text = JSON.stringify(machine).replace('"key":"resident"', '"key":"constructor"');
    const { problems } = check(json(text));
    expect(at(problems, `${READ_ON_DONE}/params/key`).problem).toContain(
      'context key "constructor"',
    );
  });

  it('refuses a __proto__ key anywhere in the machine JSON', () => {
    const text = JSON.stringify(smallMachine()).replace(
      '"meta":{"screen":"start"}',
      '"meta":{"screen":"start","__proto__":{"polluted":true}}',
    );
    const machine = json(text);
    const { problems } = check(machine);
    expect(at(problems, '/states/start/meta/__proto__').problem).toContain('"__proto__"');
  });

  it('refuses a reference to a key set on one branch only', () => {
    const machine = printing({ p: '$context.pick' });
    statesOf(machine).start = {
      meta: { screen: 'start' },
      on: {
        go: {
          target: 'show',
          actions: { type: 'context.set', params: { key: 'pick', value: 'x' } },
        },
        cancel: 'show',
      },
    };
    const { problems } = check(machine);
    expect(at(problems, '/states/show/invoke/input/data/p').problem).toContain(
      'not set on every path',
    );
  });

  it('refuses $event.output.idNumber after idcard.read: the resident view has none', () => {
    const text = JSON.stringify(smallMachine()).replace(
      '"value":"$event.output"',
      '"value":"$event.output.idNumber"',
    );
    const { problems } = check(json(text));
    expect(at(problems, `${READ_ON_DONE}/params/value`).problem).toContain('no "idNumber"');
  });

  it('refuses $event.output outside an onDone', () => {
    const machine = smallMachine();
    (statesOf(machine).start as Record<string, unknown>).meta = {
      screen: 'start',
      note: '$event.output.code',
    };
    const { problems } = check(machine);
    expect(at(problems, '/states/start/meta/note').problem).toContain('onDone');
  });

  it('accepts $event data a screen action declares, and refuses data none declares', () => {
    const screens = smallScreens();
    const start = screens.start as { actions: { data?: Record<string, string> }[] };
    (start.actions[0] as { data?: Record<string, string> }).data = { serviceId: 'si' };
    const machine = smallMachine();
    const set = (value: string) => ({
      meta: { screen: 'start' },
      on: {
        go: { target: 'read', actions: { type: 'context.set', params: { key: 'svc', value } } },
        cancel: 'cancelled',
      },
    });
    statesOf(machine).start = set('$event.serviceId');
    expect(check(machine, screens).problems).toEqual([]);
    statesOf(machine).start = set('$event.applicationNo');
    const { problems } = check(machine, screens);
    expect(at(problems, '/states/start/on/go/actions/params/value').problem).toContain(
      'declares data "applicationNo"',
    );
  });

  it('refuses a static context.set value that only looks like a reference', () => {
    const machine = smallMachine();
    statesOf(machine).start = {
      meta: { screen: 'start' },
      on: {
        go: {
          target: 'read',
          actions: [
            { type: 'context.set', params: { key: 'a', value: '$context.' } },
            { type: 'context.set', params: { key: 'b', value: { nested: '$foo.bar' } } },
          ],
        },
        cancel: 'cancelled',
      },
    };
    const { problems } = check(machine);
    expect(at(problems, '/states/start/on/go/actions/0/params/value').problem).toContain(
      'looks like a reference',
    );
    expect(at(problems, '/states/start/on/go/actions/1/params/value/nested').problem).toContain(
      '"$foo.bar"',
    );
  });

  it('refuses a placeholder whose key is never set: {{idcopy}}', () => {
    const screens = smallScreens();
    const show = screens.show as { blocks: { rows: { value: string }[] }[] };
    (show.blocks[0]?.rows[0] as { value: string }).value = '{{idcopy}}';
    const { problems } = check(smallMachine(), screens);
    expect(at(problems, '/show/blocks/0/rows/0/value', 'screens.json').problem).toContain(
      'never set',
    );
  });

  it('refuses a field that no value of a key set on some paths only ever has', () => {
    const machine = smallMachine();
    statesOf(machine).start = {
      meta: { screen: 'start' },
      on: {
        go: 'read',
        cancel: {
          target: 'show',
          actions: { type: 'context.set', params: { key: 'note', value: { text: 'skipped' } } },
        },
      },
    };
    const strings = smallStrings();
    strings.en['show.title'] = 'Check {{note.idNumber}}';
    const { problems } = check(machine, smallScreens(), strings);
    expect(at(problems, '/show.title', STRINGS_FILES.en).problem).toContain(
      'is never set to a value with the field "idNumber"',
    );
  });

  it('warns about a placeholder in a string that is set on some paths only', () => {
    const machine = smallMachine();
    statesOf(machine).start = {
      meta: { screen: 'start' },
      on: {
        go: 'read',
        cancel: {
          target: 'show',
          actions: { type: 'context.set', params: { key: 'note', value: 'skipped' } },
        },
      },
    };
    const strings = smallStrings();
    strings.en['show.title'] = 'Check {{note}}';
    const { problems, warnings } = check(machine, smallScreens(), strings);
    expect(problems).toEqual([]);
    expect(at(warnings, '/show.title', STRINGS_FILES.en).problem).toContain(
      'not set on every path',
    );
  });

  it('refuses a placeholder that names constructor', () => {
    const strings = smallStrings();
    strings['zh-CN'].t = '{{resident.constructor}}';
    const { problems } = check(smallMachine(), smallScreens(), strings);
    expect(at(problems, '/t', STRINGS_FILES['zh-CN']).problem).toContain('"constructor"');
  });

  it('tracks a cleared key as unset', () => {
    const text = JSON.stringify(smallMachine()).replace(
      '"onDone":{"target":"show","actions":{"type":"context.set","params":{"key":"resident","value":"$event.output"}}}',
      '"onDone":{"target":"show","actions":[{"type":"context.set","params":{"key":"resident","value":"$event.output"}},{"type":"context.clear","params":{"key":"resident"}}]}',
    );
    const { problems } = check(json(text));
    expect(at(problems, '/show/blocks/0/rows/0/value', 'screens.json').problem).toContain(
      'never set',
    );
  });

  it('never throws on machines that are not machines, or on deep JSON outside states', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    const machine = smallMachine();
    (statesOf(machine).start as Record<string, unknown>).meta = { screen: 'start', deep };
    for (const m of [null, 42, 'x', [], { states: 'x' }, { states: { a: null } }, machine])
      expect(() => check(m)).not.toThrow();
  });
});
