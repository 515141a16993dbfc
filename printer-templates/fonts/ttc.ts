/**
 * Pulls one face out of a TrueType Collection (.ttc) as a standalone .ttf. pdf-lib can only
 * embed plain sfnt bytes, and the one CJK font we ship subsets correctly only as a TTF.
 *
 * Layout facts used here (OpenType spec, "TTC header" and "Table directory"): a TTC starts with
 * the tag `ttcf`, a version, a face count and one 32-bit offset per face; each offset points at
 * an ordinary sfnt table directory whose table offsets are relative to the whole collection
 * file. A TTF wants the same directory at offset 0 and offsets relative to itself, each table
 * starting on a 4-byte boundary, and `head.checkSumAdjustment` recomputed for the new file.
 */

/** Why a byte buffer could not be read as a font collection. */
export class FontFileError extends Error {
  override readonly name = 'FontFileError';
}

/** One table record of an sfnt table directory. */
export interface SfntTableRecord {
  tag: string;
  checksum: number;
  offset: number;
  length: number;
}

const SFNT_HEADER_SIZE = 12;
const TABLE_RECORD_SIZE = 16;
/** The constant from which head.checkSumAdjustment is subtracted (OpenType spec, 'head'). */
const CHECKSUM_MAGIC = 0xb1b0afba;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function need(bytes: Uint8Array, end: number, what: string): void {
  if (end > bytes.byteLength) {
    throw new FontFileError(
      `${what} runs past the end of the file (needs ${end} bytes, file has ${bytes.byteLength}); the font file is truncated or not a font`,
    );
  }
}

/** Returns the byte offsets of every face's table directory in a TTC. */
export function ttcFaceOffsets(ttc: Uint8Array): number[] {
  need(ttc, 12, 'the TTC header');
  const data = view(ttc);
  const tag = String.fromCharCode(...ttc.subarray(0, 4));
  if (tag !== 'ttcf') {
    throw new FontFileError(
      `not a TrueType Collection: the file starts with "${tag}", expected "ttcf"`,
    );
  }
  const count = data.getUint32(8);
  need(ttc, 12 + count * 4, `the TTC offset table for ${count} faces`);
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) offsets.push(data.getUint32(12 + i * 4));
  return offsets;
}

/** Reads the table directory that starts at `offset` (0 for a TTF, a face offset for a TTC). */
export function readTableDirectory(
  font: Uint8Array,
  offset: number,
): { sfntVersion: number; tables: SfntTableRecord[] } {
  need(font, offset + SFNT_HEADER_SIZE, 'the table directory header');
  const data = view(font);
  const sfntVersion = data.getUint32(offset);
  const numTables = data.getUint16(offset + 4);
  need(font, offset + SFNT_HEADER_SIZE + numTables * TABLE_RECORD_SIZE, 'the table records');
  const tables: SfntTableRecord[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = offset + SFNT_HEADER_SIZE + i * TABLE_RECORD_SIZE;
    const record = {
      tag: String.fromCharCode(...font.subarray(at, at + 4)),
      checksum: data.getUint32(at + 4),
      offset: data.getUint32(at + 8),
      length: data.getUint32(at + 12),
    };
    need(font, record.offset + record.length, `table "${record.tag}"`);
    tables.push(record);
  }
  return { sfntVersion, tables };
}

/** The OpenType table checksum: the sum of big-endian uint32 words, zero-padded, modulo 2^32. */
export function tableChecksum(bytes: Uint8Array): number {
  let sum = 0;
  const padded = bytes.byteLength % 4 === 0 ? bytes : padTo4(bytes);
  const data = view(padded);
  for (let i = 0; i < padded.byteLength; i += 4) sum = (sum + data.getUint32(i)) >>> 0;
  return sum;
}

function padTo4(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(align4(bytes.byteLength));
  out.set(bytes);
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** The searchRange / entrySelector / rangeShift triple every sfnt header carries for binary search. */
function searchFields(numTables: number): [number, number, number] {
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  return [searchRange, entrySelector, numTables * 16 - searchRange];
}

/**
 * Copies face `index` of a TTC into a standalone TTF: tables sorted by tag (the spec's order),
 * each 4-byte aligned, offsets rewritten, and the whole-file checksum fixed in `head`.
 */
export function extractTtcFace(ttc: Uint8Array, index: number): Uint8Array {
  const offsets = ttcFaceOffsets(ttc);
  const faceOffset = offsets[index];
  if (faceOffset === undefined) {
    throw new FontFileError(
      `the collection has ${offsets.length} faces (0..${offsets.length - 1}); face ${index} does not exist`,
    );
  }
  const { sfntVersion, tables } = readTableDirectory(ttc, faceOffset);
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const headerSize = SFNT_HEADER_SIZE + sorted.length * TABLE_RECORD_SIZE;
  let size = align4(headerSize);
  const placed = sorted.map((table) => {
    const at = size;
    size += align4(table.length);
    return { ...table, newOffset: at };
  });

  const out = new Uint8Array(size);
  const data = view(out);
  data.setUint32(0, sfntVersion);
  data.setUint16(4, sorted.length);
  const [searchRange, entrySelector, rangeShift] = searchFields(sorted.length);
  data.setUint16(6, searchRange);
  data.setUint16(8, entrySelector);
  data.setUint16(10, rangeShift);

  let headOffset: number | undefined;
  placed.forEach((table, i) => {
    const body = ttc.subarray(table.offset, table.offset + table.length);
    out.set(body, table.newOffset);
    if (table.tag === 'head') {
      headOffset = table.newOffset;
      // checkSumAdjustment (bytes 8..11) is left out of the head checksum by definition.
      data.setUint32(table.newOffset + 8, 0);
    }
    const record = SFNT_HEADER_SIZE + i * TABLE_RECORD_SIZE;
    for (let c = 0; c < 4; c++) out[record + c] = table.tag.charCodeAt(c);
    const checksum = tableChecksum(out.subarray(table.newOffset, table.newOffset + table.length));
    data.setUint32(record + 4, checksum);
    data.setUint32(record + 8, table.newOffset);
    data.setUint32(record + 12, table.length);
  });
  if (headOffset === undefined) {
    throw new FontFileError(`face ${index} has no "head" table; it is not a usable font`);
  }
  data.setUint32(headOffset + 8, (CHECKSUM_MAGIC - tableChecksum(out)) >>> 0);
  return out;
}
