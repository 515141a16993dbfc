import iconv from 'iconv-lite';
import QRCode from 'qrcode';
import { MonoBitmap } from './raster.ts';

/**
 * What a simulated printer draws besides plain lines: QR symbols regenerated from stored data
 * (the printer's firmware does the same), `GS v 0` images, and Code 128 data read as a printer
 * reads them.
 */

/** Draws a QR symbol at `moduleSize` dots per module with a four-module quiet zone above and below. */
export function qrSymbol(
  data: string,
  level: 'L' | 'M' | 'Q' | 'H',
  moduleSize: number,
): MonoBitmap {
  const matrix = QRCode.create(data, { errorCorrectionLevel: level }).modules;
  const quiet = 4 * moduleSize;
  const symbol = new MonoBitmap(matrix.size * moduleSize, matrix.size * moduleSize + 2 * quiet);
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      if (matrix.get(row, col))
        symbol.fill(col * moduleSize, quiet + row * moduleSize, moduleSize, moduleSize);
    }
  }
  return symbol;
}

/** Decodes a whole `GS v 0` command into an image, honouring double width/height; undefined if empty. */
export function rasterFromCommand(b: Uint8Array): MonoBitmap | undefined {
  const mode = (b[3] ?? 0) % 48;
  const xBytes = (b[4] ?? 0) + (b[5] ?? 0) * 256;
  const rows = (b[6] ?? 0) + (b[7] ?? 0) * 256;
  if (xBytes === 0 || rows === 0) return undefined;
  const sx = mode & 1 ? 2 : 1;
  const sy = mode & 2 ? 2 : 1;
  const image = new MonoBitmap(xBytes * 8 * sx, rows * sy);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < xBytes * 8; x++) {
      const byte = b[8 + y * xBytes + (x >> 3)] ?? 0;
      if ((byte & (0x80 >> (x & 7))) !== 0) image.fill(x * sx, y * sy, sx, sy);
    }
  }
  return image;
}

/** A Code 128 symbol as the printer reads it: codewords from the start code on, and its HRI. */
export type Code128Reading = { codewords: number[]; text: string } | { skipped: string };

const START_CODES = { A: 103, B: 104, C: 105 } as const;
/** The codeword that switches to a set, from the sets it is valid in. */
const SWITCH_TO = { A: 101, B: 100, C: 99 } as const;
/** FNC2-4 exist only in sets A and B; FNC4 shares its value with the switch to the set itself. */
const FUNCTION_CODES: Record<string, { A: number; B: number } | undefined> = {
  '2': { A: 97, B: 97 },
  '3': { A: 96, B: 96 },
  '4': { A: 101, B: 100 },
};

/** A data byte's value in set A or B, or undefined when the set has no such character. */
function characterValue(set: 'A' | 'B', byte: number): number | undefined {
  if (set === 'A') {
    if (byte < 0x20) return byte + 64;
    return byte <= 0x5f ? byte - 32 : undefined;
  }
  return byte >= 0x20 && byte <= 0x7f ? byte - 32 : undefined;
}

/**
 * Reads `GS k` Code 128 data: `{A` `{B` `{C` select a set (the first is the start code), `{S`
 * shifts one character between A and B, `{1`-`{4` are FNC1-4 and `{{` a literal brace. Set C
 * data are binary digit pairs 0-99. Anything a printer would reject gives a reason instead.
 */
export function readCode128(raw: Uint8Array): Code128Reading {
  const skip = (why: string): Code128Reading => ({ skipped: `Code 128 data ${why}` });
  const first = String.fromCharCode(raw[1] ?? 0);
  if (raw[0] !== 0x7b || !(first === 'A' || first === 'B' || first === 'C')) {
    return skip('must start with a code set selector {A, {B or {C');
  }
  let set: 'A' | 'B' | 'C' = first;
  const codewords: number[] = [START_CODES[set]];
  let text = '';
  let shifted = false;
  for (let i = 2; i < raw.length; i++) {
    const byte = raw[i]!;
    if (byte === 0x7b) {
      const next = raw[++i];
      const code = next === undefined ? '' : String.fromCharCode(next);
      if (code === 'A' || code === 'B' || code === 'C') {
        if (code !== set) codewords.push(SWITCH_TO[code]);
        set = code;
      } else if (code === '1') {
        codewords.push(102);
      } else if (code === 'S' && set !== 'C') {
        codewords.push(98);
        shifted = true;
      } else if (set !== 'C' && FUNCTION_CODES[code]) {
        codewords.push(FUNCTION_CODES[code][set]);
      } else if (code === '{' && set === 'B') {
        codewords.push(0x7b - 32);
        text += '{';
      } else {
        return skip(`have {${code} in set ${set}, which is no selector or function there`);
      }
      continue;
    }
    if (set === 'C') {
      if (byte > 99) return skip(`have byte ${byte} in set C, which takes digit pairs 0-99`);
      codewords.push(byte);
      text += String(byte).padStart(2, '0');
      continue;
    }
    const readAs = shifted ? (set === 'A' ? 'B' : 'A') : set;
    shifted = false;
    const value = characterValue(readAs, byte);
    if (value === undefined) return skip(`have byte ${byte}, which set ${readAs} lacks`);
    codewords.push(value);
    text += byte < 0x20 || byte === 0x7f ? ' ' : String.fromCharCode(byte);
  }
  if (codewords.length === 1) return skip('have no characters after the code set selector');
  return { codewords, text };
}

/** The columns `from` to `from + width` of an image; an HRI wider than the line is clipped. */
export function cropWidth(image: MonoBitmap, from: number, width: number): MonoBitmap {
  if (from === 0 && width === image.width) return image;
  const out = new MonoBitmap(width, image.height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < width; x++) if (image.get(x + from, y)) out.set(x, y, 1);
  }
  return out;
}

/** A run of printed text bytes with the print modes it was received under. */
export interface TextRun {
  bytes: number[];
  chinese: boolean;
  bold: boolean;
  underline: number;
  width: number;
  height: number;
  fontB: boolean;
}

/** True when two runs print alike, so their bytes can be joined before decoding. */
export function sameRunStyle(a: Omit<TextRun, 'bytes'>, b: Omit<TextRun, 'bytes'>): boolean {
  return (
    a.chinese === b.chinese &&
    a.bold === b.bold &&
    a.underline === b.underline &&
    a.width === b.width &&
    a.height === b.height &&
    a.fontB === b.fontB
  );
}

/** Decodes a run: GB18030 in Chinese mode, else ASCII with code-page bytes shown as `?`. */
export function decodeRun(run: TextRun): string {
  if (run.chinese) return iconv.decode(Buffer.from(run.bytes), 'gb18030');
  return String.fromCharCode(...run.bytes.map((byte) => (byte < 0x80 ? byte : 0x3f)));
}
