/**
 * What one catalogue entry is: a template's name, kind, source and fields, and the validated
 * template itself. Kept apart from the catalogue so the sample-data and render modules can
 * take an entry without importing the catalogue that loads them.
 */
import type { CertificateTemplate } from './certificate/template-schema.ts';
import type { ReceiptTemplate } from './receipt/schema.ts';

/** What a template prints: an ESC/POS receipt or an A4 certificate PDF. */
export type TemplateKind = 'receipt' | 'certificate';

/** One data field a template takes. */
export interface TemplateField {
  /** Data key; table columns read `payments[].base`. */
  name: string;
  /** Certificate field type (`text`, `money`, `rows`, ...) or the receipt use (`text`, `qr`, `barcode:code128`, `maskedId`). */
  type: string;
  required: boolean;
}

/** A catalogue line: enough to choose a template and write data for it. */
export interface TemplateSummary {
  name: string;
  kind: TemplateKind;
  /** `built-in`, or the template file inside a flow package. */
  source: string;
  description: string;
  fields: TemplateField[];
}

/** A template from the catalogue, validated and ready to render. */
export type CatalogTemplate =
  | (TemplateSummary & { kind: 'receipt'; template: ReceiptTemplate })
  | (TemplateSummary & { kind: 'certificate'; template: CertificateTemplate; builtIn: boolean });
