/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- the tests break vendor JSON on purpose */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { FlowPackageErrors } from './errors.ts';
import { loadFlowPackage } from './load-package.ts';

/** The built-in certificate flow, copied and broken by each test. */
const FLOW_DIR = join(import.meta.dirname, '../../../flows/si-payment-certificate');

describe('a flow package that breaks the rules', () => {
  function brokenCopy(edit: (dir: string) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-flow-'));
    cpSync(FLOW_DIR, dir, { recursive: true });
    edit(dir);
    return dir;
  }
  function refusal(dir: string): string {
    try {
      loadFlowPackage(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(FlowPackageErrors);
      return (error as Error).message;
    }
    throw new Error('the package was accepted');
  }
  // Test edits reach deep into vendor JSON; a loose type keeps each edit to one readable line.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Json = any;
  function editJson(dir: string, file: string, edit: (json: Json) => void): void {
    const path = join(dir, file);
    const json: Json = JSON.parse(readFileSync(path, 'utf8'));
    edit(json);
    writeFileSync(path, JSON.stringify(json));
  }

  it('is refused when it invokes a capability the catalogue lacks, naming file, place and fix', () => {
    const dir = brokenCopy((d) =>
      editJson(d, 'machine.json', (m) => (m.states.lookup.invoke.src = 'shell.exec')),
    );
    const message = refusal(dir);
    expect(message).toContain('machine.json at /states/lookup/invoke/src');
    expect(message).toContain('unknown capability "shell.exec"');
    expect(message).toContain('use one of idcard.read');
  });

  it('is refused when it uses a device it did not declare', () => {
    const dir = brokenCopy((d) =>
      editJson(
        d,
        'flow.json',
        (m) => (m.requires = ['idCardReader', 'platform', 'receiptPrinter']),
      ),
    );
    expect(refusal(dir)).toContain(
      'the machine uses "documentPrinter" but flow.json does not declare it',
    );
  });

  it('is refused on a kiosk without a device it requires', () => {
    expect(() =>
      loadFlowPackage(FLOW_DIR, {
        installed: new Set(['idCardReader', 'platform', 'receiptPrinter']),
      }),
    ).toThrow(/this kiosk has no "documentPrinter"/);
  });

  it('is refused when an invoke has no onError, a string is missing, or JSON is broken', () => {
    const noError = brokenCopy((d) =>
      editJson(d, 'machine.json', (m) => delete m.states.lookup.invoke.onError),
    );
    expect(refusal(noError)).toContain('invoke of platform.call has no onError');
    const noString = brokenCopy((d) =>
      editJson(d, 'i18n/en.json', (m) => delete m['preview.title']),
    );
    expect(refusal(noString)).toContain('missing string "preview.title"');
    const badJson = brokenCopy((d) => writeFileSync(join(d, 'screens.json'), '{ "a": '));
    expect(refusal(badJson)).toContain('screens.json: not valid JSON');
  });

  it('is refused when an action or guard is not in the catalogue', () => {
    const dir = brokenCopy((d) =>
      editJson(d, 'machine.json', (m) => {
        m.states.preview.entry = { type: 'fs.write' };
        m.states.insertCard.invoke.onError[0].guard = { type: 'js.eval' };
      }),
    );
    const message = refusal(dir);
    expect(message).toContain('unknown action "fs.write"');
    expect(message).toContain('unknown guard "js.eval"');
  });
});

describe('a flow package whose machine targets a state that does not exist', () => {
  it('is refused naming the transition', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-flow-'));
    cpSync(FLOW_DIR, dir, { recursive: true });
    const path = join(dir, 'machine.json');
    const json = JSON.parse(readFileSync(path, 'utf8')) as {
      states: Record<string, { on?: Record<string, string> }>;
    };
    json.states.preview!.on = { print: 'nowhere' };
    writeFileSync(path, JSON.stringify(json));
    expect(() => loadFlowPackage(dir)).toThrow(
      /machine\.json at \/states\/preview\/on\/print: target "nowhere" does not name a state/,
    );
  });
});

describe('the context actions a flow may run', () => {
  it('clear a key that was set, so nothing of it stays in the session context', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-flow-'));
    cpSync(FLOW_DIR, dir, { recursive: true });
    writeFileSync(
      join(dir, 'machine.json'),
      JSON.stringify({
        id: 'clear-check',
        initial: 'a',
        states: {
          a: {
            meta: { screen: 'printer-failed' },
            entry: { type: 'context.set', params: { key: 'secret', value: 'x' } },
            on: { next: 'b' },
          },
          b: {
            meta: { screen: 'printer-failed' },
            entry: { type: 'context.clear', params: { key: 'secret' } },
            on: { next: 'done' },
          },
          done: { type: 'final', output: { outcome: 'completed' } },
        },
      }),
    );
    writeFileSync(
      join(dir, 'flow.json'),
      JSON.stringify({
        ...JSON.parse(readFileSync(join(dir, 'flow.json'), 'utf8')),
        requires: [],
        optional: ['idCardReader', 'scanner', 'documentPrinter', 'receiptPrinter'],
      }),
    );
    const pkg = loadFlowPackage(dir);
    const actor = createActor(pkg.machine).start();
    expect((actor.getSnapshot().context as Record<string, unknown>).secret).toBe('x');
    actor.send({ type: 'next' });
    expect((actor.getSnapshot().context as Record<string, unknown>).secret).toBeUndefined();
  });
});
