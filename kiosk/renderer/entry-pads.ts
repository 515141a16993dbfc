import type { EntryPad } from '../contract.ts';

/**
 * The characters each on-screen pad offers. The core checks every submitted value again; the
 * pad only makes a wrong character impossible to type.
 */

const DIGITS = '0123456789';

/**
 * The unified social credit code's alphabet (GB 32100-2015): digits and the capital letters
 * without I, O, S, V and Z, which are too easily misread.
 */
export const CREDIT_CODE_ALPHABET = `${DIGITS}ABCDEFGHJKLMNPQRTUWXY`;

/** Characters per pad, in the order the pad shows its letters. */
export const PAD_CHARACTERS: Record<EntryPad, string> = {
  digits: DIGITS,
  alphanumeric: `${DIGITS}ABCDEFGHIJKLMNOPQRSTUVWXYZ`,
  'credit-code': CREDIT_CODE_ALPHABET,
};

/** One key of a pad. */
export type PadKey = { kind: 'char'; char: string } | { kind: 'delete' } | { kind: 'submit' };

/** Letters per row on the letter pads: wide enough for a thumb, few enough rows to fit. */
const LETTERS_PER_ROW = 7;

const char = (c: string): PadKey => ({ kind: 'char', char: c });

/**
 * The rows a pad draws. Digits are laid out like a phone keypad (1-2-3 on top, ⌫-0-✓ at the
 * bottom), the layout every resident knows; letter pads put the same digits first, then the
 * pad's letters in alphabetical order, then delete and submit.
 */
export function padRows(pad: EntryPad): PadKey[][] {
  const phone = [
    ['1', '2', '3'],
    ['4', '5', '6'],
    ['7', '8', '9'],
  ].map((row) => row.map(char));
  if (pad === 'digits') return [...phone, [{ kind: 'delete' }, char('0'), { kind: 'submit' }]];
  const letters = [...PAD_CHARACTERS[pad].slice(DIGITS.length)].map(char);
  const rows: PadKey[][] = [[...'1234567890'].map(char)];
  for (let i = 0; i < letters.length; i += LETTERS_PER_ROW) {
    rows.push(letters.slice(i, i + LETTERS_PER_ROW));
  }
  rows.push([{ kind: 'delete' }, { kind: 'submit' }]);
  return rows;
}

/**
 * The pad's character for a typed one (a hardware keyboard or a scanner wedge sends lower
 * case), or null when the pad does not offer it.
 */
export function padCharacter(pad: EntryPad, typed: string): string | null {
  if ([...typed].length !== 1) return null;
  const upper = typed.toUpperCase();
  return PAD_CHARACTERS[pad].includes(upper) ? upper : null;
}

/** The value after a key press; a character past `maxLength` or outside the pad is ignored. */
export function pressKey(value: string, key: PadKey, pad: EntryPad, maxLength: number): string {
  if (key.kind === 'delete') return value.slice(0, -1);
  if (key.kind === 'submit') return value;
  const accepted = padCharacter(pad, key.char);
  if (accepted === null || value.length >= maxLength) return value;
  return value + accepted;
}

/** True when the value may be submitted: long enough, not too long, every character on the pad. */
export function canSubmit(
  value: string,
  pad: EntryPad,
  minLength: number,
  maxLength: number,
): boolean {
  return (
    value.length >= minLength &&
    value.length <= maxLength &&
    [...value].every((c) => PAD_CHARACTERS[pad].includes(c))
  );
}

/** The value in groups of four, as numbers on paper are printed, so it is easy to check. */
export function groupForDisplay(value: string): string {
  return value.replace(/(.{4})(?=.)/g, '$1 ');
}
