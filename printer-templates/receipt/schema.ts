import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { assetPath } from '../../assets.ts';

/**
 * The declarative receipt template format: a list of blocks whose strings may hold
 * `{{field}}` placeholders, filled from the data at print time. Vendors write these as JSON.
 */

const align = z.enum(['left', 'center', 'right']);
const multiplier = z.number().int().min(1).max(8);

const textBlock = z
  .object({
    type: z.literal('text'),
    text: z.string(),
    align: align.optional(),
    bold: z.boolean().optional(),
    underline: z.boolean().optional(),
    font: z.enum(['A', 'B']).optional(),
    /** Width and height multipliers, e.g. `[2, 2]`. */
    size: z.tuple([multiplier, multiplier]).optional(),
    /** Wrap at the line width (default); false makes an over-long line an error. */
    wrap: z.boolean().optional(),
  })
  .strict();

const rowBlock = z
  .object({
    type: z.literal('row'),
    label: z.string(),
    value: z.string(),
    fill: z.string().length(1).optional(),
    bold: z.boolean().optional(),
  })
  .strict();

const ruleBlock = z
  .object({ type: z.literal('rule'), char: z.string().length(1).optional() })
  .strict();

const qrBlock = z
  .object({
    type: z.literal('qr'),
    data: z.string().min(1),
    moduleSize: z.number().int().min(1).max(16).optional(),
    errorCorrection: z.enum(['L', 'M', 'Q', 'H']).optional(),
    align: align.optional(),
  })
  .strict();

const barcodeBlock = z
  .object({
    type: z.literal('barcode'),
    symbology: z.enum([
      'upcA',
      'upcE',
      'ean13',
      'ean8',
      'code39',
      'itf',
      'codabar',
      'code93',
      'code128',
    ]),
    data: z.string().min(1),
    code128Set: z.enum(['A', 'B', 'C']).optional(),
    height: z.number().int().min(1).max(255).optional(),
    hri: z.enum(['none', 'above', 'below', 'both']).optional(),
    align: align.optional(),
  })
  .strict();

const feedBlock = z
  .object({ type: z.literal('feed'), lines: z.number().int().min(1).max(20) })
  .strict();
const cutBlock = z.object({ type: z.literal('cut'), partial: z.boolean().optional() }).strict();

const blockSchema = z.discriminatedUnion('type', [
  textBlock,
  rowBlock,
  ruleBlock,
  qrBlock,
  barcodeBlock,
  feedBlock,
  cutBlock,
]);

const templateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and dashes'),
    description: z.string().min(1),
    blocks: z.array(blockSchema).min(1),
  })
  .strict();

/** One block of a receipt template. */
export type ReceiptBlock = z.infer<typeof blockSchema>;
/** A validated receipt template. */
export type ReceiptTemplate = z.infer<typeof templateSchema>;

/** A template file that is unreadable or invalid; names the file and the key path. */
export class ReceiptTemplateError extends Error {
  override readonly name = 'ReceiptTemplateError';
  constructor(
    message: string,
    readonly source: string,
    readonly key: string,
  ) {
    super(message);
  }
}

/** Validates parsed template JSON; `source` names the file in errors. */
export function parseReceiptTemplate(json: unknown, source: string): ReceiptTemplate {
  const result = templateSchema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue?.path.map(String).join('.') ?? '';
  throw new ReceiptTemplateError(
    `receipt template ${source}: "${key || '(root)'}" is invalid: ${issue?.message ?? 'unknown problem'}`,
    source,
    key,
  );
}

/** Loads a bundled template by id, e.g. `queue-ticket`. */
export function loadReceiptTemplate(id: string): ReceiptTemplate {
  if (!/^[a-z0-9-]+$/.test(id)) {
    throw new ReceiptTemplateError(
      `receipt template id ${JSON.stringify(id)} is not a template name`,
      id,
      '',
    );
  }
  const file = assetPath('receiptTemplates', `${id}.json`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ReceiptTemplateError(
      `receipt template ${id}.json cannot be loaded: ${(error as Error).message}`,
      `${id}.json`,
      '',
    );
  }
  const template = parseReceiptTemplate(json, `${id}.json`);
  if (template.id !== id) {
    throw new ReceiptTemplateError(
      `receipt template ${id}.json declares id "${template.id}"`,
      `${id}.json`,
      'id',
    );
  }
  return template;
}
