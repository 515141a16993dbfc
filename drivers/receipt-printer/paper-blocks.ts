import iconv from 'iconv-lite';
import QRCode from 'qrcode';
import { MonoBitmap } from './raster.ts';

/**
 * What a simulated printer draws besides plain lines: QR symbols regenerated from stored data
 * (the printer's firmware does the same), `GS v 0` images, and barcode data for the transcript.
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

/** A framed, diagonally hatched box: clearly a stand-in for a 1-D barcode, so nobody tries to scan it. */
export function barcodePlaceholder(width: number, height: number): MonoBitmap {
  const box = new MonoBitmap(width, height);
  box.fill(0, 0, width, 2);
  box.fill(0, height - 2, width, 2);
  box.fill(0, 0, 2, height);
  box.fill(width - 2, 0, 2, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if ((x + y) % 12 === 0) box.set(x, y, 1);
  }
  return box;
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

/** Human-readable barcode data; Code 128 loses its code-set selector, set C its binary pairs. */
export function decodeBarcodeData(m: number, raw: Uint8Array): string {
  if (m !== 73 || raw[0] !== 0x7b) return String.fromCharCode(...raw);
  let out = '';
  let set = 'B';
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i]!;
    if (byte === 0x7b && i + 1 < raw.length) {
      const next = raw[++i]!;
      if (next === 0x7b) out += '{';
      else set = String.fromCharCode(next);
      continue;
    }
    out += set === 'C' ? String(byte).padStart(2, '0') : String.fromCharCode(byte);
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
