import {
  BinaryBitmap,
  ChecksumException,
  DecodeHintType,
  FormatException,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  NotFoundException,
  QRCodeReader,
  ZXingStringEncoding,
  type Binarizer,
  type LuminanceSource,
} from '@zxing/library';
import {
  LuminanceBuffer,
  boxBlur3,
  contrastStretch,
  halfScale,
  type LuminanceFrame,
} from './camera-frame.ts';

import { decodePayload, type QrCharset } from './qr-text.ts';
import { loadZxingCpp, ZxingCppReader, type ZxingCppPass } from './zxing-cpp.ts';

/**
 * QR decoding of camera frames in a fixed order of increasingly costly strategies that stops
 * at the first success: zxing-cpp (the fast reader) first, then @zxing/library with the
 * binarizers and pre-filters that read what zxing-cpp misses. The order and the set were chosen
 * by measurement (bench/qr-decode.bench.ts). The decoder returns any text a code holds, control
 * characters included: what a consumer accepts (a resident code, a contact card) is that
 * consumer's rule, not the decoder's.
 */

/** The decode strategies. */
export type DecodeStrategy =
  /** zxing-cpp, local-average binarizer, with its downscaled and inverted passes. */
  | 'zxing-cpp'
  /** zxing-cpp trying harder: every row direction and more finder candidates. */
  | 'zxing-cpp-hard'
  | 'hybrid'
  | 'half-scale'
  | 'global-histogram'
  | 'contrast-stretch'
  | 'box-blur'
  | 'inverted';

/** The default order; every strategy is tried only after the ones before it failed. */
export const DEFAULT_STRATEGIES: readonly DecodeStrategy[] = [
  'zxing-cpp',
  'hybrid',
  'half-scale',
  'global-histogram',
  'contrast-stretch',
  'box-blur',
  'inverted',
];

/** The zxing-cpp passes behind the two zxing-cpp strategies. */
const ZXING_CPP_PASSES: Record<'zxing-cpp' | 'zxing-cpp-hard', ZxingCppPass> = {
  'zxing-cpp': { tryHarder: false, tryDownscale: true, tryInvert: true },
  'zxing-cpp-hard': { tryHarder: true, tryDownscale: true, tryInvert: true },
};

/** One decoded QR code: its text in the charset judged or declared, and its bytes. */
export interface DecodedQr {
  /** The whole payload as text; may hold any character, CR and LF included. */
  text: string;
  /** The symbol's data bytes when they could be recovered (always for zxing-cpp). */
  bytes: Uint8Array | undefined;
  /** How the bytes became text; `binary` means the bytes are data, use `bytes`. */
  charset: QrCharset;
  /** The strategy that succeeded. */
  strategy: DecodeStrategy;
}

// zxing's Node fallback for ISO-8859-1 runs bytes through decodeURIComponent, which throws on
// anything that is not UTF-8 (every GBK code). Decoding as true Latin-1 keeps each byte as
// one character, so the symbol's exact bytes can be taken back out of the text; other charset
// names (from an ECI or a Kanji segment) go to the platform decoder.
ZXingStringEncoding.customDecoder = (bytes: Uint8Array, encodingName: string): string =>
  encodingName === 'ISO-8859-1'
    ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1')
    : new TextDecoder(encodingName).decode(bytes);

const HINTS = new Map<DecodeHintType, unknown>([[DecodeHintType.CHARACTER_SET, 'ISO-8859-1']]);

/**
 * Decodes QR codes in luminance frames. One instance per camera; not re-entrant. Until
 * `load()` has resolved, the zxing-cpp strategies are passed over and @zxing/library reads alone.
 */
export class QrFrameDecoder {
  private readonly reader = new QRCodeReader();
  private readonly cpp = new Map<DecodeStrategy, ZxingCppReader>();

  constructor(private readonly strategies: readonly DecodeStrategy[] = DEFAULT_STRATEGIES) {
    if (strategies.length === 0)
      throw new Error('QrFrameDecoder needs at least one decode strategy');
  }

