/**
 * The page description the layout produces and the PDF writer consumes: plain data, so page
 * breaks, wrapping and positions can be tested without a PDF and the writer stays trivial.
 * Coordinates are PDF points from the bottom-left corner of an A4 page.
 */

/** An RGB colour, components 0..1. */
export type Rgb = readonly [number, number, number];

/** One drawing instruction. Text `y` is the baseline. */
export type DrawOp =
  | {
      kind: 'text';
      x: number;
      y: number;
      size: number;
      text: string;
      color: Rgb;
      rotate?: number;
      opacity?: number;
    }
  | {
      kind: 'rect';
      x: number;
      y: number;
      width: number;
      height: number;
      fill?: Rgb;
      stroke?: Rgb;
      lineWidth?: number;
    }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; color: Rgb; lineWidth: number }
  | {
      kind: 'circle';
      x: number;
      y: number;
      radius: number;
      stroke: Rgb;
      lineWidth: number;
      opacity: number;
    }
  | { kind: 'sealImage'; x: number; y: number; size: number };

/** Measures text in the font that will draw it. */
export interface TextMeasure {
  widthOf(text: string, size: number): number;
}

/** A4 portrait in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** Page geometry shared by the flow, the closing block and the footer. */
export const PAGE = {
  left: 56,
  right: A4.width - 56,
  top: A4.height - 60,
  /** Baseline of the page-number line. */
  pageNumberBaseline: 32,
} as const;

/** Colours used on certificates. */
export const INK: Record<'black' | 'gray' | 'lightFill' | 'border' | 'seal', Rgb> = {
  black: [0, 0, 0],
  gray: [0.35, 0.35, 0.35],
  lightFill: [0.92, 0.92, 0.92],
  border: [0.25, 0.25, 0.25],
  seal: [0.85, 0.05, 0.05],
};

/** Baseline for text of `size` centred in a line box of `leading` whose top is `top`. */
export function baselineIn(top: number, leading: number, size: number): number {
  // 0.37 em is about half the height of a CJK ideograph above the baseline in this font.
  return top - leading / 2 - 0.37 * size;
}

const CLOSING_PUNCTUATION = new Set([...'，。、；：？！）》」』】,.;:?!)%']);
const LATIN_RUN = /[A-Za-z0-9@#$&*+=/\\._~:%?,;'"()[\]-]+|\s+|./gsu;

/**
 * Breaks `text` into lines no wider than `width`: CJK may break between any two characters,
 * Latin words and numbers stay whole unless longer than a line, and closing punctuation never
 * starts a line (it hangs past the edge instead, as Chinese typesetting does).
 */
export function wrapText(
  text: string,
  width: number,
  size: number,
  measure: TextMeasure,
  firstIndent = 0,
): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let available = width - (lines.length === 0 ? firstIndent : 0);
    const push = (): void => {
      lines.push(line.trimEnd());
      line = '';
      available = width;
    };
    for (const token of paragraph.match(LATIN_RUN) ?? []) {
      if (measure.widthOf(line + token, size) <= available || CLOSING_PUNCTUATION.has(token)) {
        line += token;
        continue;
      }
      if (/^\s+$/.test(token)) {
        push();
        continue;
      }
      if (line.length > 0) push();
      if (measure.widthOf(token, size) <= available) {
        line = token;
        continue;
      }
      for (const char of token) {
        if (line.length > 0 && measure.widthOf(line + char, size) > available) push();
        line += char;
      }
    }
    push();
  }
  return lines;
}
