import {
  boxBlur3,
  contrastStretch,
  halfScale,
  percentileRange,
  type LuminanceFrame,
} from './camera-frame.ts';
import { decodePayload, type QrCharset } from './qr-text.ts';
import { loadZxingCpp, ZxingCppReader, type ZxingCppPass } from './zxing-cpp.ts';
import { ZxingJsReader, type ZxingJsBinarizer } from './zxing-js.ts';

/**
 * QR decoding of camera frames in a fixed order of strategies that stops at the first
 * success: zxing-cpp (the fast reader) first, then the passes that read what it misses. The
 * order and the set were chosen by measurement (bench/qr-decode.bench.ts). The decoder returns
 * any text a code holds, control characters included: what a consumer accepts (a resident
 * code, a contact card) is that consumer's rule, not the decoder's.
 */

/** A light pre-filter applied to the frame before a pass. */
type Prefilter = 'none' | 'half-scale' | 'contrast-stretch' | 'box-blur';

/**
 * When a strategy runs besides always: `located` only when an earlier zxing-cpp pass located a
 * symbol it could not read, so a frame without any code never pays for it; `dim` also for a
 * dim frame, where noise hides the finder patterns from every pass. Without zxing-cpp loaded
 * nothing can locate a symbol, and every strategy runs.
 */
type Gate = 'located' | 'dim';

/** One decode strategy: an engine, its setting, a pre-filter and its gate. */
type StrategySpec = { gated?: Gate; prefilter: Prefilter } & (
  | { engine: 'zxing-cpp'; pass: ZxingCppPass }
  | { engine: 'zxing-js'; binarizer: ZxingJsBinarizer; inverted: boolean }
);

const CPP_DEFAULT: ZxingCppPass = {
  binarizer: 'LocalAverage',
  tryHarder: true,
  tryDownscale: true,
  tryInvert: true,
  tryDenoise: false,
};
/** Single passes for the fallbacks: the default's extra passes already ran on this frame. */
const CPP_SINGLE: ZxingCppPass = {
  ...CPP_DEFAULT,
  tryDownscale: false,
  tryInvert: false,
};

/** Every strategy the decoder knows, by name. */
const STRATEGIES = {
  /** zxing-cpp as its authors tune it: local average, harder, downscaled and inverted too. */
  'zxing-cpp': { engine: 'zxing-cpp', pass: CPP_DEFAULT, prefilter: 'none' },
  /** zxing-cpp with one global threshold: rescues glare and uneven light. */
  'zxing-cpp-global': {
    gated: 'located',
    engine: 'zxing-cpp',
    pass: { ...CPP_SINGLE, binarizer: 'GlobalHistogram' },
    prefilter: 'none',
  },
  /** zxing-cpp with a closing filter: broken thermal print, speckle. */
  'zxing-cpp-denoise': {
    gated: 'located',
    engine: 'zxing-cpp',
    pass: { ...CPP_SINGLE, tryDenoise: true },
    prefilter: 'none',
  },
  'zxing-cpp-stretch': {
    gated: 'located',
    engine: 'zxing-cpp',
    pass: CPP_SINGLE,
    prefilter: 'contrast-stretch',
  },
  /** zxing-cpp on the half frame: sharper finder patterns for large or soft codes. */
  'zxing-cpp-half': {
    gated: 'located',
    engine: 'zxing-cpp',
    pass: CPP_SINGLE,
    prefilter: 'half-scale',
  },
  /**
   * zxing-cpp, plain pass, on the contrast-stretched and blurred frame: dim, noisy frames and
   * screen moiré, where no pass locates a symbol to open the gate.
   */
  'zxing-cpp-blur': {
    gated: 'dim',
    engine: 'zxing-cpp',
    pass: { ...CPP_SINGLE, tryHarder: false },
    prefilter: 'box-blur',
  },
  hybrid: {
    gated: 'located',
    engine: 'zxing-js',
    binarizer: 'hybrid',
    inverted: false,
    prefilter: 'none',
  },
  'half-scale': {
    gated: 'located',
    engine: 'zxing-js',
    binarizer: 'hybrid',
    inverted: false,
    prefilter: 'half-scale',
  },
  'global-histogram': {
    gated: 'located',
    engine: 'zxing-js',
    binarizer: 'global-histogram',
    inverted: false,
    prefilter: 'none',
  },
  'contrast-stretch': {
    gated: 'located',
    engine: 'zxing-js',
    binarizer: 'hybrid',
    inverted: false,
    prefilter: 'contrast-stretch',
  },
  'box-blur': {
    gated: 'located',
    engine: 'zxing-js',
    binarizer: 'hybrid',
    inverted: false,
    prefilter: 'box-blur',
  },
  inverted: {
    gated: 'located',
    engine: 'zxing-js',
    binarizer: 'hybrid',
    inverted: true,
    prefilter: 'none',
  },
} as const satisfies Record<string, StrategySpec>;

/** The decode strategies, by name. */
export type DecodeStrategy = keyof typeof STRATEGIES;

/** Every strategy name, for tools that measure them one by one. */
export const ALL_STRATEGIES = Object.keys(STRATEGIES) as DecodeStrategy[];

/** The default order; every strategy is tried only after the ones before it failed. */
export const DEFAULT_STRATEGIES: readonly DecodeStrategy[] = [
  'zxing-cpp',
  'zxing-cpp-half',
  'zxing-cpp-global',
  'zxing-cpp-blur',
  'zxing-cpp-denoise',
  'hybrid',
  'half-scale',
  'global-histogram',
];

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

