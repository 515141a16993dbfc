import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { assetPath } from '../../assets.ts';
import { certificateHasGlyph, glyphCoverage } from './glyph-coverage.ts';
import { FontFileError } from './ttc.ts';

describe('the certificate font coverage read from its cmap', () => {
  it('agrees with fontkit on every code point of the BMP and the supplementary ideographs', () => {
    const bytes = readFileSync(assetPath('certificateFont'));
    const face = fontkit.create(bytes);
    const covers = glyphCoverage(bytes);
    const disagree: number[] = [];
    for (let codePoint = 0; codePoint <= 0x2ffff; codePoint++) {
      if (covers(codePoint) !== face.hasGlyphForCodePoint(codePoint)) disagree.push(codePoint);
    }
    expect(disagree.slice(0, 10)).toEqual([]);
  });

  it('covers the Chinese a certificate prints and not a private-use character', () => {
    for (const char of '社会保险缴费证明')
      expect(certificateHasGlyph(char.codePointAt(0)!)).toBe(true);
    expect(certificateHasGlyph(0xe000)).toBe(false);
  });

  it('refuses bytes that are not a font with a character map', () => {
    expect(() => glyphCoverage(new Uint8Array(64))).toThrow(FontFileError);
  });
});
