/// <reference types="emscripten" />
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  binarizers,
  characterSets,
  defaultReaderOptions,
  eanAddOnSymbols,
  encodeFormats,
  prepareZXingModule,
  purgeZXingModule,
  textModes,
  type ZXingReaderModule,
  type ZXingReaderOptions,
} from 'zxing-wasm/reader';
import type { LuminanceFrame } from './camera-frame.ts';

/**
 * zxing-cpp (the `zxing-wasm` package) as a synchronous QR reader of luminance frames. Its
 * `.wasm` is read from the package inside node_modules and handed to the module as bytes: the
 * package's default would fetch it from a CDN, which a kiosk must never do. Once loaded, a
 * frame is copied into the module's heap and read in one call, without the RGBA round trip
 * the package's own `readBarcodes` makes.
 */

/** The wasm file inside the zxing-wasm package (its `exports` map names it). */
const WASM_SPECIFIER = 'zxing-wasm/reader/zxing_reader.wasm';

/** One QR code as zxing-cpp read it. */
export interface ZxingCppResult {
  /** The symbol's data bytes with no charset applied. */
  bytes: Uint8Array;
  /** zxing-cpp's text; right whenever the symbol carries an ECI. */
  text: string;
  /** Whether the symbol carries an ECI designator. */
  hasEci: boolean;
}

/** Where the wasm file is on this machine. */
export function zxingCppWasmPath(): string {
  return createRequire(import.meta.url).resolve(WASM_SPECIFIER);
}

let loading: Promise<ZXingReaderModule> | undefined;

/**
 * Loads the zxing-cpp module once per process from node_modules. Rejects with an error naming
 * the file and the fix when the package is missing or its wasm cannot be instantiated.
 */
export function loadZxingCpp(): Promise<ZXingReaderModule> {
  loading ??= (async () => {
    const path = zxingCppWasmPath();
    const wasm = await readFile(path);
    const binary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength);
    return prepareZXingModule({
      overrides: {
        wasmBinary: binary,
        // Never reached with wasmBinary set; pinned so no code path can build a CDN address.
        locateFile: () => path,
      },
      fireImmediately: true,
    });
  })().catch((error: unknown) => {
    loading = undefined;
    purgeZXingModule();
    throw new Error(
      `zxing-cpp could not be loaded from node_modules (${WASM_SPECIFIER}): ${
        error instanceof Error ? error.message : String(error)
      }. Reinstall the "zxing-wasm" package (npm ci).`,
      { cause: error },
    );
  });
  return loading;
}

/** Forgets the loaded module, so the next load starts afresh (tests of the loader). */
export function unloadZxingCpp(): void {
  loading = undefined;
  purgeZXingModule();
}

/** What one zxing-cpp pass tries. */
export interface ZxingCppPass {
  /** Local average (adaptive, the default) or one global histogram threshold. */
  binarizer: 'LocalAverage' | 'GlobalHistogram';
  /** Rows in every direction and more finder candidates. */
  tryHarder: boolean;
  /** Also the frame at a third of its size (frames of 500 pixels a side or more). */
  tryDownscale: boolean;
  /** Also light-on-dark codes. */
  tryInvert: boolean;
  /** Also a morphological closing of the binarized frame (broken or speckled modules). */
  tryDenoise: boolean;
}

/** Reads QR codes in luminance frames with a loaded zxing-cpp module. Not re-entrant. */
export class ZxingCppReader {
  private readonly options: ZXingReaderOptions;
  private heap = 0;
  private heapSize = 0;

  constructor(
    private readonly module: ZXingReaderModule,
    pass: ZxingCppPass,
  ) {
    this.options = {
      ...defaultReaderOptions,
      ...pass,
      // QR only: the other symbologies cost time and a phone code is never one of them.
      formats: encodeFormats(['QRCode']),
      binarizer: binarizers.indexOf(pass.binarizer),
      eanAddOnSymbol: eanAddOnSymbols.indexOf('Ignore'),
      textMode: textModes.indexOf('Plain'),
      characterSet: characterSets.indexOf('Unknown'),
      tryRotate: true,
      maxNumberOfSymbols: 1,
      // Symbols found but not read come back marked invalid: the sign that a slower pass may pay.
      returnErrors: true,
      tryCode39ExtendedMode: false,
    };
  }

  /**
   * The first QR code in the frame; `located` when a symbol was found but could not be read
   * (too damaged for this pass: a slower pass may still read it); undefined when there is none.
   */
  read(frame: LuminanceFrame): ZxingCppResult | 'located' | undefined {
    const pixels = frame.width * frame.height;
    const module = this.module;
    if (pixels > this.heapSize) {
      if (this.heap) module._free(this.heap);
      this.heap = module._malloc(pixels);
      if (!this.heap) {
        this.heapSize = 0;
        throw new RangeError(`zxing-cpp could not allocate ${pixels} bytes for a frame`);
      }
      this.heapSize = pixels;
    }
    module.HEAPU8.set(frame.luminance.subarray(0, pixels), this.heap);
    const results = module.readBarcodesFromPixmap(
      this.heap,
      frame.width,
      frame.height,
      this.options,
    );
    try {
      let located = false;
      for (let i = 0; i < results.size(); i++) {
        const result = results.get(i);
        if (!result) continue;
        if (!result.isValid) {
          located = true;
          continue;
        }
        return {
          bytes: Uint8Array.from(result.bytes),
          text: result.text,
          hasEci: result.hasECI,
        };
      }
      return located ? 'located' : undefined;
    } finally {
      results.delete();
    }
  }

  /** Frees the frame buffer in the module's heap. */
  dispose(): void {
    if (this.heap) this.module._free(this.heap);
    this.heap = 0;
    this.heapSize = 0;
  }
}
