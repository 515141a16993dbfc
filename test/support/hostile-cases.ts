/**
 * The hostile packages of the hostile-vendor suite (test/integration/hostile-packages.test.ts),
 * each built in a temporary folder by test/support/hostile-flows.ts and named by what the
 * vendor did. Every builder returns the package folder.
 */
import { cpSync, mkdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  at,
  BUILT_IN_ID,
  contextSet,
  copyBuiltIn,
  COPY_ID,
  editJson,
  type JsonObject,
  statesOf,
  tempRoot,
  writeJson,
  writeMinimalFlow,
} from './hostile-flows.ts';

/** Copies the built-in package and applies `change` to its machine.json. */
function withMachine(change: (states: JsonObject) => void): string {
  const dir = copyBuiltIn();
  editJson(dir, 'machine.json', (machine) => change(statesOf(machine)));
  return dir;
}

/** Copies the built-in package and applies `change` to its flow.json. */
function withManifest(change: (flow: JsonObject) => void): string {
  const dir = copyBuiltIn();
  editJson(dir, 'flow.json', change);
  return dir;
}

/** Sends the preview's "print" to `target` and adds `states` (a trap the journey walks into). */
function trap(target: string, states: JsonObject): string {
  return withMachine((all) => {
    at(all, 'preview', 'on').print = target;
    Object.assign(all, states);
  });
}

/** A machine.json text of `depth` states nested inside each other. */
function nestedStates(depth: number): string {
  const open = '{"initial":"s","states":{"s":';
  return `{"id":"${COPY_ID}","initial":"s","states":{"s":${open.repeat(depth)}{}${'}}'.repeat(depth)}}}`;
}

/** The receipt template the `residentReceipt` package ships as templates/x.json. */
export const RESIDENT_RECEIPT = {
  kind: 'receipt',
  id: 'x',
  description: 'A receipt asking for resident data the flow never sees.',
  blocks: [
    { type: 'row', label: 'Holder', value: '{{holder}}' },
    { type: 'row', label: 'Address', value: '{{addr}}' },
    { type: 'row', label: 'Born', value: '{{birth}}' },
    { type: 'cut' },
  ],
};

/**
 * The hostile packages, each a builder returning the package folder (a copy of the built-in
 * package under the id `COPY_ID` unless noted), named by what the vendor did.
 */
