/**
 * Receipt job size and encode time: ESC/POS text commands (the printer draws the glyphs)
 * beside the same receipt sent as one full raster image (GS v 0), as a ratio in one run.
 * Run with `npx tsx bench/receipt.bench.ts`.
 */
import { performance } from 'node:perf_hooks';
import { concatBytes } from '../drivers/receipt-printer/commands.ts';
import { EscPosTokenizer } from '../drivers/receipt-printer/escpos-tokens.ts';
import { boxGlyphs, loadGlyphFont } from '../drivers/receipt-printer/glyphs.ts';
import { loadProfile } from '../drivers/receipt-printer/profile.ts';
import { encodeRaster } from '../drivers/receipt-printer/raster.ts';
import { ReceiptPaper } from '../drivers/receipt-printer/receipt-paper.ts';
import { renderReceipt } from '../printer-templates/receipt/render.ts';
import { loadReceiptTemplate } from '../printer-templates/receipt/schema.ts';

const ROUNDS = 200;
const BAUD = 115_200;
const profile = loadProfile('generic-80mm-203dpi');
const template = loadReceiptTemplate('si-certificate-receipt');
const glyphs = loadGlyphFont() ?? boxGlyphs;
const data = {
  serviceName: '社保参保证明',
  name: '张*丰',
  idNumber: '110105********002X',
  certificateNumber: 'SI-2024-000123',
  printedAt: '2024-05-06 14:30',
  kioskId: 'KIOSK-0012',
  verifyUrl: 'https://si.example.gov.cn/verify?c=SI-2024-000123',
};

function escpos(): Uint8Array {
  return renderReceipt(template, data, profile);
}

/** The raster path: draw the whole receipt host-side, then send it as GS v 0 bands. */
function raster(): Uint8Array {
  const paper = new ReceiptPaper(profile.dotsPerLine, glyphs);
  for (const token of new EscPosTokenizer().push(escpos())) paper.apply(token);
  paper.flushLine();
  const image = paper.bitmap();
  const cut = Uint8Array.of(0x1d, 0x56, 0x42, 0x03);
  return concatBytes([
    Uint8Array.of(0x1b, 0x40),
    ...encodeRaster(image, profile.dotsPerLine, profile.rasterBandRows),
    cut,
  ]);
}

function measure(run: () => Uint8Array): { bytes: number; msPerReceipt: number } {
  const bytes = run().length;
  for (let i = 0; i < 5; i++) run();
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) run();
  return { bytes, msPerReceipt: (performance.now() - start) / ROUNDS };
}

const text = measure(escpos);
const image = measure(raster);
const wire = (bytes: number): string => `${((bytes * 10) / BAUD).toFixed(3)} s`;
const rows = [
  ['path', 'bytes/receipt', 'encode ms/receipt', `wire time @${BAUD} 8N1`],
  ['ESC/POS commands', String(text.bytes), text.msPerReceipt.toFixed(3), wire(text.bytes)],
  ['full raster GS v 0', String(image.bytes), image.msPerReceipt.toFixed(3), wire(image.bytes)],
  [
    'raster / ESC/POS',
    `${(image.bytes / text.bytes).toFixed(1)}x`,
    `${(image.msPerReceipt / text.msPerReceipt).toFixed(1)}x`,
    `${(image.bytes / text.bytes).toFixed(1)}x`,
  ],
];
console.log(
  `receipt: ${template.id} on ${profile.id}, ${ROUNDS} rounds, glyphs: ${glyphs === boxGlyphs ? 'boxes' : 'outline font'}`,
);
for (const row of rows)
  console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(20) : cell.padStart(24))).join(''));
