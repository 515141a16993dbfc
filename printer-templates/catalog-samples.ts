/**
 * Sample data for any catalogue template, so a vendor starts from something that prints.
 * The resident is fictional and every personal field is already masked, as the kiosk's
 * capabilities would hand it over.
 */
import type { CatalogTemplate } from './catalog-entry.ts';
import type { ScalarFieldSpec } from './certificate/template-schema.ts';
import { templateSample } from './certificate/templates.ts';
import { placeholdersIn, templateFields } from './receipt/placeholders.ts';
import type { ReceiptBlock, ReceiptTemplate } from './receipt/schema.ts';

const MASKED_ID = '320106********123X';
const SAMPLE_URL = 'https://sandbox.kiosk24.invalid/verify?code=SAMPLE-0001';

/** Values for field names the built-in templates and the capabilities use. */
const KNOWN: Record<string, string> = {
  name: '李*华',
  idNumber: MASKED_ID,
  passNumber: 'H3201****5678',
  hallName: '鼓楼区政务服务中心',
  serviceName: '社保参保证明',
  ticketNumber: 'A023',
  waitingAhead: '12',
  expectedWaitMinutes: '25',
  printedAt: '2025-06-03 09:41',
  certificateNumber: 'SI-2025-000123',
  kioskId: 'KIOSK-0001',
};

/** Barcode data each symbology accepts, kept short so any module width fits the paper. */
const BARCODE_SAMPLES: Record<string, string> = {
  upcA: '01234567890',
  upcE: '0123456',
  ean13: '690123456789',
  ean8: '6901234',
  code39: 'A023',
  itf: '0023',
  codabar: 'A0023B',
  code93: 'A023',
  code128: 'A023',
};

/** A plausible value from a field's name alone; undefined when the name says nothing. */
function byName(field: string): string | undefined {
  if (field in KNOWN) return KNOWN[field];
  if (/ur[li]$/i.test(field)) return SAMPLE_URL;
  if (/(At|Time)$/.test(field)) return '2025-06-03 09:30';
  if (/Date$/.test(field)) return '2025-06-03';
  if (/(Count|Ahead|Amount)$/.test(field)) return '12';
  return undefined;
}

function uses(text: string, field: string): boolean {
  return placeholdersIn(text).includes(field);
}

function receiptValue(blocks: readonly ReceiptBlock[], field: string): string {
  for (const block of blocks) {
    if (block.type === 'barcode' && uses(block.data, field)) {
      return block.symbology === 'code128' && block.code128Set === 'C'
        ? '0023'
        : (BARCODE_SAMPLES[block.symbology] ?? 'A023');
    }
  }
  const known = byName(field);
  if (known !== undefined) return known;
  // A line that may not wrap is often printed large; a short value fits at any size.
  const unwrapped = blocks.some(
    (b) => b.type === 'text' && b.wrap === false && uses(b.text, field),
  );
  return unwrapped ? 'A1' : `示例${field}`;
}

/** Sample data for a receipt template: one string per placeholder. */
function receiptSample(template: ReceiptTemplate): Record<string, string> {
  return Object.fromEntries(
    templateFields(template).map((field) => [field, receiptValue(template.blocks, field)]),
  );
}

function scalarValue(field: string, spec: ScalarFieldSpec, row: number): unknown {
  switch (spec.type) {
    case 'text':
      return field === 'name' ? '李*华' : (byName(field) ?? `示例${field}`);
    case 'number':
      return 12;
    case 'money':
      return 1234.5;
    case 'date':
      return '2025-06-03';
    case 'yearMonth':
      return `2025-${String(row + 1).padStart(2, '0')}`;
    case 'maskedId':
      return MASKED_ID;
    case 'url':
      return SAMPLE_URL;
  }
}

/** Sample data for a certificate template, from its declared fields; tables get two rows. */
function certificateSampleFromFields(
  fields: Extract<CatalogTemplate, { kind: 'certificate' }>['template']['fields'],
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(fields)) {
    if (spec.type !== 'rows') {
      data[field] = scalarValue(field, spec, 0);
      continue;
    }
    const count = Math.max(spec.minRows ?? 0, 2);
    data[field] = Array.from({ length: count }, (_, row) =>
      Object.fromEntries(
        Object.entries(spec.columns).map(([column, columnSpec]) => [
          column,
          scalarValue(column, columnSpec, row),
        ]),
      ),
    );
  }
  return data;
}

/** A valid data object for a catalogue template. */
export function sampleFor(entry: CatalogTemplate): Record<string, unknown> {
  if (entry.kind === 'receipt') return receiptSample(entry.template);
  // Built-in certificates have hand-written samples that read like a real statement.
  if (entry.builtIn) return templateSample(entry.name);
  return certificateSampleFromFields(entry.template.fields);
}
