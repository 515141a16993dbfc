/**
 * What `kiosk24 print` writes: files that appear whole or not at all, and PNG pictures of
 * receipts drawn by the receipt simulator's own paper renderer.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EscPosTokenizer } from '../../../drivers/receipt-printer/escpos-tokens.ts';
import {
  boxGlyphs,
  loadGlyphFont,
  type GlyphSource,
} from '../../../drivers/receipt-printer/glyphs.ts';
import type { ReceiptPrinterProfile } from '../../../drivers/receipt-printer/profile.ts';
import { ReceiptPaper } from '../../../drivers/receipt-printer/receipt-paper.ts';

/** Command-line input a person must fix (a missing option, an unreadable file); exit code 2 or 1. */
export class PrintUsageError extends Error {
  override readonly name = 'PrintUsageError';
  constructor(
    message: string,
    /** The process exit code: 2 for a wrong command line, 1 for a bad input file. */
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}

/**
 * Writes every file or none: each goes to a temporary name beside its target first and is
 * renamed only once all of them are written, so a failure never leaves a partial output.
 */
export function writeOutputs(files: readonly { path: string; bytes: Uint8Array }[]): void {
  const staged: { temp: string; path: string }[] = [];
  try {
    for (const { path, bytes } of files) {
      const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
      staged.push({ temp, path });
      writeFileSync(temp, bytes, { flag: 'wx' });
    }
    for (const { temp, path } of staged) renameSync(temp, path);
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw new PrintUsageError(`cannot write the output: ${(error as Error).message}`, 1);
  }
}

/**
 * Draws receipt bytes as the simulator would print them: one paper-wide strip with every
 * job on it (cuts only end a strip on the real printer, so they draw nothing here).
 */
export function receiptPng(bytes: Uint8Array, widthDots: number): Buffer {
  const paper = new ReceiptPaper(widthDots, loadGlyphFont() ?? boxGlyphs);
  for (const token of new EscPosTokenizer().push(bytes)) {
    const realtime = token.type === 'command' && token.name.startsWith('DLE ');
    if (realtime || (token.type === 'command' && token.name === 'GS V')) continue;
    paper.apply(token);
  }
  paper.flushLine();
  return paper.png();
}

/** Glyphs for CJK text on a profile without a Chinese font (drawn as raster); none otherwise. */
export function receiptGlyphs(profile: ReceiptPrinterProfile): { glyphs?: GlyphSource } {
  const glyphs = profile.chinese ? undefined : loadGlyphFont();
  return glyphs ? { glyphs } : {};
}

/** Writes receipt bytes to `out` and, when `png` is given, their picture beside it (all or none). */
export function writeReceipt(
  out: string,
  png: string | undefined,
  bytes: Uint8Array,
  profile: ReceiptPrinterProfile,
): void {
  const files = [{ path: out, bytes }];
  if (png !== undefined) files.push({ path: png, bytes: receiptPng(bytes, profile.dotsPerLine) });
  writeOutputs(files);
}

/** Today's date in China, YYYY-MM-DD, as printed on test pages. */
export function chinaDate(now = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}
