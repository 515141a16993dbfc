import { describe, expect, it } from 'vitest';
import type { EntryBlockView, ScreenView } from '../../contract.ts';
import { gateAction } from './event-gate.ts';

function entry(pad: EntryBlockView['pad'], minLength = 4, maxLength = 8): EntryBlockView {
  return {
    kind: 'entry',
    pad,
    label: 'No.',
    event: 'number.entered',
    submitLabel: 'OK',
    minLength,
    maxLength,
  };
}

function screen(blocks: ScreenView['blocks']): ScreenView {
  return {
    id: 'demo/s',
    layout: 'task',
    tone: 'neutral',
    title: 't',
    blocks,
    actions: [{ id: 'back', label: 'Back', event: 'back', kind: 'secondary' }],
  };
}

const LIST = screen([
  {
    kind: 'list',
    style: 'choices',
    items: [
      {
        id: 'birth',
        title: 'a',
        lines: [],
        action: {
          id: 'row-birth',
          label: 'a',
          event: 'item.chosen',
          data: { id: 'birth' },
          kind: 'secondary',
        },
      },
      { id: 'hukou', title: 'b', lines: [] },
    ],
  },
]);

const gate = (s: ScreenView, event: string, data: Record<string, string | number | boolean>) =>
  gateAction(s, { event, data }, true);

describe('the event gate on list rows', () => {
  it('lets a row through with exactly the id it was drawn with', () => {
    expect(gate(LIST, 'item.chosen', { id: 'birth' })).toBeUndefined();
  });

  it.each([
    [{ id: 'hukou' }, 'other data'],
    [{ id: 'nobody' }, 'other data'],
    [{}, 'other data'],
    [{ id: 'birth', extra: 1 }, 'other data'],
    [{ id: 1 }, 'other data'],
  ])('drops %j: a row not drawn with it', (data, reason) => {
    expect(gate(LIST, 'item.chosen', data)).toContain(reason);
  });
});

describe('the event gate on entry blocks', () => {
  it.each([
    ['digits', '2026', 4, 8],
    ['digits', '12345678', 4, 8],
    ['alphanumeric', 'SB2026AB01', 1, 20],
    ['credit-code', '91320100MA1Y2K3L4X', 18, 18],
  ] as const)('accepts a %s value %s within its bounds', (pad, value, min, max) => {
    expect(gate(screen([entry(pad, min, max)]), 'number.entered', { value })).toBeUndefined();
  });

  it.each([
    ['digits', { value: '123' }, '4-8 characters'],
    ['digits', { value: '123456789' }, '4-8 characters'],
    ['digits', { value: '12a4' }, 'digits pad'],
    ['digits', { value: '１２３４' }, 'digits pad'],
    ['digits', { value: '1234\n' }, 'digits pad'],
    ['digits', { value: 1234 }, 'must be text'],
    ['digits', { value: '1234', more: 'x' }, 'exactly {value}'],
    ['digits', { other: '1234' }, 'exactly {value}'],
    ['digits', {}, 'exactly {value}'],
    ['alphanumeric', { value: 'ab12' }, 'alphanumeric pad'],
    ['alphanumeric', { value: 'AB-12' }, 'alphanumeric pad'],
    ['credit-code', { value: '9132O100' }, 'credit-code pad'],
    ['credit-code', { value: 'ISVZ1234' }, 'credit-code pad'],
  ] as const)('drops a %s submission %j', (pad, data, reason) => {
    expect(gate(screen([entry(pad)]), 'number.entered', data)).toContain(reason);
  });

  it('drops an entry event on a screen that has no entry, and xstate events whatever the screen', () => {
    expect(gate(LIST, 'number.entered', { value: '1234' })).toBe(
      'the screen offers no such action',
    );
    expect(gate(screen([entry('digits')]), 'xstate.done.actor.x', { value: '1234' })).toContain(
      'xstate',
    );
  });

  it('still lets a button with the same event through with its exact data', () => {
    const both = screen([entry('digits')]);
    both.actions.push({
      id: 'skip',
      label: 'Skip',
      event: 'number.entered',
      data: { value: 'none' },
      kind: 'secondary',
    });
    expect(gate(both, 'number.entered', { value: 'none' })).toBeUndefined();
    expect(gate(both, 'number.entered', { value: 'nope' })).toBeDefined();
  });
});
