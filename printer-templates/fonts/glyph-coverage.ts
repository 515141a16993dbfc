/**
 * Which characters the certificate font can draw, read straight from its `cmap` table.
 *
 * Validating a certificate template only asks "does the font have this character?". Answering
 * that through fontkit meant loading fontkit's multi-megabyte bundle first, which was most of the
 * time `kiosk24 flow check` spent; the character map alone is a few kilobytes of binary search
 * tables. Rendering still goes through fontkit (certificate-font.ts); the test suite holds the two
 * answers equal over every code point the font could cover.
 *
 * Layout facts used (OpenType spec, "cmap"): a header lists encoding records (platform,
 * encoding, subtable offset); format 12 subtables map 32-bit code points in sequential groups,
 * format 4 subtables map the Basic Multilingual Plane in segments. fontkit prefers a Unicode
 * full-repertoire subtable and falls back to a BMP one; so does this reader.
 */
import { readFileSync } from 'node:fs';
import { assetPath } from '../../assets.ts';
import { FontFileError, readTableDirectory } from './ttc.ts';

/** Answers whether a font maps a Unicode code point to a real glyph (not glyph 0, .notdef). */
export type GlyphCoverage = (codePoint: number) => boolean;

/** Format 12: sorted groups [start, end] whose glyph ids run from startGlyph upward. */
function format12(data: DataView, at: number): GlyphCoverage {
  const groups = data.getUint32(at + 12);
  const start = (i: number): number => data.getUint32(at + 16 + i * 12);
  const end = (i: number): number => data.getUint32(at + 16 + i * 12 + 4);
  const glyph = (i: number): number => data.getUint32(at + 16 + i * 12 + 8);
  return (codePoint) => {
    let low = 0;
    let high = groups - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (codePoint < start(mid)) high = mid - 1;
      else if (codePoint > end(mid)) low = mid + 1;
      else return glyph(mid) + (codePoint - start(mid)) !== 0;
    }
    return false;
  };
}

/** Format 4: segments of BMP code points, each with a delta or an offset into a glyph array. */
function format4(data: DataView, at: number): GlyphCoverage {
  const segments = data.getUint16(at + 6) / 2;
  const endCodes = at + 14;
  const startCodes = endCodes + segments * 2 + 2;
  const deltas = startCodes + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  return (codePoint) => {
    if (codePoint > 0xffff) return false;
    let low = 0;
    let high = segments - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const start = data.getUint16(startCodes + mid * 2);
      if (codePoint < start) high = mid - 1;
      else if (codePoint > data.getUint16(endCodes + mid * 2)) low = mid + 1;
      else {
        const delta = data.getUint16(deltas + mid * 2);
        const rangeOffset = data.getUint16(rangeOffsets + mid * 2);
        if (rangeOffset === 0) return ((codePoint + delta) & 0xffff) !== 0;
        // The offset counts from where it is stored itself, in bytes (OpenType spec, format 4).
        const where = rangeOffsets + mid * 2 + rangeOffset + (codePoint - start) * 2;
        if (where + 2 > data.byteLength) return false;
        const id = data.getUint16(where);
        return id !== 0 && ((id + delta) & 0xffff) !== 0;
      }
    }
    return false;
  };
}

/** The coverage of a single-face TrueType font, from its bytes. */
export function glyphCoverage(font: Uint8Array): GlyphCoverage {
  const cmap = readTableDirectory(font, 0).tables.find((table) => table.tag === 'cmap');
  if (cmap === undefined) throw new FontFileError('the font has no cmap table');
  const data = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const records = data.getUint16(cmap.offset + 2);
  const subtables = new Map<string, number>();
  for (let i = 0; i < records; i++) {
    const record = cmap.offset + 4 + i * 8;
    const key = `${data.getUint16(record)}/${data.getUint16(record + 2)}`;
    subtables.set(key, cmap.offset + data.getUint32(record + 4));
  }
  // Full repertoire first (Windows UCS-4, Unicode full), then BMP-only.
  for (const key of ['3/10', '0/6', '0/4', '3/1', '0/3', '0/2', '0/1', '0/0']) {
    const at = subtables.get(key);
    if (at === undefined) continue;
    const format = data.getUint16(at);
    if (format === 12) return format12(data, at);
    if (format === 4) return format4(data, at);
  }
  throw new FontFileError('the font has no Unicode cmap subtable of format 4 or 12');
}

let cached: GlyphCoverage | undefined;

/** Whether the certificate font draws `codePoint`; reads the font's character map on first use. */
export function certificateHasGlyph(codePoint: number): boolean {
  cached ??= glyphCoverage(readFileSync(assetPath('certificateFont')));
  return cached(codePoint);
}
