import { describe, expect, it } from 'vitest';
import { cropWidth, readCode128 } from './paper-blocks.ts';
import { MonoBitmap } from './raster.ts';

const bytes = (...parts: (string | number)[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((part) =>
      typeof part === 'number' ? [part] : [...part].map((c) => c.charCodeAt(0)),
    ),
  );

describe('readCode128, reading GS k Code 128 data as a printer does', () => {
  it('turns the first selector into the start code and characters into set-B values', () => {
    expect(readCode128(bytes('{BAB1'))).toEqual({
      codewords: [104, 33, 34, 17],
      text: 'AB1',
    });
  });

  it('reads set C data as binary digit pairs and prints them as two digits each', () => {
    expect(readCode128(bytes('{C', 12, 3, 99))).toEqual({
      codewords: [105, 12, 3, 99],
      text: '120399',
    });
  });

  it('switches sets mid-symbol with the switch codeword of the new set', () => {
    expect(readCode128(bytes('{BA{C', 42, '{BZ{A', 0x0d))).toEqual({
      codewords: [104, 33, 99, 42, 100, 58, 101, 0x0d + 64],
      text: 'A42Z ',
    });
  });

  it('reads {{ as a literal brace in set B', () => {
    expect(readCode128(bytes('{Ba{{b'))).toEqual({ codewords: [104, 65, 91, 66], text: 'a{b' });
  });

  it('reads {S as a shift that takes only the next character from the other set', () => {
    expect(readCode128(bytes('{AA{SbC'))).toEqual({
      codewords: [103, 33, 98, 66, 35],
      text: 'AbC',
    });
  });

  it('reads {1 to {4 as FNC1-FNC4, with FNC4 valued per set', () => {
    const reading = readCode128(bytes('{A{1{2{3{4A{B{4'));
    expect(reading).toEqual({ codewords: [103, 102, 97, 96, 101, 33, 100, 100], text: 'A' });
  });

  it.each([
    ['data without a leading selector', bytes('ABC'), /must start with a code set selector/],
    ['an unknown selector', bytes('{BA{X'), /\{X in set B/],
    ['a brace at the very end', bytes('{BA{'), /\{ in set B/],
    ['a byte above 99 in set C', bytes('{C', 100), /byte 100 in set C/],
    ['lower case in set A', bytes('{Aa'), /byte 97, which set A lacks/],
    ['a control byte in set B', bytes('{B', 0x0a), /byte 10, which set B lacks/],
    ['a literal brace in set C', bytes('{C{{'), /\{\{ in set C/],
    ['no characters after the selector', bytes('{B'), /no characters/],
  ])('refuses %s with a reason', (_, data, reason) => {
    const reading = readCode128(data);
    expect(reading).toHaveProperty('skipped');
    expect('skipped' in reading && reading.skipped).toMatch(reason);
  });
});

describe('cropWidth', () => {
  it('keeps the chosen columns of an image and drops the rest', () => {
    const image = new MonoBitmap(10, 2);
    image.set(3, 0, 1);
    image.set(8, 1, 1);
    const cropped = cropWidth(image, 2, 4);
    expect(cropped.width).toBe(4);
    expect([cropped.get(1, 0), cropped.get(3, 1), cropped.pixels.reduce((a, b) => a + b)]).toEqual([
      1, 0, 1,
    ]);
  });
});
