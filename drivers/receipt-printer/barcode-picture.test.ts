import { describe, expect, it } from 'vitest';
import {
  dotWidths,
  drawBarcode,
  functionBNumber,
  readBarcode,
  type BarPattern,
} from './barcode-picture.ts';
import { boxGlyphs } from './glyphs.ts';
import type { MonoBitmap } from './raster.ts';

const ascii = (text: string): Uint8Array => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

function printed(m: number, data: string): BarPattern {
  const reading = readBarcode(m, ascii(data));
  if ('skipped' in reading) throw new Error(`expected bars, got: ${reading.skipped}`);
  return reading.printed;
}

function skipped(m: number, data: Uint8Array | string): string {
  const reading = readBarcode(m, typeof data === 'string' ? ascii(data) : data);
  if (!('skipped' in reading)) throw new Error(`expected a refusal, got ${reading.printed.hri}`);
  return reading.skipped;
}

/** Rows and columns that hold at least one black dot. */
function inked(image: MonoBitmap): { rows: number[]; columns: number[] } {
  const rows = new Set<number>();
  const columns = new Set<number>();
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (!image.get(x, y)) continue;
      rows.add(y);
      columns.add(x);
    }
  }
  return { rows: [...rows], columns: [...columns] };
}

describe('readBarcode', () => {
  it('prints EAN-13 given 12 digits with the check digit the printer computes in the HRI', () => {
    const pattern = printed(67, '590123412345');
    expect(pattern.symbology).toBe('EAN-13');
    expect(pattern.hri).toBe('5901234123457');
    // 3 guard + 12 digits of 7 modules + 5 centre + 3 guard.
    expect(pattern.widths.reduce((a, b) => a + b)).toBe(3 + 6 * 7 + 5 + 6 * 7 + 3);
  });

  it('reads UPC-E in its 6-digit, 8-digit and zero-suppressible UPC-A forms alike', () => {
    const forms = ['123456', '01234565', '01234500006', '012345000065'].map((d) => printed(66, d));
    expect(forms.map((p) => p.hri)).toEqual(['01234565', '01234565', '01234565', '01234565']);
    expect(new Set(forms.map((p) => p.widths.join()))).toHaveProperty('size', 1);
  });

  it('maps function-A numbers 0-6 onto function B, so both forms print the same bars', () => {
    expect(functionBNumber(4)).toBe(69);
    expect(printed(4, 'ABC').widths).toEqual(printed(69, 'ABC').widths);
  });

  it('keeps Code 39, ITF and Codabar two-width, and prints Code 39 HRI with its asterisks', () => {
    expect(printed(69, '*AB*')).toMatchObject({ twoWidth: true, hri: '*AB*' });
    expect(printed(70, '1234')).toMatchObject({ twoWidth: true });
    expect(printed(71, 'a123d')).toMatchObject({ twoWidth: true, hri: 'a123d' });
    expect(printed(72, 'ab')).toMatchObject({ twoWidth: false });
  });

  it('prints GS1-128 with the parentheses only in the HRI and {1 as an FNC1 separator', () => {
    const pattern = printed(74, '(10)AB{1(21)7');
    expect(pattern.hri).toBe('(10)AB(21)7');
    // FNC1 is codeword 102, pattern 4-1-1-1-3-1, right after the start code.
    expect(pattern.widths.slice(6, 12)).toEqual([4, 1, 1, 1, 3, 1]);
  });

  it.each([
    [67, '123', /12 or 13 digits/],
    [67, '5901234123458', /check digit/i],
    [65, '0123456789A', /11 or 12 digits/],
    [66, '12345678901', /cannot be zero-suppressed/],
    [69, 'abc', /capitals/],
    [70, '123', /even number of digits/],
    [71, '12345', /start\/stop/],
    [74, 'A^B', /GS1 characters/],
    [75, '0950110153000', /not simulated/],
  ])('refuses m=%i data %j with the rule it breaks', (m, data, reason) => {
    expect(skipped(m, data)).toMatch(reason);
  });

  it('refuses Code 93 data outside ASCII and Code 128 data without a selector', () => {
    expect(skipped(72, Uint8Array.of(0x41, 0xc8))).toMatch(/ASCII 00-7F/);
    expect(skipped(73, 'ABC')).toMatch(/code set selector/);
  });
});

describe('dotWidths', () => {
  it('multiplies multi-width modules by GS w', () => {
    expect(dotWidths({ symbology: 'x', widths: [1, 2, 4], twoWidth: false, hri: '' }, 3)).toEqual([
      3, 6, 12,
    ]);
  });

  it('gives two-width symbologies narrow = GS w and wide at about 2.5 times that', () => {
    const pattern = { symbology: 'x', widths: [1, 3, 1, 2], twoWidth: true, hri: '' };
    expect(dotWidths(pattern, 2)).toEqual([2, 5, 2, 5]);
    expect(dotWidths(pattern, 4)).toEqual([4, 10, 4, 10]);
  });
});

describe('drawBarcode', () => {
  const code128 = printed(73, '{BABC123');
  const modules = code128.widths.reduce((a, b) => a + b);

  it('draws bars GS h dots high and GS w dots per module, with no HRI when GS H is 0', () => {
    const block = drawBarcode(
      code128,
      { moduleWidth: 3, height: 50, hri: 0, hriFontB: false },
      boxGlyphs,
    );
    const { rows, columns } = inked(block);
    expect(block.height).toBe(50);
    expect(rows).toHaveLength(50);
    expect(Math.max(...columns) - Math.min(...columns) + 1).toBe(modules * 3);
  });

  it('puts the HRI above, below or both, in font A or font B', () => {
    const settings = { moduleWidth: 2, height: 40, hriFontB: false };
    const above = drawBarcode(code128, { ...settings, hri: 1 }, boxGlyphs);
    const both = drawBarcode(code128, { ...settings, hri: 3 }, boxGlyphs);
    const belowB = drawBarcode(code128, { ...settings, hri: 2, hriFontB: true }, boxGlyphs);
    expect(above.height).toBe(40 + 24 + 4);
    expect(inked(above).rows[0]).toBeLessThan(24);
    expect(both.height).toBe(40 + 2 * (24 + 4));
    expect(belowB.height).toBe(40 + 17 + 4);
    expect(inked(belowB).rows.at(-1)).toBeGreaterThan(40);
  });
});
