import bwipjs from 'bwip-js';
import { drawText, type GlyphSource } from './glyphs.ts';
import { readCode128 } from './paper-blocks.ts';
import { MonoBitmap } from './raster.ts';

/**
 * Turns the data of a `GS k` command into the bar pattern the printer would print, or into
 * the reason it would print nothing. The bar widths come from bwip-js; the rules for what a
 * printer accepts (spec §5) and how it reads the data (Code 128 selectors, UPC-E forms) are
 * ours, because bwip-js takes its own input syntax.
 */

/** A printable 1-D symbol: alternating bar and space widths in modules, a bar first. */
export interface BarPattern {
  /** The symbology's usual name, e.g. `EAN-13`. */
  symbology: string;
  widths: number[];
  /** True when widths are only narrow and wide (Code 39, ITF, Codabar), so GS w's ratio applies. */
  twoWidth: boolean;
  /** The human-readable interpretation the printer prints per GS H. */
  hri: string;
}

/** What the printer makes of one barcode command: bars to print, or why it prints nothing. */
export type BarcodeReading = { printed: BarPattern } | { skipped: string; symbology: string };

interface Symbology {
  name: string;
  /** The printer's data rule; data that fail it are skipped. */
  accepts: (data: string) => boolean;
  rule: string;
  /** Builds the bars; throws (bwip-js does) when the data pass the rule but cannot be encoded. */
  bars: (data: string) => { widths: number[]; twoWidth: boolean; hri: string };
}

/** Control characters have no HRI glyph; printers leave a blank cell. */
const printable = (data: string): string =>
  [...data].map((char) => (char < ' ' || char === '\x7f' ? ' ' : char)).join('');

const DIGITS = (min: number, max: number) => (data: string) =>
  data.length >= min && data.length <= max && /^\d+$/.test(data);

