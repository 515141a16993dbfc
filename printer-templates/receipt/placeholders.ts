/**
 * The `{{field}}` placeholders of receipt templates: which fields a template uses and how they
 * are filled. Kept apart from render.ts so that listing and checking templates (the catalogue,
 * `kiosk24 flow check`) does not load the ESC/POS encoder with its fonts and code pages.
 */
import type { ReceiptBlock, ReceiptTemplate } from './schema.ts';

/** Values a template's placeholders are filled from. */
export type ReceiptData = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Every string of a block that may hold placeholders, with its key for error messages. */
export function blockStrings(block: ReceiptBlock): [string, string][] {
  switch (block.type) {
    case 'text':
      return [['text', block.text]];
    case 'row':
      return [
        ['label', block.label],
        ['value', block.value],
      ];
    case 'qr':
    case 'barcode':
      return [['data', block.data]];
    default:
      return [];
  }
}

/** The placeholder names a template uses, in order of first use. */
export function templateFields(template: ReceiptTemplate): string[] {
  const names = new Set<string>();
  for (const block of template.blocks) {
    for (const [, text] of blockStrings(block)) {
      for (const name of placeholdersIn(text)) names.add(name);
    }
  }
  return [...names];
}

/** The field names of the `{{field}}` placeholders in `text`, in order. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/** `text` with each placeholder replaced by its field's value (empty when absent). */
export function fillPlaceholders(text: string, data: ReceiptData): string {
  return text.replace(PLACEHOLDER, (_, field: string) => String(data[field] ?? ''));
}
