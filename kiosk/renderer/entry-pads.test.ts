import { describe, expect, it } from 'vitest';
import {
  canSubmit,
  CREDIT_CODE_ALPHABET,
  groupForDisplay,
  padCharacter,
  padRows,
  pressKey,
  type PadKey,
} from './entry-pads.ts';

const labels = (rows: PadKey[][]): string[][] =>
  rows.map((row) => row.map((k) => (k.kind === 'char' ? k.char : k.kind)));

describe('the on-screen pads', () => {
  it('lays digits out like a phone keypad, with delete and submit beside 0', () => {
    expect(labels(padRows('digits'))).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['7', '8', '9'],
      ['delete', '0', 'submit'],
    ]);
  });

  it('offers only the GB 32100 alphabet on the credit-code pad: no I, O, S, V or Z', () => {
    const chars = padRows('credit-code')
      .flat()
      .flatMap((k) => (k.kind === 'char' ? [k.char] : []));
    expect(chars.sort().join('')).toBe([...CREDIT_CODE_ALPHABET].sort().join(''));
    expect(CREDIT_CODE_ALPHABET).toBe('0123456789ABCDEFGHJKLMNPQRTUWXY');
    for (const missing of 'IOSVZ') expect(padCharacter('credit-code', missing)).toBeNull();
  });

  it('offers every digit and Latin capital on the alphanumeric pad', () => {
    const chars = padRows('alphanumeric')
      .flat()
      .filter((k) => k.kind === 'char');
    expect(chars).toHaveLength(36);
    expect(padCharacter('alphanumeric', 'z')).toBe('Z');
  });

  it('turns typed lower case into the pad character and refuses what the pad lacks', () => {
    expect(padCharacter('credit-code', 'a')).toBe('A');
    expect(padCharacter('digits', 'A')).toBeNull();
    expect(padCharacter('digits', '12')).toBeNull();
    expect(padCharacter('digits', '٣')).toBeNull();
    expect(padCharacter('alphanumeric', 'é')).toBeNull();
  });
});

describe('typing on a pad', () => {
  const press = (value: string, key: PadKey) => pressKey(value, key, 'digits', 4);

  it('appends, deletes, and stops at the maximum length', () => {
    let value = '';
    for (const c of '12345') value = press(value, { kind: 'char', char: c });
    expect(value).toBe('1234');
    expect(press(value, { kind: 'delete' })).toBe('123');
    expect(press('', { kind: 'delete' })).toBe('');
  });

  it('ignores a character the pad does not offer', () => {
    expect(press('12', { kind: 'char', char: 'X' })).toBe('12');
    expect(pressKey('91', { kind: 'char', char: 'O' }, 'credit-code', 18)).toBe('91');
  });

  it('allows submit only between the minimum and maximum length, on pad characters', () => {
    expect(canSubmit('123', 'digits', 4, 6)).toBe(false);
    expect(canSubmit('1234', 'digits', 4, 6)).toBe(true);
    expect(canSubmit('1234567', 'digits', 4, 6)).toBe(false);
    expect(canSubmit('12A4', 'digits', 4, 6)).toBe(false);
    expect(canSubmit('91320500MA1X0000I0', 'credit-code', 18, 18)).toBe(false);
    expect(canSubmit('91320500MA1X00000P', 'credit-code', 18, 18)).toBe(true);
  });

  it('shows the value in groups of four', () => {
    expect(groupForDisplay('913205001234')).toBe('9132 0500 1234');
    expect(groupForDisplay('12345')).toBe('1234 5');
    expect(groupForDisplay('')).toBe('');
  });
});
