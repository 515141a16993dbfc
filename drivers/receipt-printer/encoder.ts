import QRCode from 'qrcode';
import type { BarcodeSymbology, Code128Set } from './barcode.ts';
import { barcodeDataBytes } from './barcode.ts';
import {
  checkText,
  commandBytes,
  concatBytes,
  type Alignment,
  type HriPosition,
  type QrErrorCorrection,
  type ReceiptCommand,
} from './commands.ts';
import { ReceiptEncodingError } from './errors.ts';
import type { GlyphSource } from './glyphs.ts';
import { encodeWithRasterCjk } from './line-raster.ts';
import type { ReceiptPrinterProfile } from './profile.ts';
import type { MonoBitmap } from './raster.ts';
import { isNarrow, ruleLine, twoColumnRow, wrapText, type TextMeasure } from './text-layout.ts';

/** Options for a receipt encoder. */
export interface ReceiptEncoderOptions {
  /** Draws CJK text as raster on profiles whose firmware has no Chinese font. */
  glyphs?: GlyphSource;
}

/** Options for `qr()`. */
export interface QrOptions {
  /** Dots per module, 1-16 (default 6). */
  moduleSize?: number;
  /** Error correction (default M). */
  errorCorrection?: QrErrorCorrection;
}

/** Options for `barcode()`. */
export interface BarcodeOptions {
  /** Code 128 code set (default B). */
  code128Set?: Code128Set;
  /** Bar height in dots, 1-255 (default 80). */
  height?: number;
  /** Narrow bar width, 2-6 (default 2). */
  moduleWidth?: number;
  /** Human-readable text position (default below). */
  hri?: HriPosition;
}

function checkRange(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ReceiptEncodingError(
      `${what} must be a whole number from ${min} to ${max}, got ${value}`,
      'invalidArgument',
      String(value),
    );
  }
}

/**
 * A fluent ESC/POS builder. Each call checks its input and queues a command as data, so a
 * receipt either encodes whole or fails before a byte is sent; `commands()` shows the queue
 * and `encode()` turns it into bytes for the profile's printer.
 */
export class ReceiptEncoder {
  private readonly queue: ReceiptCommand[] = [];
  private font: 'A' | 'B' = 'A';
  private widthScale = 1;
  private lineDots = 0;

  constructor(
    readonly profile: ReceiptPrinterProfile,
    private readonly options: ReceiptEncoderOptions = {},
  ) {}

  /** The queued commands, in order; copies, so the caller cannot change the queue. */
  commands(): ReceiptCommand[] {
    return this.queue.map((command) => ({ ...command }));
  }

  /** `ESC @`: resets the printer's modes; the encoder's own font and size tracking too. */
  init(): this {
    this.font = 'A';
    this.widthScale = 1;
    this.lineDots = 0;
    return this.push({ op: 'init' });
  }

  /** `ESC a`: alignment for the following lines (the printer applies it at line start). */
  align(align: Alignment): this {
    return this.push({ op: 'align', align });
  }

  /** `ESC E`: emphasized text on or off. */
  bold(on = true): this {
    return this.push({ op: 'bold', on });
  }

  /** `ESC -`: underline off, one dot or two dots thick. */
  underline(dots: 0 | 1 | 2 = 1): this {
    checkRange('underline thickness', dots, 0, 2);
    return this.push({ op: 'underline', dots });
  }

  /** `GS !`: character width and height multipliers, 1-8 each. */
  size(width: number, height = width): this {
    checkRange('character width multiplier', width, 1, 8);
    checkRange('character height multiplier', height, 1, 8);
    this.widthScale = width;
    return this.push({ op: 'size', width, height });
  }

  /** `ESC M`: Font A (12x24) or Font B (9x17). */
  setFont(font: 'A' | 'B'): this {
    this.font = font;
    return this.push({ op: 'font', font });
  }

  /** Queues text on the current line; refuses text that does not fit (use `wrapped`). */
  text(text: string): this {
    checkText(text, this.profile.cjkCharset);
    if (!this.profile.chinese && !this.options.glyphs && [...text].some((c) => !isNarrow(c))) {
      throw new ReceiptEncodingError(
        `printer profile ${this.profile.id} has no Chinese font, and no glyph source was given to print ${JSON.stringify(text)} as an image`,
        'noChineseSupport',
        text,
      );
    }
    const width = this.measure(text);
    if (this.lineDots + width > this.profile.dotsPerLine + 0.001) {
      throw new ReceiptEncodingError(
        `text ${JSON.stringify(text)} does not fit on the line (${this.columns()} columns at this font and size); use wrapped() or a smaller size`,
        'lineTooLong',
        text,
      );
    }
    this.lineDots += width;
    return this.push({ op: 'text', text });
  }

  /** `LF`: prints the line buffer and starts a new line. */
  newline(): this {
    this.lineDots = 0;
    return this.push({ op: 'newline' });
  }

  /** Text followed by a line feed. */
  line(text = ''): this {
    if (text.length > 0) this.text(text);
    return this.newline();
  }