export const hostile = {
  /** Keeps `$event.output.idNumber` of idcard.read as "idcopy" and shows `{{idcopy}}`. */
  idCopy: (): string => {
    const dir = withMachine((states) => {
      at(states, 'insertCard', 'invoke', 'onDone').actions = [
        contextSet('resident', '$event.output'),
        contextSet('idcopy', '$event.output.idNumber'),
      ];
    });
    editJson(dir, 'screens.json', (screens) => {
      const row = { label: 'preview.idNumber', value: '{{idcopy}}' };
      (at(screens, 'preview').blocks as unknown[]).push({ kind: 'fields', rows: [row] });
    });
    return dir;
  },
  /** Ships templates/x.json and prints it with resident fields the resident view lacks. */
  residentReceipt: (): string => {
    const dir = withMachine((states) => {
      at(states, 'receipt', 'invoke').input = {
        template: `${COPY_ID}/x`,
        data: {
          holder: '$context.resident.name',
          addr: '$context.resident.address',
          birth: '$context.resident.birthDate',
        },
      };
    });
    writeJson(dir, 'templates/x.json', RESIDENT_RECEIPT);
    return dir;
  },
  /** A second package claiming the built-in flow's id, in a folder of its own. */
  builtInId: (): string => copyBuiltIn(tempRoot(), 'vendor-copy', BUILT_IN_ID),
  /** Two states sending each other on with `always`. */
  alwaysLoop: (): string => trap('ping', { ping: { always: 'pong' }, pong: { always: 'ping' } }),
  /** Two states sending each other on after 0 ms. */
  afterZeroLoop: (): string =>
    trap('ping', {
      ping: { meta: { screen: 'printing' }, after: { '0': 'pong' } },
      pong: { meta: { screen: 'printing' }, after: { '0': 'ping' } },
    }),
  /** A state on the busy "printing" screen with no invoke, no after and no way out. */
  busyDeadEnd: (): string => trap('stuck', { stuck: { meta: { screen: 'printing' } } }),
  /** machine.json holding 10,000 states nested inside each other. */
  deepStates: (): string => {
    const dir = copyBuiltIn();
    writeFileSync(join(dir, 'machine.json'), nestedStates(10_000));
    return dir;
  },
  /** flow.json names a machine beside the package folder. */
  machineOutside: (): string => {
    const dir = copyBuiltIn();
    writeFileSync(join(dir, '..', 'outside.json'), '{}');
    editJson(dir, 'flow.json', (flow) => (flow.machine = '../outside.json'));
    return dir;
  },
  /** flow.json names /etc/passwd as its machine. */
  machinePasswd: (): string => withManifest((flow) => (flow.machine = '/etc/passwd')),
  /** flow.json names English strings two folders up. */
  stringsOutside: (): string => withManifest((flow) => (at(flow, 'strings').en = '../../x.json')),
  /** i18n/ is a symbolic link to a (valid) folder outside the package. */
  linkedI18n: (): string => {
    const root = tempRoot();
    const dir = copyBuiltIn(root);
    cpSync(join(dir, 'i18n'), join(root, 'shared-i18n'), { recursive: true });
    rmSync(join(dir, 'i18n'), { recursive: true });
    symlinkSync(join(root, 'shared-i18n'), join(dir, 'i18n'));
    return dir;
  },
  /** templates/x.json is a symbolic link to /etc/passwd. */
  linkedTemplate: (): string => {
    const dir = copyBuiltIn();
    mkdirSync(join(dir, 'templates'));
    symlinkSync('/etc/passwd', join(dir, 'templates', 'x.json'));
    return dir;
  },
  /** i18n/en.json is a 300 MB (sparse) file. */
  hugeStrings: (): string => {
    const dir = copyBuiltIn();
    truncateSync(join(dir, 'i18n', 'en.json'), 300 * 1024 * 1024);
    return dir;
  },
  /** Reads `$context.constructor.name` into the context key "constructor". */
  constructorKey: (): string =>
    withMachine((states) => {
      at(states, 'preview').entry = contextSet('constructor', '$context.constructor.name');
    }),
  /** The final state "completed" has an output without `outcome`. */
  finalWithoutOutcome: (): string => withMachine((states) => (at(states, 'completed').output = {})),
  /** A minimal package whose only state loops on itself: no final state at all. */
  noFinalState: (): string =>
    writeMinimalFlow(tempRoot(), 'pkg', {
      states: { start: { meta: { screen: 'start' }, on: { next: 'start', cancel: 'start' } } },
    }),
  /** print.receipt names a template that exists nowhere. */
  unknownTemplate: (): string =>
    withMachine((states) => (at(states, 'receipt', 'invoke', 'input').template = 'no-such-slip')),
  /** `on` handles xstate's own events. */
  internalEvents: (): string =>
    withMachine((states) => {
      const on = at(states, 'preview', 'on');
      on[`xstate.done.actor.0.${BUILT_IN_ID}.insertCard`] = 'printing';
      on['xstate.init'] = 'printing';
    }),
  /** The final state "completed" hands the masked ID number out. */
  finalOutputRef: (): string =>
    withMachine((states) => {
      at(states, 'completed').output = {
        outcome: 'completed',
        id: '$context.resident.idNumberMasked',
      };
    }),
  /** Two unrelated mistakes: a final state without outcome and an unknown template. */
  twoProblems: (): string =>
    withMachine((states) => {
      at(states, 'completed').output = {};
      at(states, 'receipt', 'invoke', 'input').template = 'no-such-slip';
    }),
  /** A minimal package that requires a scanner it never uses (a warning, not a refusal). */
  unusedScanner: (): string => writeMinimalFlow(tempRoot(), 'pkg', { requires: ['scanner'] }),
};

/** The name of one hostile package. */
export type HostileCase = keyof typeof hostile;
