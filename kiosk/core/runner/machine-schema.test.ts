/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- the tests break vendor JSON on purpose */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { machineSchema } from './machine-schema.ts';
import { manifestSchema, screensSchema } from './package-schema.ts';
import { validateMachine } from './validate-machine.ts';

const FLOW_DIR = join(import.meta.dirname, '../../../flows/si-payment-certificate');

// Edits reach deep into vendor JSON; a loose type keeps each edit to one readable line.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function builtIn(file: string): Json {
  return JSON.parse(readFileSync(join(FLOW_DIR, file), 'utf8'));
}

function machineWith(edit: (machine: Json) => void): Json {
  const machine = builtIn('machine.json');
  edit(machine);
  return machine;
}

const kioskAccepts = (machine: unknown): boolean =>
  validateMachine('machine.json', machine).problems.length === 0;

describe('the machine.json schema for editors', () => {
  it('accepts the built-in flow machine, as the kiosk does', () => {
    const machine = builtIn('machine.json');
    expect(machineSchema.safeParse(machine).error?.issues).toBeUndefined();
    expect(kioskAccepts(machine)).toBe(true);
  });

  it.each<[string, (m: Json) => void]>([
    ['a capability the catalogue lacks', (m) => (m.states.lookup.invoke.src = 'shell.exec')],
    ['an unknown state key', (m) => (m.states.preview.onEntry = 'printing')],
    ['an unknown transition key', (m) => (m.states.preview.on.print = { goto: 'printing' })],
    ['an unknown invoke key', (m) => (m.states.lookup.invoke.retries = 3)],
    ['an invoke without onError', (m) => delete m.states.lookup.invoke.onError],
    ['a static input the capability refuses', (m) => (m.states.scanCode.invoke.input = { x: 1 })],
    ['an input out of range', (m) => (m.states.insertCard.invoke.input.timeoutSeconds = 1)],
    ['an action outside the catalogue', (m) => (m.states.preview.entry = { type: 'fs.write' })],
    ['action params the catalogue refuses', (m) => (m.states.preview.exit = 'context.clear')],
    ['a guard flag the catalogue lacks', (m) => (guardOf(m).params.flag = 'onFire')],
    ['a guard outside the catalogue', (m) => (guardOf(m).type = 'js.eval')],
    ['an event name that is not lower-case dotted', (m) => (m.states.preview.on.Print = 'done')],
    ['a delay that is not digits', (m) => (m.states.done.after.soon = 'completed')],
    ['a $schema key below the root', (m) => (m.states.preview.$schema = 'machine.schema.json')],
  ])('refuses %s, and so does the kiosk', (_, edit) => {
    const machine = machineWith(edit);
    expect(machineSchema.safeParse(machine).success).toBe(false);
    expect(kioskAccepts(machine)).toBe(false);
  });

  it('accepts references where the kiosk checks a capability input at run time', () => {
    const machine = machineWith((m) => {
      m.states.insertCard.invoke.input.timeoutSeconds = '$context.cardTimeout';
      m.states.lookup.invoke.input.args.months = '$context.months';
    });
    expect(machineSchema.safeParse(machine).success).toBe(true);
    expect(kioskAccepts(machine)).toBe(true);
  });

  // Stricter than the install check on purpose: the runtime would ignore these, so a vendor who
  // writes them has made a mistake an editor can point at.
  it.each<[string, (m: Json) => void]>([
    ['an xstate.* event', (m) => (m.states.preview.on['xstate.init'] = 'printing')],
    ['a final state without an outcome', (m) => delete m.states.completed.output],
    ['an outcome the kiosk does not know', (m) => (m.states.ended.output.outcome = 'crashed')],
    ['a misspelt meta key', (m) => (m.states.preview.meta = { scren: 'preview' })],
  ])('underlines %s in the editor', (_, edit) => {
    expect(machineSchema.safeParse(machineWith(edit)).success).toBe(false);
  });
});

describe('the $schema key that points editors at flows/schema', () => {
  it('is no screen: screens.json keeps only its screens', () => {
    const screens = screensSchema.parse(builtIn('screens.json'));
    expect(Object.keys(screens)).not.toContain('$schema');
    expect(Object.keys(screens)).toContain('preview');
  });

  it('must be a string in flow.json and screens.json', () => {
    expect(manifestSchema.safeParse({ ...builtIn('flow.json'), $schema: 7 }).success).toBe(false);
    expect(screensSchema.safeParse({ ...builtIn('screens.json'), $schema: 7 }).success).toBe(false);
  });
});

function guardOf(machine: Json): Json {
  return machine.states.insertCard.invoke.onError[0].guard;
}