  /** Loads zxing-cpp from node_modules when a strategy needs it; rejects when it cannot. */
  async load(): Promise<void> {
    const wanted = this.strategies.filter(
      (s): s is keyof typeof ZXING_CPP_PASSES => s in ZXING_CPP_PASSES,
    );
    if (wanted.length === 0 || this.cpp.size > 0) return;
    const module = await loadZxingCpp();
    for (const strategy of wanted) {
      this.cpp.set(strategy, new ZxingCppReader(module, ZXING_CPP_PASSES[strategy]));
    }
  }

  /** Whether zxing-cpp is loaded (or not wanted): the decoder runs at full strength. */
  get loaded(): boolean {
    return this.cpp.size > 0 || !this.strategies.some((s) => s in ZXING_CPP_PASSES);
  }

  /** Returns the first QR code found, or undefined when no strategy finds one. */
  decode(frame: LuminanceFrame): DecodedQr | undefined {
    let stretched: LuminanceFrame | undefined;
    for (const strategy of this.strategies) {
      let text: string | undefined;
      switch (strategy) {
        case 'zxing-cpp':
        case 'zxing-cpp-hard': {
          const found = this.cpp.get(strategy)?.read(frame);
          if (found) {
            const judged = found.hasEci
              ? { text: found.text, charset: 'declared' as const }
              : decodePayload(found.bytes);
            return { ...judged, bytes: found.bytes, strategy };
          }
          break;
        }
        case 'hybrid':
          text = this.attempt(new HybridBinarizer(new LuminanceBuffer(frame)));
          break;
        case 'half-scale':
          // Below 80 pixels a side the half frame is too small to hold a phone QR code.
          if (frame.width >= 160 && frame.height >= 160) {
            text = this.attempt(new HybridBinarizer(new LuminanceBuffer(halfScale(frame))));
          }
          break;
        case 'global-histogram':
          text = this.attempt(new GlobalHistogramBinarizer(new LuminanceBuffer(frame)));
          break;
        case 'contrast-stretch':
          stretched ??= contrastStretch(frame);
          text = this.attempt(new HybridBinarizer(new LuminanceBuffer(stretched)));
          break;
        case 'box-blur':
          text = this.attempt(
            new HybridBinarizer(new LuminanceBuffer(boxBlur3(stretched ?? frame))),
          );
          break;
        case 'inverted':
          text = this.attempt(new HybridBinarizer(invert(new LuminanceBuffer(frame))));
          break;
      }
      if (text !== undefined) return fromLibraryText(text, strategy);
    }
    return undefined;
  }

  /** Frees zxing-cpp's frame buffers. */
  dispose(): void {
    for (const reader of this.cpp.values()) reader.dispose();
    this.cpp.clear();
  }

  private attempt(binarizer: Binarizer): string | undefined {
    try {
      return this.reader.decode(new BinaryBitmap(binarizer), HINTS).getText();
    } catch (error) {
      // zxing signals "no code here" with exceptions; anything else is a real fault.
      if (
        error instanceof NotFoundException ||
        error instanceof ChecksumException ||
        error instanceof FormatException
      ) {
        return undefined;
      }
      throw error;
    } finally {
      this.reader.reset();
    }
  }
}

function invert(source: LuminanceSource): LuminanceSource {
  return source.invert();
}

/**
 * @zxing/library's text, read with Latin-1 as the default charset: when every character is a
 * byte, those are the symbol's bytes and get the same judgement as zxing-cpp's; a character
 * beyond Latin-1 means an ECI or a Kanji/Hanzi segment named the charset, and the text stands.
 */
function fromLibraryText(text: string, strategy: DecodeStrategy): DecodedQr {
  const bytes = latin1Bytes(text);
  if (!bytes) return { text, bytes: undefined, charset: 'declared', strategy };
  return { ...decodePayload(bytes), bytes, strategy };
}

/** The bytes behind a Latin-1 decoded text, or undefined when a character is beyond Latin-1. */
function latin1Bytes(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 0xff) return undefined;
    bytes[i] = unit;
  }
  return bytes;
}
