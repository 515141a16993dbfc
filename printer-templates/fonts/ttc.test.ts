import { existsSync, readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import {
  extractTtcFace,
  FontFileError,
  readTableDirectory,
  tableChecksum,
  ttcFaceOffsets,
} from './ttc.ts';

/** Builds a tiny two-face collection whose faces share the `glyf` table, as real TTCs do. */
function syntheticTtc(): { ttc: Uint8Array; tables: Record<string, Uint8Array> } {
  const tables: Record<string, Uint8Array> = {
    head: Uint8Array.from({ length: 54 }, (_, i) => (i * 7) & 0xff),
    glyf: Uint8Array.from([1, 2, 3, 4, 5]), // odd length: must be padded in the output
    name: Uint8Array.from([9, 9, 9]),
    cmap: Uint8Array.from([4, 3, 2, 1, 0, 1, 2, 3]),
  };
  const faces = [
    ['name', 'head', 'glyf'],
    ['cmap', 'head', 'glyf'],
  ];
  const headerSize = 12 + faces.length * 4;
  const dirSizes = faces.map((tags) => 12 + tags.length * 16);
  let offset = headerSize + dirSizes.reduce((a, b) => a + b, 0);
  const where: Record<string, number> = {};
  for (const tag of Object.keys(tables)) {
    where[tag] = offset;
    offset += ((tables[tag]?.length ?? 0) + 3) & ~3;
  }
  const ttc = new Uint8Array(offset);
  const data = new DataView(ttc.buffer);
  ttc.set([0x74, 0x74, 0x63, 0x66]); // 'ttcf'
  data.setUint32(4, 0x00010000);
  data.setUint32(8, faces.length);
  let dir = headerSize;
  faces.forEach((tags, f) => {
    data.setUint32(12 + f * 4, dir);
    data.setUint32(dir, 0x00010000);
    data.setUint16(dir + 4, tags.length);
    tags.forEach((tag, i) => {
      const at = dir + 12 + i * 16;
      for (let c = 0; c < 4; c++) ttc[at + c] = tag.charCodeAt(c);
      data.setUint32(at + 4, tableChecksum(tables[tag] ?? new Uint8Array()));
      data.setUint32(at + 8, where[tag] ?? 0);
      data.setUint32(at + 12, tables[tag]?.length ?? 0);
    });
    dir += dirSizes[f] ?? 0;
  });
  for (const [tag, body] of Object.entries(tables)) ttc.set(body, where[tag]);
  return { ttc, tables };
}

describe('extractTtcFace', () => {
  const { ttc, tables } = syntheticTtc();

  it('lists one table directory offset per face of the collection', () => {
    expect(ttcFaceOffsets(ttc)).toHaveLength(2);
  });

  it('copies exactly the tables of the chosen face, sorted by tag, at 4-byte aligned offsets', () => {
    const ttf = extractTtcFace(ttc, 1);
    const { sfntVersion, tables: records } = readTableDirectory(ttf, 0);
    expect(sfntVersion).toBe(0x00010000);
    expect(records.map((r) => r.tag)).toEqual(['cmap', 'glyf', 'head']);
    for (const record of records) {
      expect(record.offset % 4).toBe(0);
      const body = ttf.subarray(record.offset, record.offset + record.length);
      if (record.tag !== 'head') expect([...body]).toEqual([...(tables[record.tag] ?? [])]);
    }
  });

  it('writes table checksums that match the copied data', () => {
    const ttf = extractTtcFace(ttc, 0);
    for (const record of readTableDirectory(ttf, 0).tables) {
      const body = Uint8Array.from(ttf.subarray(record.offset, record.offset + record.length));
      if (record.tag === 'head') new DataView(body.buffer).setUint32(8, 0);
      expect(record.checksum).toBe(tableChecksum(body));
    }
  });

  it('sets head.checkSumAdjustment so the whole file sums to 0xB1B0AFBA', () => {
    expect(tableChecksum(extractTtcFace(ttc, 0))).toBe(0xb1b0afba);
  });

  it('writes the binary-search fields of the sfnt header for its table count', () => {
    const view = new DataView(extractTtcFace(ttc, 0).buffer);
    expect([view.getUint16(6), view.getUint16(8), view.getUint16(10)]).toEqual([32, 1, 16]);
  });

  it('refuses a face index the collection does not have, naming the valid range', () => {
    expect(() => extractTtcFace(ttc, 2)).toThrow(/2 faces \(0\.\.1\)/);
  });

  it('refuses a file that is not a collection', () => {
    expect(() => extractTtcFace(Uint8Array.from([0, 1, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0]), 0)).toThrow(
      FontFileError,
    );
  });

  it('refuses a truncated collection instead of reading past its end', () => {
    expect(() => extractTtcFace(ttc.subarray(0, ttc.length - 4), 1)).toThrow(/truncated/);
  });
});

describe('the committed certificate font', () => {
  const committed = readFileSync(new URL('./wqy-microhei.ttf', import.meta.url));
  const system = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

  it('is byte for byte face 0 of the Debian WenQuanYi Micro Hei collection', () => {
    if (!existsSync(system))
      throw new Error(`${system} is missing: apt-get install fonts-wqy-microhei`);
    expect(Buffer.compare(Buffer.from(extractTtcFace(readFileSync(system), 0)), committed)).toBe(0);
  });

  it('opens in fontkit as the regular face with every glyph of the collection face', () => {
    const font = fontkit.create(committed);
    expect(font.postscriptName).toBe('WenQuanYiMicroHei');
    expect(font.numGlyphs).toBe(49531);
    expect(font.hasGlyphForCodePoint('证'.codePointAt(0) ?? 0)).toBe(true);
  });
});