const CODE39 = /^(\*[0-9A-Z $%+\-./]+\*|[0-9A-Z $%+\-./]+)$/;
const CODABAR = /^[A-Da-d][0-9$+\-./:]+[A-Da-d]$/;
/** GS1 character set 82 plus the parentheses and spaces that only shape the HRI (unverified). */
const GS1_TEXT = /^([!"%&'()*+,\-./0-9:;<=>?A-Z_a-z ]|\{1)+$/;

/**
 * Bars from bwip-js. Without an `hri`, the HRI is the text bwip-js would print: for EAN/UPC
 * that includes the check digit the printer computes, as the printer's HRI does.
 */
function bwip(
  bcid: string,
  text: string,
  options: string,
  hri?: string,
  twoWidth = false,
): { widths: number[]; twoWidth: boolean; hri: string } {
  const [symbol] = bwipjs.raw(bcid, text, options);
  if (!symbol || !('sbs' in symbol)) throw new Error(`bwip-js drew no linear symbol for ${bcid}`);
  const printed = (symbol as { txt?: [string][] }).txt?.map((part) => part[0]).join('') ?? '';
  return { widths: symbol.sbs, twoWidth, hri: hri ?? printed };
}

/**
 * UPC-E as printers take it: 6 digits (number system 0 assumed), 7-8 digits (number system
 * first, check last), or 11-12 digits of a UPC-A number that zero-suppresses to UPC-E.
 */
function upceText(data: string): string {
  if (data.length === 6) return `0${data}`;
  if (data.length <= 8) return data;
  const [ns, m1, m2, m3, m4, m5, p1, p2, p3, p4, p5] = [...data];
  const check = data.slice(11);
  const m = `${m1}${m2}`;
  let short: string | undefined;
  if ('012'.includes(m3!) && m4 === '0' && m5 === '0' && p1 === '0' && p2 === '0') {
    short = `${m}${p3}${p4}${p5}${m3}`;
  } else if (m4 === '0' && m5 === '0' && `${p1}${p2}${p3}` === '000') {
    short = `${m}${m3}${p4}${p5}3`;
  } else if (m5 === '0' && `${p1}${p2}${p3}${p4}` === '0000') {
    short = `${m}${m3}${m4}${p5}4`;
  } else if (`${p1}${p2}${p3}${p4}` === '0000' && Number(p5) >= 5) {
    short = `${m}${m3}${m4}${m5}${p5}`;
  }
  if (!short) throw new Error(`UPC-A number ${data} cannot be zero-suppressed to UPC-E`);
  return `${ns}${short}${check}`;
}

const SYMBOLOGIES: Record<number, Symbology> = {
  65: {
    name: 'UPC-A',
    accepts: DIGITS(11, 12),
    rule: '11 or 12 digits',
    bars: (data) => bwip('upca', data, 'includetext'),
  },
  66: {
    name: 'UPC-E',
    accepts: (data) => DIGITS(6, 8)(data) || DIGITS(11, 12)(data),
    rule: '6-8 or 11-12 digits',
    bars: (data) => bwip('upce', upceText(data), 'includetext'),
  },
  67: {
    name: 'EAN-13',
    accepts: DIGITS(12, 13),
    rule: '12 or 13 digits',
    bars: (data) => bwip('ean13', data, 'includetext'),
  },
  68: {
    name: 'EAN-8',
    accepts: DIGITS(7, 8),
    rule: '7 or 8 digits',
    bars: (data) => bwip('ean8', data, 'includetext'),
  },
  69: {
    name: 'Code 39',
    accepts: (data) => CODE39.test(data),
    rule: 'digits, capitals, space and $ % + - . / (optionally wrapped in *)',
    bars: (data) => {
      const bare = data.replace(/^\*(.*)\*$/, '$1');
      return bwip('code39', bare, '', `*${bare}*`, true);
    },
  },
  70: {
    name: 'ITF',
    accepts: (data) => /^(\d\d)+$/.test(data),
    rule: 'an even number of digits',
    bars: (data) => bwip('interleaved2of5', data, '', data, true),
  },
  71: {
    name: 'Codabar',
    accepts: (data) => CODABAR.test(data),
    rule: 'start/stop A-D around digits and $ + - . / :',
    bars: (data) => bwip('rationalizedCodabar', data.toUpperCase(), '', data, true),
  },
  72: {
    name: 'Code 93',
    accepts: (data) => data.length > 0 && [...data].every((char) => char.charCodeAt(0) < 0x80),
    rule: 'ASCII 00-7F',
    // The printer always adds Code 93's two check characters; readers require them.
    bars: (data) => bwip('code93ext', data, 'includecheck', printable(data)),
  },
  74: {
    name: 'GS1-128',
    accepts: (data) => GS1_TEXT.test(data),
    rule: 'GS1 characters, with ( ) around AIs for the HRI and {1 as FNC1 separator',
    bars: (data) => {
      const encoded = data.replace(/[() ]/g, '').replaceAll('{1', '^FNC1');
      return bwip('code128', `^FNC1${encoded}`, 'parsefnc', data.replaceAll('{1', ''));
    },
  },
};

/** Function-A `m` (0-6) as its function-B number; function B's own numbers pass through. */
export function functionBNumber(m: number): number {
  return m <= 6 ? m + 65 : m;
}

/** Reads a `GS k` command's symbology number and data the way the printer would. */
export function readBarcode(m: number, data: Uint8Array): BarcodeReading {
  const number = functionBNumber(m);
  if (number === 73) {
    const code128 = readCode128(data);
    if ('skipped' in code128) return { skipped: code128.skipped, symbology: 'Code 128' };
    const text = code128.codewords.map((value) => `^${String(value).padStart(3, '0')}`).join('');
    return { printed: { symbology: 'Code 128', ...bwip('code128', text, 'raw', code128.text) } };
  }
  const symbology = SYMBOLOGIES[number];
  if (!symbology) {
    return { skipped: `symbology m=${m} is not simulated`, symbology: `m=${m}` };
  }
  const text = String.fromCharCode(...data);
  if (!symbology.accepts(text)) {
    return {
      skipped: `data ${JSON.stringify(text)} break its rule: ${symbology.rule}`,
      symbology: symbology.name,
    };
  }
  try {
    return { printed: { symbology: symbology.name, ...symbology.bars(text) } };
  } catch (error) {
    // bwip-js messages look like "bwipp.ean13badCheckDigit#6915: Incorrect ..."; keep the sentence.
    const message = error instanceof Error ? error.message.replace(/^bwipp\.\w+#\d+: /, '') : '';
    return { skipped: message || String(error), symbology: symbology.name };
  }
}

/** How the printer is set to draw barcodes: GS w, GS h, GS H and GS f. */
export interface BarcodeSettings {
  /** GS w: dots per narrow module, 2-6. */
  moduleWidth: number;
  /** GS h: bar height in dots. */
  height: number;
  /** GS H: bit 0 HRI above, bit 1 below. */
  hri: number;
  /** GS f: HRI in font B (9x17) rather than font A (12x24). */
  hriFontB: boolean;
}

/**
 * Wide-bar dots per GS w value for two-width symbologies, after Epson's table (a ratio of about
 * 2.5:1; unverified for Chinese clones, so other values fall back to that ratio).
 */
const WIDE_DOTS: Record<number, number> = { 2: 5, 3: 8, 4: 10, 5: 13, 6: 15 };

/** The pattern's bar and space widths in printer dots. */
export function dotWidths(pattern: BarPattern, moduleWidth: number): number[] {
  if (!pattern.twoWidth) return pattern.widths.map((modules) => modules * moduleWidth);
  const wide = WIDE_DOTS[moduleWidth] ?? Math.round(moduleWidth * 2.5);
  return pattern.widths.map((modules) => (modules > 1 ? wide : moduleWidth));
}

const HRI_GAP = 4;

/** Draws the bars with the HRI above and/or below, centred on each other; no quiet zone. */
export function drawBarcode(
  pattern: BarPattern,
  settings: BarcodeSettings,
  glyphs: GlyphSource,
): MonoBitmap {
  const widths = dotWidths(pattern, settings.moduleWidth);
  const barsWidth = widths.reduce((sum, w) => sum + w, 0);
  const cells = settings.hriFontB
    ? { narrowWidth: 9, wideWidth: 18, height: 17 }
    : { narrowWidth: 12, wideWidth: 24, height: 24 };
  const above = (settings.hri & 1) !== 0;
  const below = (settings.hri & 2) !== 0;
  const hriWidth = above || below ? pattern.hri.length * cells.narrowWidth : 0;
  const hriBand = cells.height + HRI_GAP;
  const width = Math.max(barsWidth, hriWidth, 1);
  const top = above ? hriBand : 0;
  const block = new MonoBitmap(width, top + settings.height + (below ? hriBand : 0));
  let x = Math.floor((width - barsWidth) / 2);
  widths.forEach((dots, i) => {
    if (i % 2 === 0) block.fill(x, top, dots, settings.height);
    x += dots;
  });
  const hriX = Math.floor((width - hriWidth) / 2);
  if (above) drawText(block, glyphs, pattern.hri, hriX, 0, cells);
  if (below) drawText(block, glyphs, pattern.hri, hriX, top + settings.height + HRI_GAP, cells);
  return block;
}
