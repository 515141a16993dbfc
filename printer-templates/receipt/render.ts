import { ReceiptEncoder } from '../../drivers/receipt-printer/encoder.ts';
import type { GlyphSource } from '../../drivers/receipt-printer/glyphs.ts';
import type { ReceiptPrinterProfile } from '../../drivers/receipt-printer/profile.ts';
import {
  blockStrings,
  fillPlaceholders,
  placeholdersIn,
  templateFields,
  type ReceiptData,
} from './placeholders.ts';
import type { ReceiptBlock, ReceiptTemplate } from './schema.ts';
import { containsUnmaskedIdNumber } from '../unmasked-id.ts';
import {
  isUnmaskedIdNumber,
  isUnmaskedPassNumber,
} from '../../drivers/id-card/id-number-format.ts';

/** Why data were refused; callers branch on this. */
export type ReceiptDataReason = 'missingField' | 'unmaskedPersonalData';

/** Data that do not fit the template; nothing was encoded. */
export class ReceiptDataError extends Error {
  override readonly name = 'ReceiptDataError';
  constructor(
    message: string,
    readonly reason: ReceiptDataReason,
    /** The placeholder name at fault. */
    readonly field: string,
  ) {
    super(message);
  }
}

/** Field names that carry an ID or pass number and must arrive masked. */
const ID_FIELDS = new Set(['idNumber', 'passNumber']);
/** Checks the data against the template before any byte is encoded. */
function checkData(template: ReceiptTemplate, data: ReceiptData): void {
  template.blocks.forEach((block, index) => {
    for (const [key, text] of blockStrings(block)) {
      for (const field of placeholdersIn(text)) {
        if (!(field in data)) {
          throw new ReceiptDataError(
            `receipt template ${template.id} needs field "${field}" (blocks.${index}.${key}) and the data have none; supply it`,
            'missingField',
            field,
          );
        }
      }
    }
  });
  // The capability masks personal data; this is the second lock in case it did not. ID fields
  // are refused on shape alone; a printed field when it holds a real ID number anywhere.
  for (const field of new Set([...ID_FIELDS, ...templateFields(template)])) {
    const value = data[field];
    if (value === undefined) continue;
    const text = String(value);
    const unmasked = ID_FIELDS.has(field)
      ? isUnmaskedIdNumber(text) || isUnmaskedPassNumber(text) || containsUnmaskedIdNumber(text)
      : containsUnmaskedIdNumber(text);
    if (unmasked) {
      throw new ReceiptDataError(
        `field "${field}" holds an unmasked ID number; mask it (maskIdNumber) before printing`,
        'unmaskedPersonalData',
        field,
      );
    }
  }
}

/**
 * Fills a receipt template and encodes it for a printer profile. Missing fields and
 * unmasked ID numbers are refused before encoding, so nothing is half-printed.
 */
export function renderReceipt(
  template: ReceiptTemplate,
  data: ReceiptData,
  profile: ReceiptPrinterProfile,
  options: { glyphs?: GlyphSource } = {},
): Uint8Array {
  checkData(template, data);
  const encoder = new ReceiptEncoder(profile, options).init();
  for (const block of template.blocks) {
    renderBlock(encoder, block, data);
    // Blocks do not leak style into each other; each starts from the printer defaults.
    encoder.align('left');
    if (block.type === 'text' || block.type === 'row') encoder.bold(false);
    if (block.type === 'text' && block.size) encoder.size(1, 1);
    if (block.type === 'text' && block.underline) encoder.underline(0);
    if (block.type === 'text' && block.font === 'B') encoder.setFont('A');
  }
  return encoder.encode();
}

function renderBlock(encoder: ReceiptEncoder, block: ReceiptBlock, data: ReceiptData): void {
  switch (block.type) {
    case 'text': {
      encoder.align(block.align ?? 'left');
      if (block.bold) encoder.bold(true);
      if (block.underline) encoder.underline(1);
      if (block.font) encoder.setFont(block.font);
      if (block.size) encoder.size(block.size[0], block.size[1]);
      const text = fillPlaceholders(block.text, data);
      if (block.wrap === false) encoder.line(text);
      else encoder.wrapped(text);
      return;
    }
    case 'row':
      if (block.bold) encoder.bold(true);
      encoder.row(
        fillPlaceholders(block.label, data),
        fillPlaceholders(block.value, data),
        block.fill ?? ' ',
      );
      return;
    case 'rule':
      encoder.rule(block.char ?? '-');
      return;
    case 'qr':
      encoder.align(block.align ?? 'center');
      encoder.qr(fillPlaceholders(block.data, data), {
        moduleSize: block.moduleSize,
        errorCorrection: block.errorCorrection,
      });
      return;
    case 'barcode':
      encoder.align(block.align ?? 'center');
      encoder.barcode(block.symbology, fillPlaceholders(block.data, data), {
        code128Set: block.code128Set,
        height: block.height,
        hri: block.hri,
      });
      return;
    case 'feed':
      encoder.feed(block.lines);
      return;
    case 'cut':
      encoder.cut({ partial: block.partial ?? true, feed: 3 });
      return;
  }
}
