/**
 * The declarative certificate template format. A template is JSON: it declares the data
 * fields it needs (with types), then the page content as text with `{{field}}` placeholders.
 * Parsing checks both the shape (zod) and the meaning: every placeholder names a declared
 * field of the right kind, so a typo fails at load time, not in front of a resident.
 */
import { z } from 'zod';
import { CertificateTemplateError } from './errors.ts';

/** Field types a value may have; each has one fixed printed format (see fields.ts). */
const SCALAR_FIELD_TYPES = [
  'text',
  'number',
  'money',
  'date',
  'yearMonth',
  'maskedId',
  'url',
] as const;

/** One scalar field type name. */
export type ScalarFieldType = (typeof SCALAR_FIELD_TYPES)[number];

const scalarField = z.strictObject({
  type: z.enum(SCALAR_FIELD_TYPES),
  /** Optional fields print as an empty string when absent. */
  optional: z.boolean().optional(),
  /**
   * Printed when the value is absent, so a field can be added to a template without breaking
   * the data producers that predate it (e.g. the ID label, which only foreign cards change).
   */
  default: z.string().min(1).optional(),
});

const rowsField = z.strictObject({
  type: z.literal('rows'),
  columns: z.record(z.string().regex(/^[A-Za-z]\w*$/), scalarField),
  /** Fewer rows than this is a data error (e.g. a payment history must not be empty). */
  minRows: z.number().int().nonnegative().optional(),
});

const fieldSpec = z.discriminatedUnion('type', [rowsField, scalarField]);

const paragraph = z.strictObject({
  type: z.literal('paragraph'),
  text: z.string().min(1),
  /** Chinese paragraphs start indented by two characters; headings and notes may not. */
  indent: z.boolean().optional(),
});

const heading = z.strictObject({ type: z.literal('heading'), text: z.string().min(1) });

const keyValues = z.strictObject({
  type: z.literal('keyValues'),
  entries: z.array(z.strictObject({ label: z.string().min(1), value: z.string() })).min(1),
  /** Label/value pairs per table row. */
  pairsPerRow: z.union([z.literal(1), z.literal(2)]).optional(),
});

const table = z.strictObject({
  type: z.literal('table'),
  /** Name of a `rows` field; each of its rows becomes one table row. */
  rows: z.string().min(1),
  columns: z
    .array(
      z.strictObject({
        header: z.string().min(1),
        /** Text with placeholders naming the row's columns. */
        value: z.string(),
        /** Relative width; widths are shared out across the text width. */
        width: z.number().positive().optional(),
        align: z.enum(['left', 'center', 'right']).optional(),
      }),
    )
    .min(1),
  /** Printed in place of the rows when the array is empty. */
  emptyText: z.string().optional(),
});

const block = z.discriminatedUnion('type', [paragraph, heading, keyValues, table]);

/** zod schema of a certificate template. */
const certificateTemplateSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  version: z.number().int().positive(),
  page: z.strictObject({ size: z.literal('A4') }),
  title: z.string().min(1),
  subtitle: z.string().optional(),
  fields: z.record(z.string().regex(/^[A-Za-z]\w*$/), fieldSpec),
  body: z.array(block).min(1),
  authority: z.string().min(1),
  issueDate: z.string().min(1),
  seal: z.strictObject({ text: z.string().min(1), caption: z.string().optional() }),
  footer: z.string().min(1),
  verification: z.strictObject({
    code: z.string().min(1),
    url: z.string().min(1),
    note: z.string().optional(),
  }),
});

