import { PNG } from 'pngjs';
import type { EscPosToken } from './escpos-tokens.ts';
import { boxGlyphs, drawText, type GlyphSource } from './glyphs.ts';
import { dotWidths, drawBarcode, readBarcode } from './barcode-picture.ts';
import {
  cropWidth,
  decodeRun,
  sameRunStyle,
  type TextRun,
  qrSymbol,
  rasterFromCommand,
} from './paper-blocks.ts';
import { MonoBitmap } from './raster.ts';
import { displayWidth } from './text-layout.ts';

/** Print modes that persist across lines and cuts until `ESC @`. */
interface Modes {
  align: number;
  bold: boolean;
  underline: number;
  width: number;
  height: number;
  fontB: boolean;
  chinese: boolean;
  qrModule: number;
  qrLevel: 'L' | 'M' | 'Q' | 'H';
  qrData: Uint8Array;
  barcodeHeight: number;
  barcodeModule: number;
  hri: number;
  hriFontB: boolean;
}

type Segment = TextRun;

const LINE_SPACING = 30;
const QR_LEVELS = { 0x30: 'L', 0x31: 'M', 0x32: 'Q', 0x33: 'H' } as const;

const freshModes = (): Modes => ({
  align: 0,
  bold: false,
  underline: 0,
  width: 1,
  height: 1,
  fontB: false,
  chinese: false,
  qrModule: 3,
  qrLevel: 'L',
  qrData: new Uint8Array(0),
  barcodeHeight: 162,
  barcodeModule: 3,
  hri: 0,
  hriFontB: false,
});

/**
 * One strip of simulated thermal paper: applies print tokens the way a 203-dpi printer
 * would and keeps both a text transcript and the dots, for people and for zbarimg.
 */
export class ReceiptPaper {
  private readonly bands: MonoBitmap[] = [];
  private readonly lines: string[] = [];
  private segments: Segment[] = [];
  /** Line feeds printed so far; the simulator counts them to run out of paper on cue. */
  lineFeeds = 0;

  constructor(
    readonly widthDots: number,
    private readonly glyphs: GlyphSource = boxGlyphs,
    private modes: Modes = freshModes(),
  ) {}

  /** A new strip after a cut; print modes carry over, as on the real printer. */
  next(): ReceiptPaper {
    return new ReceiptPaper(this.widthDots, this.glyphs, { ...this.modes });
  }

  /** True when nothing has been printed on this strip yet. */
  isBlank(): boolean {
    return this.bands.length === 0 && this.segments.length === 0;
  }

  /** Applies one printing token (real-time commands are the simulator's business). */
  apply(token: EscPosToken): void {
    if (token.type === 'text') {
      const m = this.modes;
      const style = {
        chinese: m.chinese,
        bold: m.bold,
        underline: m.underline,
        width: m.width,
        height: m.height,
        fontB: m.fontB,
      };
      const last = this.segments[this.segments.length - 1];
      // Chunks may split a GB18030 code; same-style runs are joined before decoding.
      if (last && sameRunStyle(last, style)) last.bytes.push(...token.bytes);
      else this.segments.push({ bytes: [...token.bytes], ...style });
      return;
    }
    if (token.type !== 'command') return;
    const b = token.bytes;
    const p = (i: number): number => b[i] ?? 0;
    const m = this.modes;
    switch (token.name) {
      case 'LF':
        return this.printLine();
      case 'ESC @':
        this.modes = freshModes();
        return;
      case 'ESC a':
        m.align = p(2) % 48;
        return;
      case 'ESC E':
        m.bold = (p(2) & 1) === 1;
        return;
      case 'ESC -':
        m.underline = p(2) % 48;
        return;
      case 'ESC M':
        m.fontB = p(2) % 48 === 1;
        return;
      case 'ESC !':
        Object.assign(m, {
          fontB: (p(2) & 1) === 1,
          bold: (p(2) & 8) !== 0,
          height: p(2) & 0x10 ? 2 : 1,
          width: p(2) & 0x20 ? 2 : 1,
          underline: p(2) & 0x80 ? 1 : 0,
        });
        return;
      case 'GS !':
        m.width = ((p(2) >> 4) & 7) + 1;
        m.height = (p(2) & 7) + 1;
        return;
      case 'FS &':
        m.chinese = true;
        return;
      case 'FS .':
        m.chinese = false;
        return;
      case 'ESC d':
        this.flushLine();
        this.blank(p(2) * LINE_SPACING);
        return;
      case 'ESC J':
        this.flushLine();
        this.blank(p(2));
        return;
      // Out-of-range settings are ignored, as printers do, keeping the previous value.
      case 'GS h':
        if (p(2) >= 1) m.barcodeHeight = p(2);
        return;
      case 'GS w':
        if (p(2) >= 2 && p(2) <= 6) m.barcodeModule = p(2);
        return;
      case 'GS H':
        if (p(2) % 48 <= 3) m.hri = p(2) % 48;
        return;
      case 'GS f':
        m.hriFontB = p(2) % 48 === 1;
        return;
      case 'GS ( k':
        return this.qrFunction(b);
      case 'GS k':
        return this.barcode(b);
      case 'GS v':
        return this.raster(b);
      default:
        return;
    }
  }

  /** The transcript: one string per printed line, QR/barcode/image as bracketed notes. */
  text(): string {
    return this.lines.join('\n') + '\n';
  }

  /** The strip as a PNG, `widthDots` wide, black dots on white. */
  png(): Buffer {
    const image = this.bitmap(16);
    const png = new PNG({ width: image.width, height: image.height });
    png.data.fill(0xff);
    image.pixels.forEach((black, i) => {
      if (black) png.data[i * 4] = png.data[i * 4 + 1] = png.data[i * 4 + 2] = 0;
    });
    return PNG.sync.write(png);
  }

