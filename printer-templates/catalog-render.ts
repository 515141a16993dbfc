/**
 * Renders a catalogue template and, when the data do not fit, names the template field at
 * fault. The receipt encoder reports the text it refused; this maps that text back to the
 * field it came from, so a vendor reads "field ticketNumber is too long", not a byte dump.
 */
import { checkText } from '../drivers/receipt-printer/commands.ts';
import { ReceiptEncodingError } from '../drivers/receipt-printer/errors.ts';
import type { GlyphSource } from '../drivers/receipt-printer/glyphs.ts';
import type { ReceiptPrinterProfile } from '../drivers/receipt-printer/profile.ts';
import type { CatalogTemplate } from './catalog-entry.ts';
import { CertificateDataError } from './certificate/errors.ts';
import { renderCertificate } from './certificate/render.ts';
import {
  blockStrings,
  fillPlaceholders,
  placeholdersIn,
  templateFields,
} from './receipt/placeholders.ts';
import { ReceiptDataError, renderReceipt } from './receipt/render.ts';
import { containsUnmaskedIdNumber } from './unmasked-id.ts';

/** Why data were refused; callers branch on this, never on the message. */
export type TemplateDataReason =
  | 'missing'
  | 'wrongType'
  /** A character the printer or font cannot print (outside GB18030, control bytes, no glyph). */
  | 'unprintable'
  /** A line that may not wrap, or a QR code, is wider than the paper. */
  | 'tooLong'
  /** Barcode or QR data the symbology does not take. */
  | 'invalidCode'
  | 'unmaskedIdNumber';

/** Data that do not fit a template; nothing was rendered. `field` names the template field. */
export class TemplateDataError extends Error {
  override readonly name = 'TemplateDataError';
  /**
   * Always true: the data were refused, no device failed. Flows branch on this flag (as on
   * `paperOut`), so a data error is never shown to a resident as a printer fault.
   */
  readonly rejected = true;
  constructor(
    readonly template: string,
    /** The data key at fault (`payments[2].base` for a table cell). */
    readonly field: string,
    readonly reason: TemplateDataReason,
    problem: string,
  ) {
    super(`template "${template}": field "${field}": ${problem}`);
  }
}

type Receipt = Extract<CatalogTemplate, { kind: 'receipt' }>;
type Certificate = Extract<CatalogTemplate, { kind: 'certificate' }>;

/** Which fields made the refused text: those of the first block string that produced it. */
function blame(entry: Receipt, data: Record<string, string | number>, refused: string): string[] {
  for (const block of entry.template.blocks) {
    for (const [, text] of blockStrings(block)) {
      const filled = fillPlaceholders(text, data);
      if (filled === refused || filled.includes(refused) || refused.includes(filled)) {
        const fields = placeholdersIn(text);
        if (fields.length > 0) return fields;
      }
    }
  }
  return [];
}

const REASONS: Partial<Record<ReceiptEncodingError['reason'], TemplateDataReason>> = {
  lineTooLong: 'tooLong',
  invalidBarcode: 'invalidCode',
  invalidQr: 'invalidCode',
  unencodable: 'unprintable',
  controlCharacter: 'unprintable',
};

/** Checks each field on its own first, so the error can name it before any byte exists. */
function checkReceiptData(entry: Receipt, data: unknown, profile: ReceiptPrinterProfile): void {
  const refuse = (field: string, reason: TemplateDataReason, problem: string): never => {
    throw new TemplateDataError(entry.name, field, reason, problem);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    refuse('(data)', 'wrongType', 'expected a JSON object with one key per template field');
  }
  const record = data as Record<string, unknown>;
  for (const field of templateFields(entry.template)) {
    const value = record[field];
    if (value === undefined || value === null) {
      refuse(field, 'missing', 'is required and missing; add it to the data');
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      refuse(field, 'wrongType', `must be a string or a number, got ${typeof value}`);
    }
    const text = String(value);
    if (containsUnmaskedIdNumber(text)) {
      refuse(field, 'unmaskedIdNumber', 'holds an unmasked ID number; mask it (maskIdNumber)');
    }
    try {
      checkText(text, profile.cjkCharset);
    } catch (error) {
      if (!(error instanceof ReceiptEncodingError)) throw error;
      refuse(field, 'unprintable', error.message);
    }
  }
}

/** Renders a receipt template for `profile`; throws TemplateDataError naming the field. */
export function renderCatalogReceipt(
  entry: Receipt,
  data: unknown,
  profile: ReceiptPrinterProfile,
  options: { glyphs?: GlyphSource } = {},
): Uint8Array {
  checkReceiptData(entry, data, profile);
  const record = data as Record<string, string | number>;
  try {
    return renderReceipt(entry.template, record, profile, options);
  } catch (error) {
    if (error instanceof ReceiptDataError) {
      const reason = error.reason === 'missingField' ? 'missing' : 'unmaskedIdNumber';
      throw new TemplateDataError(entry.name, error.field, reason, error.message);
    }
    if (error instanceof ReceiptEncodingError) {
      const fields = blame(entry, record, error.text);
      const field = fields.join(', ') || '(template text)';
      throw new TemplateDataError(
        entry.name,
        field,
        REASONS[error.reason] ?? 'wrongType',
        error.message,
      );
    }
    throw error;
  }
}

/** Renders a certificate template to PDF; throws TemplateDataError naming the field. */
export async function renderCatalogCertificate(
  entry: Certificate,
  data: unknown,
): Promise<Uint8Array> {
  try {
    return await renderCertificate(entry.builtIn ? entry.name : entry.template, data);
  } catch (error) {
    if (!(error instanceof CertificateDataError)) throw error;
    const reason: TemplateDataReason = error.missing
      ? 'missing'
      : error.unmaskedIdNumber
        ? 'unmaskedIdNumber'
        : error.glyphMissing
          ? 'unprintable'
          : 'wrongType';
    throw new TemplateDataError(entry.name, error.field, reason, error.message);
  }
}
