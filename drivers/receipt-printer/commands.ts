import iconv from 'iconv-lite';
import {
  barcodeDataBytes,
  SYMBOLOGY_CODES,
  type BarcodeSymbology,
  type Code128Set,
} from './barcode.ts';
import { ReceiptEncodingError } from './errors.ts';
import type { ReceiptPrinterProfile } from './profile.ts';
import { encodeRaster, type MonoBitmap } from './raster.ts';

/** Horizontal alignment of the following lines. */
export type Alignment = 'left' | 'center' | 'right';

/** QR error-correction level: L 7 %, M 15 %, Q 25 %, H 30 %. */
export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';

/** Where a barcode's human-readable digits go. */
export type HriPosition = 'none' | 'above' | 'below' | 'both';

/** One queued printer command, as data; the encoder turns a list of these into bytes. */
export type ReceiptCommand =
  | { op: 'init' }
  | { op: 'align'; align: Alignment }
  | { op: 'bold'; on: boolean }
  | { op: 'underline'; dots: 0 | 1 | 2 }
  | { op: 'size'; width: number; height: number }
  | { op: 'font'; font: 'A' | 'B' }
  | { op: 'text'; text: string }
  | { op: 'newline' }
  | { op: 'feed'; lines: number }
  | { op: 'qr'; data: string; moduleSize: number; errorCorrection: QrErrorCorrection }
  | {
      op: 'barcode';
      symbology: BarcodeSymbology;
      data: string;
      code128Set: Code128Set;
      height: number;
      moduleWidth: number;
      hri: HriPosition;
    }
  | { op: 'image'; image: MonoBitmap }
  | { op: 'cut'; partial: boolean; feed: number };

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;

/** `FS &`: following bytes >= 0x81 are GB18030 codes. */
const ENTER_CHINESE = Uint8Array.of(FS, 0x26);
/** `FS .`: back to the single-byte code page. */
const LEAVE_CHINESE = Uint8Array.of(FS, 0x2e);

const ALIGN_CODES: Record<Alignment, number> = { left: 0, center: 1, right: 2 };
const EC_CODES: Record<QrErrorCorrection, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };
const HRI_CODES: Record<HriPosition, number> = { none: 0, above: 1, below: 2, both: 3 };

/**
 * Refuses text the printer would misread: control bytes (an ESC inside a name would start
 * a command) and characters without a code in the profile's charset.
 */
export function checkText(text: string, charset: ReceiptPrinterProfile['cjkCharset']): void {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
      throw new ReceiptEncodingError(
        `text ${JSON.stringify(text)} contains control character U+${code.toString(16).padStart(4, '0')}; remove it (use newline() for line breaks)`,
        'controlCharacter',
        text,
      );
    }
    if (code < 0x80) continue;
    const bytes = iconv.encode(char, 'gb18030');
    const lost = bytes.length === 1 && bytes[0] === 0x3f;
    if (lost || (charset === 'gbk' && bytes.length === 4)) {
      throw new ReceiptEncodingError(
        `character ${JSON.stringify(char)} in ${JSON.stringify(text)} has no ${charset.toUpperCase()} code and cannot be printed; replace it or use a printer profile with cjkCharset "gb18030"`,
        'unencodable',
        text,
      );
    }
  }
}

/** Encodes checked text: ASCII as single bytes, every other run as GB18030 inside FS & … FS . */
function textBytes(text: string): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (const run of text.match(/[\x20-\x7e]+|[^\x20-\x7e]+/gu) ?? []) {
    if (/^[\x20-\x7e]/.test(run)) {
      parts.push(Uint8Array.from(run, (char) => char.charCodeAt(0)));
    } else {
      parts.push(ENTER_CHINESE, new Uint8Array(iconv.encode(run, 'gb18030')), LEAVE_CHINESE);
    }
  }
  return parts;
}

/** `GS ( k` with the pL pH length prefix counting cn, fn and the parameters. */
function qrFunction(fn: number, params: number[] | Uint8Array): Uint8Array {
  const length = params.length + 2;
  return Uint8Array.from([GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, fn, ...params]);
}

/** The bytes of one non-text command (text goes through `textBytes` after `checkText`). */
export function commandBytes(
  command: ReceiptCommand,
  profile: ReceiptPrinterProfile,
): Uint8Array[] {
  switch (command.op) {
    case 'init':
      return [Uint8Array.of(ESC, 0x40)];
    case 'align':
      return [Uint8Array.of(ESC, 0x61, ALIGN_CODES[command.align])];
    case 'bold':
      return [Uint8Array.of(ESC, 0x45, command.on ? 1 : 0)];
    case 'underline':
      return [Uint8Array.of(ESC, 0x2d, command.dots)];
    case 'size':
      return [Uint8Array.of(GS, 0x21, ((command.width - 1) << 4) | (command.height - 1))];
    case 'font':
      return [Uint8Array.of(ESC, 0x4d, command.font === 'A' ? 0 : 1)];
    case 'text':
      return textBytes(command.text);
    case 'newline':
      return [Uint8Array.of(0x0a)];
    case 'feed':
      return [Uint8Array.of(ESC, 0x64, command.lines)];
    case 'qr': {
      const data = new TextEncoder().encode(command.data);
      return [
        qrFunction(0x41, [0x32, 0x00]),
        qrFunction(0x43, [command.moduleSize]),
        qrFunction(0x45, [EC_CODES[command.errorCorrection]]),
        qrFunction(0x50, Uint8Array.from([0x30, ...data])),
        qrFunction(0x51, [0x30]),
      ];
    }
    case 'barcode': {
      const data = barcodeDataBytes(command.symbology, command.data, command.code128Set);
      return [
        Uint8Array.of(GS, 0x68, command.height),
        Uint8Array.of(GS, 0x77, command.moduleWidth),
        Uint8Array.of(GS, 0x48, HRI_CODES[command.hri]),
        Uint8Array.of(GS, 0x6b, SYMBOLOGY_CODES[command.symbology], data.length),
        data,
      ];
    }
    case 'image':
      return encodeRaster(command.image, profile.dotsPerLine, profile.rasterBandRows);
    case 'cut':
      return [Uint8Array.of(GS, 0x56, command.partial ? 0x42 : 0x41, command.feed)];
  }
}

/** Joins byte parts into one array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