/**
 * A frame whose 1st-to-99th percentile spread is below this many grey levels is dim: a good
 * exposure of a code spans 140 or more, a kiosk corner at night well under 100.
 */
const DIM_SPREAD = 120;

function isDim(frame: LuminanceFrame): boolean {
  const { low, high } = percentileRange(frame);
  return high - low < DIM_SPREAD;
}

/** Below 80 pixels a side a half frame is too small to hold a phone QR code. */
const MIN_HALF_SCALE_SIDE = 160;

/**
 * Decodes QR codes in luminance frames. One instance per camera; not re-entrant. Until
 * `load()` has resolved, the zxing-cpp strategies are passed over and zxing-js reads alone.
 */
export class QrFrameDecoder {
  private readonly js = new ZxingJsReader();
  private readonly cpp = new Map<DecodeStrategy, ZxingCppReader>();

  /**
   * @param strategies the order to try; unknown names are refused.
   * @param gate whether gated strategies wait for a located symbol; off only to measure each
   *   strategy alone (bench/qr-strategies.bench.ts).
   */
  constructor(
    private readonly strategies: readonly DecodeStrategy[] = DEFAULT_STRATEGIES,
    private readonly gate = true,
  ) {
    if (strategies.length === 0)
      throw new Error('QrFrameDecoder needs at least one decode strategy');
    const unknown = strategies.filter((s) => !(s in STRATEGIES));
    if (unknown.length > 0) {
      throw new Error(
        `unknown QR decode strategy ${unknown.join(', ')}; known: ${ALL_STRATEGIES.join(', ')}`,
      );
    }
  }

  /** Loads zxing-cpp from node_modules when a strategy needs it; rejects when it cannot. */
  async load(): Promise<void> {
    if (this.loaded) return;
    const module = await loadZxingCpp();
    for (const name of this.strategies) {
      const spec: StrategySpec = STRATEGIES[name];
      if (spec.engine === 'zxing-cpp') this.cpp.set(name, new ZxingCppReader(module, spec.pass));
    }
  }

  /** Whether zxing-cpp is loaded (or not wanted): the decoder runs at full strength. */
  get loaded(): boolean {
    return this.cpp.size > 0 || !this.strategies.some((s) => STRATEGIES[s].engine === 'zxing-cpp');
  }

  /** Returns the first QR code found, or undefined when no strategy finds one. */
  decode(frame: LuminanceFrame): DecodedQr | undefined {
    const filtered = new Map<Prefilter, LuminanceFrame | undefined>([['none', frame]]);
    // Without zxing-cpp nothing can locate a symbol, so zxing-js must try every frame.
    let located = this.cpp.size === 0 || !this.gate;
    let dim: boolean | undefined;
    for (const strategy of this.strategies) {
      const spec: StrategySpec = STRATEGIES[strategy];
      if (spec.gated && !located) {
        if (spec.gated === 'located') continue;
        dim ??= isDim(frame);
        if (!dim) continue;
      }
      const input = prefiltered(frame, spec.prefilter, filtered);
      if (!input) continue;
      if (spec.engine === 'zxing-cpp') {
        const found = this.cpp.get(strategy)?.read(input);
        if (found === 'located') located = true;
        if (!found || found === 'located') continue;
        const judged = found.hasEci
          ? { text: found.text, charset: 'declared' as const }
          : decodePayload(found.bytes);
        return { ...judged, bytes: found.bytes, strategy };
      }
      const text = this.js.read(input, spec.binarizer, spec.inverted);
      if (text !== undefined) return fromLibraryText(text, strategy);
    }
    return undefined;
  }

  /** Frees zxing-cpp's frame buffers. */
  dispose(): void {
    for (const reader of this.cpp.values()) reader.dispose();
    this.cpp.clear();
  }
}

/** The frame through a pre-filter, made once per frame; undefined when it does not apply. */
function prefiltered(
  frame: LuminanceFrame,
  prefilter: Prefilter,
  made: Map<Prefilter, LuminanceFrame | undefined>,
): LuminanceFrame | undefined {
  if (made.has(prefilter)) return made.get(prefilter);
  let out: LuminanceFrame | undefined;
  if (prefilter === 'half-scale') {
    const big = frame.width >= MIN_HALF_SCALE_SIDE && frame.height >= MIN_HALF_SCALE_SIDE;
    out = big ? halfScale(frame) : undefined;
  } else if (prefilter === 'contrast-stretch') out = contrastStretch(frame);
  else if (prefilter === 'box-blur')
    out = boxBlur3(prefiltered(frame, 'contrast-stretch', made) ?? frame);
  else out = frame;
  made.set(prefilter, out);
  return out;
}

/**
 * zxing-js's text, read with Latin-1 as the default charset: when every character is a byte,
 * those are the symbol's bytes and get the same judgement as zxing-cpp's; a character beyond
 * Latin-1 means an ECI or a Kanji/Hanzi segment named the charset, and the text stands.
 */
function fromLibraryText(text: string, strategy: DecodeStrategy): DecodedQr {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit > 0xff) return { text, bytes: undefined, charset: 'declared', strategy };
    bytes[i] = unit;
  }
  return { ...decodePayload(bytes), bytes, strategy };
}
