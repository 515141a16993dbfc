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

/**
 * QR decoding of camera frames with @zxing/library, in a fixed order of increasingly costly
 * strategies that stops at the first success: a clean frame costs one binarization, only a
 * hard one pays for the pre-filters.
 */

/** The decode strategies, cheapest first. */
export type DecodeStrategy =
  'hybrid' | 'half-scale' | 'global-histogram' | 'contrast-stretch' | 'box-blur' | 'inverted';

/** The default order; every strategy is tried only after the ones before it failed. */
const DEFAULT_STRATEGIES: readonly DecodeStrategy[] = [
  'hybrid',
  'half-scale',
  'global-histogram',
  'contrast-stretch',
  'box-blur',
  'inverted',
];

/** One decoded QR code: the raw bytes when they can be recovered, else zxing's text. */
export interface DecodedQr {
  /** The symbol's data bytes (byte, numeric and alphanumeric segments), for our own charset choice. */
  bytes: Uint8Array | undefined;
  /** zxing's text, used when the symbol has Kanji/Hanzi segments or an ECI. */
  text: string;
  /** The strategy that succeeded. */
  strategy: DecodeStrategy;
}

// zxing's Node fallback for ISO-8859-1 runs bytes through decodeURIComponent, which throws on
// anything that is not UTF-8 (every GBK code). Decoding as true Latin-1 keeps each byte as
// one character, so the symbol's exact bytes can be taken back out of the text; other charset
// names (from an ECI) go to the platform decoder.
ZXingStringEncoding.customDecoder = (bytes: Uint8Array, encodingName: string): string =>
  encodingName === 'ISO-8859-1'
    ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1')
    : new TextDecoder(encodingName).decode(bytes);

const HINTS = new Map<DecodeHintType, unknown>([[DecodeHintType.CHARACTER_SET, 'ISO-8859-1']]);

/** Decodes QR codes in luminance frames. One instance per camera; not re-entrant. */
export class QrFrameDecoder {
  private readonly reader = new QRCodeReader();

  constructor(private readonly strategies: readonly DecodeStrategy[] = DEFAULT_STRATEGIES) {
    if (strategies.length === 0)
      throw new Error('QrFrameDecoder needs at least one decode strategy');
  }

  /** Returns the first QR code found, or undefined when no strategy finds one. */
  decode(frame: LuminanceFrame): DecodedQr | undefined {
    let stretched: LuminanceFrame | undefined;
    for (const strategy of this.strategies) {
      let text: string | undefined;
      switch (strategy) {
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
      if (text !== undefined) return { bytes: latin1Bytes(text), text, strategy };
    }
    return undefined;
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
