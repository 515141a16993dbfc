import { describe, expect, it } from 'vitest';
import { EscPosTokenizer } from './escpos-tokens.ts';
import { boxGlyphs } from './glyphs.ts';
import { ReceiptPaper } from './receipt-paper.ts';

const GS = 0x1d;

/** A `GS k` function-B command for ASCII data. */
function gsK(m: number, data: string | number[]): number[] {
  const bytes = typeof data === 'string' ? [...data].map((c) => c.charCodeAt(0)) : data;
  return [GS, 0x6b, m, bytes.length, ...bytes];
}

function printOn(bytes: number[], widthDots = 576): ReceiptPaper {
  const paper = new ReceiptPaper(widthDots, boxGlyphs);
  for (const token of new EscPosTokenizer().push(Uint8Array.from(bytes))) paper.apply(token);
  paper.flushLine();
  return paper;
}

function blackDots(paper: ReceiptPaper): number {
  return paper.bitmap().pixels.reduce((sum, dot) => sum + dot, 0);
}

describe('a receipt paper given a barcode command', () => {
  it('draws the bars at the GS h height and notes the HRI in the transcript', () => {
    const paper = printOn([GS, 0x68, 70, GS, 0x48, 0, ...gsK(73, '{BA023')]);
    expect(paper.text()).toBe('[BARCODE 73 A023]\n');
    expect(paper.bitmap().height).toBe(70);
    expect(blackDots(paper)).toBeGreaterThan(0);
  });

  it.each([
    [
      'an EAN-13 with a wrong check digit',
      gsK(67, '5901234123458'),
      /EAN-13 not printed: .*check digit/i,
    ],
    ['Code 128 without a code set selector', gsK(73, 'ABC'), /Code 128 not printed: .*selector/],
    ['ITF with an odd digit count', gsK(70, '12345'), /ITF not printed: .*even number/],
  ])('prints nothing for %s and says why in the transcript', (_, command, note) => {
    const paper = printOn(command);
    expect(paper.text()).toMatch(note);
    expect(blackDots(paper)).toBe(0);
  });

  it('prints nothing when the bars are wider than the line, and says how wide they were', () => {
    const wide = printOn([GS, 0x77, 6, ...gsK(73, '{BKIOSK-0012')], 384);
    expect(wide.text()).toMatch(/not printed: \d+ dots wide at module width 6, the line has 384/);
    expect(blackDots(wide)).toBe(0);
    const narrow = printOn([GS, 0x77, 2, ...gsK(73, '{BKIOSK-0012')], 384);
    expect(blackDots(narrow)).toBeGreaterThan(0);
  });

  it('keeps barcode settings across barcodes until ESC @ resets them', () => {
    const settings = [GS, 0x68, 40, GS, 0x77, 4, GS, 0x48, 2];
    const twice = printOn([...settings, ...gsK(69, 'AB'), ...gsK(69, 'AB')]);
    const reset = printOn([...settings, 0x1b, 0x40, ...gsK(69, 'AB')]);
    expect(twice.bitmap().height).toBe(2 * (40 + 24 + 4));
    expect(reset.bitmap().height).toBe(162);
  });

  it('ignores GS w and GS h values out of range, keeping the previous setting', () => {
    const paper = printOn([GS, 0x68, 30, GS, 0x68, 0, GS, 0x77, 9, ...gsK(70, '1234')]);
    const atDefault = printOn([GS, 0x68, 30, GS, 0x77, 3, ...gsK(70, '1234')]);
    expect(paper.bitmap().height).toBe(30);
    expect(blackDots(paper)).toBe(blackDots(atDefault));
  });

  it('reads function-A barcodes, NUL-terminated, like function B', () => {
    const a = printOn([GS, 0x6b, 4, ...[...'KIOSK'].map((c) => c.charCodeAt(0)), 0]);
    const b = printOn(gsK(69, 'KIOSK'));
    expect(a.text()).toBe('[BARCODE 4 *KIOSK*]\n');
    expect([...a.bitmap().pixels]).toEqual([...b.bitmap().pixels]);
  });
});
