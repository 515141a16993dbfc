/**
 * The one font every certificate embeds: the WenQuanYi Micro Hei face committed beside this
 * file. It is read and parsed once per process; every later document reuses the parsed face,
 * which is what keeps warm certificate generation fast.
 */
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { assetPath } from '../../assets.ts';
import { FontFileError } from './ttc.ts';
import type { PDFDocument } from 'pdf-lib';

/** The fontkit shape pdf-lib accepts (its own type is not exported). */
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

/** A parsed font ready to embed, plus the questions the layout asks of it. */
export interface CertificateFont {
  /** PostScript name, used for the embedded font's name in the PDF. */
  readonly postscriptName: string;
  /** The raw TTF bytes pdf-lib is handed (it only uses them as a key; see `fontkit`). */
  readonly bytes: Uint8Array;
  /**
   * A fontkit stand-in for `PDFDocument.registerFontkit`: it returns the already parsed face
   * for these bytes instead of parsing 4.6 MB again for each document.
   */
  readonly fontkit: Fontkit;
  /** True when the font can draw this Unicode code point. */
  readonly hasGlyph: (codePoint: number) => boolean;
  /** Width of `text` in PDF points at `size`. */
  readonly widthOf: (text: string, size: number) => number;
}

let cached: CertificateFont | undefined;

/** Returns the process-wide parsed certificate font, reading it from disk on first use. */
export function certificateFont(): CertificateFont {
  cached ??= parseCertificateFont(readFileSync(assetPath('certificateFont')));
  return cached;
}

/** Parses TTF bytes into a CertificateFont; exported for tests and for other faces later. */
export function parseCertificateFont(bytes: Uint8Array): CertificateFont {
  const face = fontkit.create(bytes);
  if (typeof face.hasGlyphForCodePoint !== 'function') {
    throw new FontFileError(
      'the certificate font must be a single TrueType face, not a collection; extract one face with extract-face.ts',
    );
  }
  // Certificates need no shaping: CJK has none, and dropping Latin kerning makes what is drawn
  // exactly as wide as `widthOf` measured. Mapping code points straight to glyphs replaces
  // fontkit's GSUB/GPOS pass, which was most of the time spent per line of text.
  const shapeless = (text: string): { glyphs: ReturnType<typeof face.glyphForCodePoint>[] } => ({
    glyphs: [...text].map((char) => face.glyphForCodePoint(char.codePointAt(0) ?? 0)),
  });
  Object.defineProperty(face, 'layout', { value: shapeless });
  const widthCache = new Map<number, number>();
  const advanceOf = (codePoint: number): number => {
    let advance = widthCache.get(codePoint);
    if (advance === undefined) {
      advance = face.glyphForCodePoint(codePoint).advanceWidth;
      widthCache.set(codePoint, advance);
    }
    return advance;
  };
  return {
    postscriptName: face.postscriptName ?? 'CertificateFont',
    bytes,
    fontkit: {
      create: (buffer: Uint8Array) => {
        if (buffer !== bytes && buffer.byteLength !== bytes.byteLength) {
          throw new Error(
            'this fontkit stand-in only serves the certificate font it was built for',
          );
        }
        return face;
      },
    },
    hasGlyph: (codePoint) => face.hasGlyphForCodePoint(codePoint),
    widthOf: (text, size) => {
      let units = 0;
      for (const char of text) units += advanceOf(char.codePointAt(0) ?? 0);
      return (units / face.unitsPerEm) * size;
    },
  };
}