  /** `ESC d n`: prints and feeds n lines. */
  feed(lines = 1): this {
    checkRange('feed lines', lines, 0, 255);
    this.lineDots = 0;
    return this.push({ op: 'feed', lines });
  }

  /** Text wrapped at the current font and size, CJK counting double, one `line` each. */
  wrapped(text: string): this {
    if (this.lineDots > 0) this.newline();
    for (const part of wrapText(text, this.profile.dotsPerLine, this.measurer())) {
      this.line(part);
    }
    return this;
  }

  /** A "label      value" row across the full width; long pairs fold onto two lines. */
  row(label: string, value: string, fill = ' '): this {
    for (const part of twoColumnRow(
      label,
      value,
      this.profile.dotsPerLine,
      this.measurer(),
      fill,
    )) {
      this.line(part);
    }
    return this;
  }

  /** A full-width rule of `char`. */
  rule(char = '-'): this {
    return this.line(ruleLine(this.profile.dotsPerLine, this.measurer(), char));
  }

  /** A model-2 QR code (`GS ( k` 165/167/169/180/181) of UTF-8 data, at the current alignment. */
  qr(data: string, options: QrOptions = {}): this {
    const moduleSize = options.moduleSize ?? 6;
    const errorCorrection = options.errorCorrection ?? 'M';
    checkRange('QR module size', moduleSize, 1, 16);
    let modules: number;
    try {
      modules = QRCode.create(data, { errorCorrectionLevel: errorCorrection }).modules.size;
    } catch (error) {
      throw new ReceiptEncodingError(
        `QR data ${JSON.stringify(data.slice(0, 40))} cannot be encoded at level ${errorCorrection}: ${(error as Error).message}`,
        'invalidQr',
        data,
      );
    }
    if (modules * moduleSize > this.profile.dotsPerLine) {
      throw new ReceiptEncodingError(
        `QR code of ${modules} modules at ${moduleSize} dots is wider than ${this.profile.dotsPerLine} dots; lower the module size`,
        'invalidQr',
        data,
      );
    }
    this.lineDots = 0;
    return this.push({ op: 'qr', data, moduleSize, errorCorrection });
  }

  /** A 1-D barcode (`GS k` function B); data are checked against the symbology's rule now. */
  barcode(symbology: BarcodeSymbology, data: string, options: BarcodeOptions = {}): this {
    const code128Set = options.code128Set ?? 'B';
    const height = options.height ?? 80;
    const moduleWidth = options.moduleWidth ?? 2;
    checkRange('barcode height', height, 1, 255);
    checkRange('barcode module width', moduleWidth, 2, 6);
    barcodeDataBytes(symbology, data, code128Set);
    this.lineDots = 0;
    const hri = options.hri ?? 'below';
    return this.push({ op: 'barcode', symbology, data, code128Set, height, moduleWidth, hri });
  }

  /** A 1-bit image as `GS v 0` bands. */
  image(image: MonoBitmap): this {
    if (image.width > this.profile.dotsPerLine) {
      throw new ReceiptEncodingError(
        `image ${image.width} dots wide exceeds the ${this.profile.dotsPerLine}-dot line`,
        'invalidImage',
        `${image.width}x${image.height}`,
      );
    }
    this.lineDots = 0;
    return this.push({ op: 'image', image });
  }

  /** `GS V 66 n` (or 65 for a full cut): feeds past the cutter by n units, then cuts. */
  cut(options: { partial?: boolean; feed?: number } = {}): this {
    const feed = options.feed ?? 0;
    checkRange('cut feed', feed, 0, 255);
    this.lineDots = 0;
    if (!this.profile.cutter) return this.push({ op: 'feed', lines: 4 });
    return this.push({ op: 'cut', partial: options.partial ?? true, feed });
  }

  /** Current line width in Font-A-equivalent columns at the current font and size. */
  columns(): number {
    const perFont = this.font === 'A' ? this.profile.columns.fontA : this.profile.columns.fontB;
    return Math.floor(perFont / this.widthScale);
  }

  /** The whole queue as printer bytes. */
  encode(): Uint8Array {
    if (!this.profile.chinese && this.options.glyphs) {
      return encodeWithRasterCjk(this.queue, this.profile, this.options.glyphs);
    }
    return concatBytes(this.queue.flatMap((command) => commandBytes(command, this.profile)));
  }

  private push(command: ReceiptCommand): this {
    this.queue.push(command);
    return this;
  }

  private measure(text: string): number {
    return this.measurer()(text);
  }

  /** Width in dots: a narrow cell is one Font-A/B column, a wide cell one CJK column. */
  private measurer(): TextMeasure {
    const narrowCols = this.font === 'A' ? this.profile.columns.fontA : this.profile.columns.fontB;
    const narrow = (this.profile.dotsPerLine / narrowCols) * this.widthScale;
    const wide = (this.profile.dotsPerLine / this.profile.columns.cjk) * this.widthScale;
    return (text) => {
      let dots = 0;
      for (const char of text) dots += isNarrow(char) ? narrow : wide;
      return dots;
    };
  }
}
