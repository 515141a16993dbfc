import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { silentDriverLogger, type DriverLogger } from '../device/logger.ts';
import { SerialTransport } from '../transports/serial.ts';
import type { ByteTransport } from '../transports/types.ts';
import { concatBytes } from './commands.ts';
import { EscPosTokenizer, type EscPosToken } from './escpos-tokens.ts';
import { boxGlyphs, loadGlyphFont, type GlyphSource } from './glyphs.ts';
import { ReceiptPaper } from './receipt-paper.ts';

/** Paper roll states a test or a technician can script. */
export type SimulatedPaper = 'ok' | 'near-end' | 'out';

/** One strip of paper the simulator printed, cut off or spoiled. */
export interface SimulatedReceipt {
  /** 1-based number in print order. */
  index: number;
  /** The ESC/POS bytes that produced this strip (status queries excluded). */
  bytes: Uint8Array;
  /** False when the paper ran out before the cut. */
  complete: boolean;
  /** The printed text, GB18030 decoded, one line per printed line. */
  text: string;
  /** The strip as a PNG image, paper-wide. */
  png(): Buffer;
}

/** Options for a receipt printer simulator. */
export interface ReceiptPrinterSimulatorOptions {
  /** Dots per line of the simulated paper (default 576, 80 mm at 203 dpi). */
  widthDots?: number;
  /** Glyphs for the PNG; defaults to the system CJK font, or boxes when it is missing. */
  glyphs?: GlyphSource;
  /** Writes every strip as receipt-NNNN.txt/.png/.bin here. */
  outDir?: string;
  logger?: DriverLogger;
}

/**
 * An 80 mm ESC/POS printer on the device side of a transport: prints what it receives,
 * answers DLE EOT from a scripted paper/cover state and sends ASB blocks once enabled.
 */
export class ReceiptPrinterSimulator {
  private readonly tokenizer = new EscPosTokenizer();
  private readonly glyphs: GlyphSource;
  private readonly log: DriverLogger;
  private readonly printed: SimulatedReceipt[] = [];
  private readonly listeners = new Set<(receipt: SimulatedReceipt) => void>();
  private readonly unsubscribe: () => void;
  private paper: ReceiptPaper;
  private jobBytes: Uint8Array[] = [];
  private paperState: SimulatedPaper = 'ok';
  private coverOpen = false;
  private cutterError = false;
  private paperEndStop = false;
  private silent = false;
  private asbEnabled = false;
  private outAfterLines: number | undefined;

  constructor(
    readonly transport: ByteTransport,
    private readonly options: ReceiptPrinterSimulatorOptions = {},
  ) {
    this.glyphs = options.glyphs ?? loadGlyphFont() ?? boxGlyphs;
    this.log = options.logger ?? silentDriverLogger;
    this.paper = new ReceiptPaper(options.widthDots ?? 576, this.glyphs);
    this.unsubscribe = transport.onData((chunk) => this.receive(chunk));
  }

  /** Scripts the paper roll; loading paper clears a paper-end stop. */
  setPaper(state: SimulatedPaper): void {
    if (state === 'out') this.runOut();
    else this.paperEndStop = false;
    this.paperState = state;
    this.statusChanged();
  }

  /** Opens or shuts the cover; an open cover stops printing like paper out does. */
  setCover(open: boolean): void {
    this.coverOpen = open;
    if (open) this.spoil();
    this.statusChanged();
  }

  /** Scripts an autocutter fault (DLE EOT 3 bit 3). */
  setCutterError(failed: boolean): void {
    this.cutterError = failed;
    this.statusChanged();
  }

  /** Runs out of paper after `lines` more printed lines, mid-job if a job is running. */
  runOutOfPaperAfterLines(lines: number): void {
    this.outAfterLines = this.paper.lineFeeds + lines;
  }

  /** A silent printer answers nothing, like one switched off or on a one-way cable. */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  /** Every strip printed so far, cut receipts and spoiled ones, in order. */
  receipts(): SimulatedReceipt[] {
    return [...this.printed];
  }

