import { ReceiptEncodingError } from './errors.ts';

/** A 1-bit image: one byte per pixel, 1 = black dot. Simple on purpose; receipts are small. */
export class MonoBitmap {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new ReceiptEncodingError(
        `a bitmap needs a positive integer size, got ${width}x${height}`,
        'invalidImage',
        `${width}x${height}`,
      );
    }
    this.pixels = new Uint8Array(width * height);
  }

  /** Reads one pixel; outside the bitmap counts as white. */
  get(x: number, y: number): number {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return 0;
    return this.pixels[y * this.width + x] ?? 0;
  }

  /** Sets one pixel black (1) or white (0); drawing outside the bitmap is clipped. */
  set(x: number, y: number, black: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.pixels[y * this.width + x] = black ? 1 : 0;
  }

  /** Fills a rectangle, clipped to the bitmap. */
  fill(x: number, y: number, w: number, h: number, black = 1): void {
    for (let row = Math.max(0, y); row < Math.min(this.height, y + h); row++) {
      for (let col = Math.max(0, x); col < Math.min(this.width, x + w); col++) {
        this.pixels[row * this.width + col] = black;
      }
    }
  }

  /** Copies `source` onto this bitmap with its top-left corner at (x, y), black over white. */
  draw(source: MonoBitmap, x: number, y: number): void {
    for (let row = 0; row < source.height; row++) {
      for (let col = 0; col < source.width; col++) {
        if (source.pixels[row * source.width + col]) this.set(x + col, y + row, 1);
      }
    }
  }
}

/** Packs rows MSB-first, 1 = black, padding each row to whole bytes with white. */
function packRows(image: MonoBitmap, firstRow: number, rows: number): Uint8Array {
  const bytesPerRow = Math.ceil(image.width / 8);
  const out = new Uint8Array(bytesPerRow * rows);
  for (let r = 0; r < rows; r++) {
    for (let x = 0; x < image.width; x++) {
      if (image.get(x, firstRow + r)) out[r * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return out;
}

/**
 * Encodes an image as `GS v 0` commands in horizontal bands of at most `bandRows` rows,
 * because several clones drop data when one command exceeds their receive buffer.
 */
export function encodeRaster(image: MonoBitmap, maxDots: number, bandRows: number): Uint8Array[] {
  if (image.width > maxDots) {
    throw new ReceiptEncodingError(
      `an image ${image.width} dots wide does not fit the ${maxDots}-dot line; scale it down first`,
      'invalidImage',
      `${image.width}x${image.height}`,
    );
  }
  const bytesPerRow = Math.ceil(image.width / 8);
  const parts: Uint8Array[] = [];
  for (let first = 0; first < image.height; first += bandRows) {
    const rows = Math.min(bandRows, image.height - first);
    const header = [
      0x1d,
      0x76,
      0x30,
      0x00,
      bytesPerRow & 0xff,
      bytesPerRow >> 8,
      rows & 0xff,
      rows >> 8,
    ];
    parts.push(Uint8Array.from(header), packRows(image, first, rows));
  }
  return parts;
}