/** A validated certificate template. */
export type CertificateTemplate = z.infer<typeof certificateTemplateSchema>;
/** One declared field of a template. */
export type FieldSpec = z.infer<typeof fieldSpec>;
/** One scalar (non-table) field declaration. */
export type ScalarFieldSpec = z.infer<typeof scalarField>;
/** One block of the flowing body. */
export type CertificateBlock = z.infer<typeof block>;

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Lists the field names a text's `{{field}}` placeholders refer to, in order. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/** Replaces each placeholder with `lookup(name)`; names were checked when the template was parsed. */
export function fillPlaceholders(text: string, lookup: (name: string) => string): string {
  return text.replace(PLACEHOLDER, (_whole, name: string) => lookup(name));
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/** Every literal text of the template with its path, for placeholder and glyph checks. */
function templateTexts(
  template: CertificateTemplate,
): { path: string; text: string; rowField?: string }[] {
  const texts: { path: string; text: string; rowField?: string }[] = [
    { path: 'title', text: template.title },
    { path: 'authority', text: template.authority },
    { path: 'issueDate', text: template.issueDate },
    { path: 'seal.text', text: template.seal.text },
    { path: 'footer', text: template.footer },
    { path: 'verification.code', text: template.verification.code },
    { path: 'verification.url', text: template.verification.url },
  ];
  if (template.subtitle !== undefined) texts.push({ path: 'subtitle', text: template.subtitle });
  if (template.seal.caption !== undefined)
    texts.push({ path: 'seal.caption', text: template.seal.caption });
  if (template.verification.note !== undefined)
    texts.push({ path: 'verification.note', text: template.verification.note });
  template.body.forEach((item, i) => {
    const at = `body[${i}]`;
    if (item.type === 'paragraph' || item.type === 'heading')
      texts.push({ path: `${at}.text`, text: item.text });
    if (item.type === 'keyValues') {
      item.entries.forEach((entry, j) => {
        texts.push({ path: `${at}.entries[${j}].label`, text: entry.label });
        texts.push({ path: `${at}.entries[${j}].value`, text: entry.value });
      });
    }
    if (item.type === 'table') {
      if (item.emptyText !== undefined)
        texts.push({ path: `${at}.emptyText`, text: item.emptyText });
      item.columns.forEach((column, j) => {
        texts.push({ path: `${at}.columns[${j}].header`, text: column.header });
        texts.push({ path: `${at}.columns[${j}].value`, text: column.value, rowField: item.rows });
      });
    }
  });
  return texts;
}

/**
 * Validates unknown JSON as a certificate template. `hasGlyph` lets the caller also refuse
 * literal text the embedded font cannot draw. Throws CertificateTemplateError naming the path.
 */
export function parseCertificateTemplate(
  json: unknown,
  hasGlyph?: (codePoint: number) => boolean,
): CertificateTemplate {
  const id =
    typeof json === 'object' && json !== null && 'id' in json && typeof json.id === 'string'
      ? json.id
      : '(unnamed)';
  const result = certificateTemplateSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CertificateTemplateError(
      id,
      formatPath(issue?.path ?? []),
      issue?.message ?? 'invalid template',
    );
  }
  const template = result.data;
  for (const { path, text, rowField } of templateTexts(template)) {
    const rows = rowField === undefined ? undefined : template.fields[rowField];
    if (rowField !== undefined && rows?.type !== 'rows') {
      const at = path.replace(/\.columns.*$/, '.rows');
      throw new CertificateTemplateError(
        id,
        at,
        `"${rowField}" must name a field of type "rows"; declare it under "fields"`,
      );
    }
    for (const name of placeholdersIn(text)) {
      const spec = rows?.type === 'rows' ? rows.columns[name] : template.fields[name];
      if (spec === undefined) {
        const where = rows === undefined ? '"fields"' : `"fields.${rowField}.columns"`;
        throw new CertificateTemplateError(
          id,
          path,
          `placeholder {{${name}}} names no declared field; declare it under ${where} or fix the name`,
        );
      }
      if (spec.type === 'rows') {
        throw new CertificateTemplateError(
          id,
          path,
          `{{${name}}} is a table field; use it as a table block's "rows", not inside text`,
        );
      }
    }
    if (hasGlyph !== undefined) {
      const literal = text.replace(PLACEHOLDER, '');
      for (const char of literal) {
        if (!/\s/.test(char) && !hasGlyph(char.codePointAt(0) ?? 0)) {
          throw new CertificateTemplateError(
            id,
            path,
            `the certificate font has no glyph for "${char}" (U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}); use another character`,
          );
        }
      }
    }
  }
  return template;
}
