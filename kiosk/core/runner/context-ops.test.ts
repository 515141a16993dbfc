import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { MAX_TOGGLE_ITEMS, MAX_TOGGLE_VALUE_LENGTH } from '../capabilities/catalogue.ts';
import { buildFlowMachine } from './build-machine.ts';
import { contextEmpty, contextEquals, contextIncludes, toggled } from './context-ops.ts';

describe('context.toggle', () => {
  it('adds a value that is not in the list and removes one that is', () => {
    expect(toggled(undefined, 'a')).toEqual(['a']);
    expect(toggled(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggled(['a'], 'b')).toEqual(['a', 'b']);
  });

  it('ignores values that are not short text, and keeps only text from what was there', () => {
    expect(toggled(['a', 7, { x: 1 }], 3)).toEqual(['a']);
    expect(toggled(['a'], '')).toEqual(['a']);
    expect(toggled(['a'], 'x'.repeat(MAX_TOGGLE_VALUE_LENGTH + 1))).toEqual(['a']);
    expect(toggled('not a list', 'b')).toEqual(['b']);
  });

  it(`holds at most ${MAX_TOGGLE_ITEMS} values, but still removes from a full list`, () => {
    const full = Array.from({ length: MAX_TOGGLE_ITEMS }, (_, i) => `v${i}`);
    expect(toggled(full, 'extra')).toEqual(full);
    expect(toggled(full, 'v0')).toHaveLength(MAX_TOGGLE_ITEMS - 1);
  });
});

describe('the context guards', () => {
  const context = {
    chosen: 'birth',
    n: 0,
    picked: ['a'],
    none: [],
    blank: '',
    obj: {},
    deep: { x: true },
  };

  it('context.equals compares the value at a dotted path exactly', () => {
    expect(contextEquals(context, 'chosen', 'birth')).toBe(true);
    expect(contextEquals(context, 'chosen', 'Birth')).toBe(false);
    expect(contextEquals(context, 'n', '0')).toBe(false);
    expect(contextEquals(context, 'deep.x', true)).toBe(true);
    expect(contextEquals(context, 'missing', 'birth')).toBe(false);
  });

  it('context.includes looks inside a list only', () => {
    expect(contextIncludes(context, 'picked', 'a')).toBe(true);
    expect(contextIncludes(context, 'picked', 'b')).toBe(false);
    expect(contextIncludes(context, 'chosen', 'birth')).toBe(false);
  });

  it('context.empty is true for nothing, an empty list, text or object, and false otherwise', () => {
    for (const key of ['missing', 'none', 'blank', 'obj'])
      expect(contextEmpty(context, key)).toBe(true);
    for (const key of ['chosen', 'n', 'picked', 'deep'])
      expect(contextEmpty(context, key)).toBe(false);
  });

  it('never reads through prototype names', () => {
    expect(contextEmpty(context, 'constructor')).toBe(true);
    expect(contextEquals(context, '__proto__', undefined)).toBe(true);
    expect(contextIncludes(context, 'picked.constructor', 'a')).toBe(false);
  });
});

describe('a flow machine using toggle and the guards', () => {
  it('toggles ids from events and branches on them', () => {
    const machine = buildFlowMachine({
      id: 'm',
      initial: 'pick',
      context: { picked: [] },
      states: {
        pick: {
          on: {
            toggle: {
              actions: { type: 'context.toggle', params: { key: 'picked', value: '$event.id' } },
            },
            next: [
              { guard: { type: 'context.empty', params: { key: 'picked' } }, target: 'none' },
              {
                guard: { type: 'context.includes', params: { key: 'picked', value: 'b' } },
                target: 'withB',
              },
              { target: 'other' },
            ],
          },
        },
        none: {},
        withB: {},
        other: {},
      },
    });
    const run = (events: { type: string; id?: string }[]) => {
      const actor = createActor(machine).start();
      for (const e of events) actor.send(e);
      return actor.getSnapshot();
    };
    expect(run([{ type: 'next' }]).value).toBe('none');
    expect(
      run([{ type: 'toggle', id: 'a' }, { type: 'toggle', id: 'a' }, { type: 'next' }]).value,
    ).toBe('none');
    const withB = run([{ type: 'toggle', id: 'a' }, { type: 'toggle', id: 'b' }, { type: 'next' }]);
    expect(withB.value).toBe('withB');
    expect(withB.context).toEqual({ picked: ['a', 'b'] });
    expect(run([{ type: 'toggle', id: 'a' }, { type: 'next' }]).value).toBe('other');
  });
});