  /** Calls `listener` with each strip when it is cut off or spoiled. */
  onReceipt(listener: (receipt: SimulatedReceipt) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops listening and closes the transport. */
  async close(): Promise<void> {
    this.unsubscribe();
    await this.transport.close();
  }

  private receive(chunk: Uint8Array): void {
    for (const token of this.tokenizer.push(chunk)) this.handle(token);
  }

  private handle(token: EscPosToken): void {
    if (token.type === 'command' && token.name.startsWith('DLE ')) {
      this.realtime(token.name, token.bytes);
      return;
    }
    if (token.type === 'unknown') {
      this.log.warn({ bytes: [...token.bytes] }, 'receipt simulator skipped an unknown command');
    }
    if (token.type === 'command' && token.name === 'GS a') {
      this.asbEnabled = (token.bytes[2] ?? 0) !== 0;
      if (this.asbEnabled) this.sendAsb();
      return;
    }
    if (this.stopped()) {
      // A stopped printer prints nothing; what arrives now is lost, as with a cleared buffer.
      if (this.paperState === 'out') this.paperEndStop = true;
      return;
    }
    this.jobBytes.push(token.bytes);
    if (token.type === 'command' && token.name === 'GS V') {
      this.paper.flushLine();
      this.finish(true);
      return;
    }
    this.paper.apply(token);
    if (this.outAfterLines !== undefined && this.paper.lineFeeds >= this.outAfterLines) {
      this.outAfterLines = undefined;
      this.setPaper('out');
    }
  }

  private realtime(name: string, bytes: Uint8Array): void {
    if (name === 'DLE EOT') {
      const reply = this.statusReply(bytes[2] ?? 0);
      if (reply !== undefined) this.send(Uint8Array.of(reply));
    } else if (name === 'DLE ENQ' && (bytes[2] ?? 0) === 2) {
      this.cutterError = false;
      this.statusChanged();
    }
  }

  /** The DLE EOT n reply byte for the scripted state; fixed bits 0x12 always set. */
  private statusReply(n: number): number | undefined {
    const offline = this.stopped();
    switch (n) {
      case 1:
        return 0x12 | (offline ? 0x08 : 0);
      case 2:
        return (
          0x12 |
          (this.coverOpen ? 0x04 : 0) |
          (this.paperEndStop ? 0x20 : 0) |
          (this.cutterError ? 0x40 : 0)
        );
      case 3:
        return 0x12 | (this.cutterError ? 0x08 : 0);
      case 4:
        // As in the spec's examples: near end 0x1E, out 0x72 (the near-end bits are not repeated).
        return (
          0x12 |
          (this.paperState === 'out' ? 0x60 : 0) |
          (this.paperState === 'near-end' ? 0x0c : 0)
        );
      default:
        return undefined;
    }
  }

  private stopped(): boolean {
    return this.paperState === 'out' || this.coverOpen || this.cutterError;
  }

  private statusChanged(): void {
    if (this.asbEnabled) this.sendAsb();
  }

  private sendAsb(): void {
    const b1 = 0x10 | (this.stopped() ? 0x08 : 0) | (this.coverOpen ? 0x20 : 0);
    const b2 = this.cutterError ? 0x08 : 0;
    const b3 = (this.paperState !== 'ok' ? 0x03 : 0) | (this.paperState === 'out' ? 0x0c : 0);
    this.send(Uint8Array.of(b1, b2, b3, 0x00));
  }

  private send(bytes: Uint8Array): void {
    if (this.silent || !this.transport.isOpen) return;
    this.transport.write(bytes).catch((error: unknown) => {
      this.log.warn({ err: error }, 'receipt simulator could not send a status reply');
    });
  }

  private runOut(): void {
    if (!this.paper.isBlank()) this.paperEndStop = true;
    this.spoil();
  }

  /** The strip in progress is torn off unfinished when printing stops. */
  private spoil(): void {
    this.paper.flushLine();
    if (!this.paper.isBlank()) this.finish(false);
  }

  private finish(complete: boolean): void {
    const paper = this.paper;
    const receipt: SimulatedReceipt = {
      index: this.printed.length + 1,
      bytes: concatBytes(this.jobBytes),
      complete,
      text: paper.text(),
      png: () => paper.png(),
    };
    this.paper = paper.next();
    this.jobBytes = [];
    this.printed.push(receipt);
    this.save(receipt);
    for (const listener of this.listeners) listener(receipt);
  }

  private save(receipt: SimulatedReceipt): void {
    const dir = this.options.outDir;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    const base = join(
      dir,
      `receipt-${String(receipt.index).padStart(4, '0')}${receipt.complete ? '' : '-spoiled'}`,
    );
    writeFileSync(`${base}.txt`, receipt.text);
    writeFileSync(`${base}.png`, receipt.png());
    writeFileSync(`${base}.bin`, receipt.bytes);
  }
}

/** Runs a simulator on a serial path (one end of a pty pair); `npm start` uses this. */
export async function startReceiptPrinterSimulator(options: {
  path: string;
  baudRate: number;
  outDir?: string;
  logger?: DriverLogger;
}): Promise<ReceiptPrinterSimulator> {
  const transport = await SerialTransport.open({ path: options.path, baudRate: options.baudRate });
  return new ReceiptPrinterSimulator(transport, { outDir: options.outDir, logger: options.logger });
}
