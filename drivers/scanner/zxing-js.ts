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
} from '@zxing/library';
import { LuminanceBuffer, type LuminanceFrame } from './camera-frame.ts';

/**
 * @zxing/library (zxing-js, the design card's decoder) as a QR reader of luminance frames,
 * reading byte-mode data as Latin-1 so the symbol's exact bytes can be taken back out of its
 * text and judged like zxing-cpp's.
 */

// zxing's Node fallback for ISO-8859-1 runs bytes through decodeURIComponent, which throws on
// anything that is not UTF-8 (every GBK code). Decoding as true Latin-1 keeps each byte as
// one character; other charset names (from an ECI or a Kanji segment) go to the platform decoder.
ZXingStringEncoding.customDecoder = (bytes: Uint8Array, encodingName: string): string =>
  encodingName === 'ISO-8859-1'
    ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1')
    : new TextDecoder(encodingName).decode(bytes);

const HINTS = new Map<DecodeHintType, unknown>([[DecodeHintType.CHARACTER_SET, 'ISO-8859-1']]);

/** How zxing-js turns grey into black and white. */
export type ZxingJsBinarizer = 'hybrid' | 'global-histogram';

/** Reads QR codes with zxing-js. Not re-entrant. */
export class ZxingJsReader {
  private readonly reader = new QRCodeReader();

  /** The code's text (Latin-1 for byte-mode data), or undefined when none is found. */
  read(frame: LuminanceFrame, binarizer: ZxingJsBinarizer, inverted = false): string | undefined {
    const source = new LuminanceBuffer(frame);
    const luminance = inverted ? source.invert() : source;
    const bits: Binarizer =
      binarizer === 'hybrid'
        ? new HybridBinarizer(luminance)
        : new GlobalHistogramBinarizer(luminance);
    try {
      return this.reader.decode(new BinaryBitmap(bits), HINTS).getText();
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
