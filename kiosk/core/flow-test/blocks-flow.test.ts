import { afterAll, describe, expect, it } from 'vitest';
import type { EntryBlockView, ScreenView } from '../../contract.ts';
import { loadFlowPackage } from '../runner/load-package.ts';
import {
  blocksFiles,
  removeBlocksPackages,
  writeBlocksPackage,
} from '../runner/testing/blocks-package.ts';
import { entryValueProblem } from '../session/entry-values.ts';
import { offered } from './checks.ts';
import { creditCodeCheck, sampleEntry } from './entry-samples.ts';
import { testFlow } from './explore.ts';
import { successVariants } from './outcomes.ts';
import { operationVariants, PLATFORM_SAMPLES, samplePlatform } from './platform-samples.ts';
import { replayPath } from './report.ts';
import { guardedValues, valueGuardKeys } from './session-machine.ts';
import { parsePath } from './steps.ts';

afterAll(removeBlocksPackages);

const PKG = loadFlowPackage(writeBlocksPackage());

describe('flow test on a flow using every data block', () => {
  it('reaches every state, transition, outcome, timer and guard, with no problem', async () => {
    const result = await testFlow(PKG);
    expect(result.problems).toEqual([]);
    for (const [axis, c] of Object.entries(result.coverage)) {
      expect({ axis, missing: c.missing }).toEqual({ axis, missing: [] });
      expect(c.total).toBeGreaterThan(0);
    }
    expect(result.ok).toBe(true);
  });

  it('replays a path that ticks rows, types a number and picks a row', async () => {
    const path = parsePath(
      'item.toggle{"id":"hukou"}, next, number.entered{"value":"2026"}, item.chosen{"id":"hukou"}, finish',
    );
    const replay = await replayPath(PKG, path);
    expect(replay.refused).toBeUndefined();
    expect(replay.findings).toEqual([]);
    expect(replay.lines.at(-1)).toContain('final state');
  });

  it('refuses a path that presses a row the screen does not show', async () => {
    const replay = await replayPath(PKG, parsePath('item.toggle{"id":"nobody"}'));
    expect(replay.refused).toContain('offers no action "item.toggle"');
  });

  it('reports a list whose items lack the field a row title shows', async () => {
    const files = blocksFiles();
    const screens = files.screens as Record<string, { blocks: Record<string, unknown>[] }>;
    screens.choose!.blocks[0]!.title = '{{label}}';
    // One item has the field, so the install check passes; the other draws a blank row.
    const context = files.machine.context as { items: Record<string, string>[] };
    context.items[0]!.label = '出生';
    const result = await testFlow(loadFlowPackage(writeBlocksPackage(files)));
    expect(result.problems.map((p) => p.message)).toContain(
      'a row of the choices list on screen "choose" shows {{label}}, which an item of $context.items lacks (the resident sees a blank)',
    );
  });
});

describe('what the tester presses on a screen', () => {
  const view: ScreenView = {
    id: 'x/s',
    layout: 'task',
    tone: 'neutral',
    title: 't',
    blocks: [
      {
        kind: 'list',
        style: 'choices',
        items: [
          {
            id: 'a',
            title: 'A',
            lines: [],
            action: {
              id: 'row-a',
              label: 'A',
              event: 'pick',
              data: { id: 'a' },
              kind: 'secondary',
            },
          },
          { id: 'b', title: 'B', lines: [] },
        ],
      },
      {
        kind: 'entry',
        pad: 'digits',
        label: 'n',
        event: 'typed',
        submitLabel: 'ok',
        minLength: 6,
        maxLength: 6,
      },
    ],
    actions: [
      {
        id: 'print',
        label: 'p',
        event: 'print',
        kind: 'primary',
        disabled: true,
        disabledReason: 'down',
      },
      { id: 'back', label: 'b', event: 'back', kind: 'secondary' },
    ],
  };

  it('presses each row with an action, a valid entry, and no disabled action', () => {
    expect(offered(view)).toEqual([
      { event: 'back', data: {} },
      { event: 'pick', data: { id: 'a' } },
      { event: 'typed', data: { value: '202612' } },
    ]);
  });
});

describe('sample entries', () => {
  const entry = (
    pad: EntryBlockView['pad'],
    minLength: number,
    maxLength: number,
  ): EntryBlockView => ({
    kind: 'entry',
    pad,
    label: 'l',
    event: 'e',
    submitLabel: 's',
    minLength,
    maxLength,
  });

  it.each([
    ['digits', 1, 1],
    ['digits', 30, 64],
    ['alphanumeric', 10, 20],
    ['credit-code', 18, 18],
    ['credit-code', 4, 10],
    ['credit-code', 40, 64],
  ] as const)('are what the kiosk gate accepts on a %s pad of %i-%i', (pad, min, max) => {
    const e = entry(pad, min, max);
    expect(entryValueProblem(e, { value: sampleEntry(e) })).toBeUndefined();
  });

  it('type a credit code with a correct GB 32100 check character', () => {
    const code = sampleEntry(entry('credit-code', 18, 18));
    expect(code).toHaveLength(18);
    expect(code.at(-1)).toBe(creditCodeCheck(code.slice(0, 17)));
    // Published codes whose check characters are known.
    expect(creditCodeCheck('91440300192203821')).toBe('6');
    expect(creditCodeCheck('91110000600037341')).toBe('L');
  });
});

describe('the state key of an explored session', () => {
  it('holds the values the value guards read, lists in sorted order', () => {
    const keys = valueGuardKeys(PKG.config);
    expect(keys).toEqual(['chosen', 'picked']);
    expect(guardedValues({ picked: ['b', 'a'], chosen: 'x', other: 1 }, keys)).toEqual([
      'x',
      ['a', 'b'],
    ]);
  });
});

describe('the sample platform', () => {
  it('plays the variants each operation sample names, and a plain success for one without', () => {
    expect(successVariants('platform.call', 'si.paymentRecord')).toEqual(['record', 'no-record']);
    expect(operationVariants('no.such.operation')).toEqual(['ok']);
    expect(operationVariants('toString')).toEqual(['ok']);
  });

  it('answers every client method a sample names, for the variant being played', async () => {
    let variant = 'no-record';
    const platform = samplePlatform(() => variant);
    for (const sample of Object.values(PLATFORM_SAMPLES))
      for (const name of Object.keys(sample.client))
        expect(typeof (platform as unknown as Record<string, unknown>)[name]).toBe('function');
    const empty = await platform.paymentRecord('rr', { months: 12 });
    variant = 'record';
    const full = await platform.paymentRecord('rr', { months: 12 });
    expect([empty.months.length, full.months.length]).toEqual([0, 1]);
  });
});