  /** The whole strip as one 1-bit image, with `margin` blank dots above and below. */
  bitmap(margin = 0): MonoBitmap {
    const height = margin * 2 + this.bands.reduce((sum, band) => sum + band.height, 0);
    const image = new MonoBitmap(this.widthDots, Math.max(1, height));
    let top = margin;
    for (const band of this.bands) {
      image.draw(band, 0, top);
      top += band.height;
    }
    return image;
  }

  /** Ends a partial line without a feed, as a cut or a block command does. */
  flushLine(): void {
    if (this.segments.length > 0) this.printLine();
  }

  private printLine(): void {
    this.lineFeeds++;
    const runs = this.segments.map((s) => ({ ...s, text: decodeRun(s) }));
    this.segments = [];
    const cellsOf = (s: Segment) => ({
      narrowWidth: (s.fontB ? 9 : 12) * s.width,
      wideWidth: 24 * s.width,
      height: (s.fontB ? 17 : 24) * s.height,
    });
    const height = Math.max(LINE_SPACING, ...runs.map((r) => cellsOf(r).height + 6));
    const band = new MonoBitmap(this.widthDots * 2, height);
    let pen = 0;
    for (const run of runs) {
      const cells = cellsOf(run);
      const start = pen;
      pen = drawText(band, this.glyphs, run.text, pen, height - cells.height - 3, cells, run.bold);
      if (run.underline > 0) band.fill(start, height - 3, pen - start, run.underline);
    }
    this.bands.push(this.aligned(band, Math.min(pen, this.widthDots)));
    // The transcript keeps text searchable: enlarged text is written once, but its printed
    // width still decides the alignment padding.
    const line = runs.map((r) => r.text).join('');
    const printedColumns = runs.reduce((sum, r) => sum + displayWidth(r.text) * r.width, 0);
    const free = Math.max(0, Math.floor(this.widthDots / 12) - printedColumns);
    const pad = this.modes.align === 1 ? Math.floor(free / 2) : this.modes.align === 2 ? free : 0;
    this.lines.push((' '.repeat(pad) + line).trimEnd());
  }

  /** Copies the used part of a drawing into a paper-wide band at the current alignment. */
  private aligned(source: MonoBitmap, used: number): MonoBitmap {
    const free = Math.max(0, this.widthDots - used);
    const shift = this.modes.align === 1 ? Math.floor(free / 2) : this.modes.align === 2 ? free : 0;
    const band = new MonoBitmap(this.widthDots, source.height);
    for (let y = 0; y < source.height; y++) {
      for (let x = 0; x < used; x++) if (source.get(x, y)) band.set(x + shift, y, 1);
    }
    return band;
  }

  private blank(dots: number): void {
    if (dots <= 0) return;
    this.bands.push(new MonoBitmap(this.widthDots, dots));
    for (let i = 0; i < Math.round(dots / LINE_SPACING); i++) this.lines.push('');
  }

  private qrFunction(b: Uint8Array): void {
    const fn = b[6];
    const m = this.modes;
    if (b[5] !== 0x31) return;
    if (fn === 0x43) m.qrModule = b[7] ?? 3;
    else if (fn === 0x45) m.qrLevel = QR_LEVELS[(b[7] ?? 0x30) as keyof typeof QR_LEVELS] ?? 'L';
    else if (fn === 0x50) m.qrData = b.slice(8);
    else if (fn === 0x51) this.printQr();
  }

  private printQr(): void {
    this.flushLine();
    const data = new TextDecoder().decode(this.modes.qrData);
    const symbol = qrSymbol(data, this.modes.qrLevel, this.modes.qrModule);
    this.bands.push(this.aligned(symbol, symbol.width));
    this.lines.push(`[QR ${this.modes.qrLevel} ${data}]`);
  }

  /**
   * Prints a 1-D barcode as the printer would, or nothing when the printer would refuse the
   * data or the bars do not fit the line; either way the transcript says what happened.
   */
  private barcode(b: Uint8Array): void {
    this.flushLine();
    const m = b[2] ?? 0;
    const reading = readBarcode(m, m >= 65 ? b.slice(4) : b.slice(3, -1));
    if ('skipped' in reading) {
      this.lines.push(`[BARCODE ${m} ${reading.symbology} not printed: ${reading.skipped}]`);
      return;
    }
    const pattern = reading.printed;
    const modes = this.modes;
    const barsWidth = dotWidths(pattern, modes.barcodeModule).reduce((sum, w) => sum + w, 0);
    if (barsWidth > this.widthDots) {
      this.lines.push(
        `[BARCODE ${m} ${pattern.symbology} not printed: ${barsWidth} dots wide at module width ${modes.barcodeModule}, the line has ${this.widthDots}]`,
      );
      return;
    }
    const block = drawBarcode(
      pattern,
      {
        moduleWidth: modes.barcodeModule,
        height: modes.barcodeHeight,
        hri: modes.hri,
        hriFontB: modes.hriFontB,
      },
      this.glyphs,
    );
    const used = Math.min(block.width, this.widthDots);
    const offset = Math.floor((block.width - used) / 2);
    this.bands.push(this.aligned(cropWidth(block, offset, used), used));
    this.lines.push(`[BARCODE ${m} ${pattern.hri}]`);
  }

  private raster(b: Uint8Array): void {
    this.flushLine();
    const image = rasterFromCommand(b);
    if (!image) return;
    this.bands.push(this.aligned(image, Math.min(image.width, this.widthDots)));
    this.lines.push(`[IMAGE ${image.width}x${image.height}]`);
  }
}
