/**
 * One catalogue of every template the kiosk can print: the built-in receipt and certificate
 * templates, and the templates that installed flow packages ship in `<package>/templates/`.
 * A flow's template is named `<flowId>/<file name>`, so it never shadows a built-in one.
 * Package files are vendor input: the kiosk core reads them (confined to the package, within
 * size limits) and hands the parsed JSON here, so this module never opens a package file.
 */
import { readdirSync } from 'node:fs';
import { assetPath } from '../assets.ts';
import { CertificateTemplateError } from './certificate/errors.ts';
import {
  parseCertificateTemplate,
  type CertificateTemplate,
} from './certificate/template-schema.ts';
import { BUILT_IN_TEMPLATES, builtInTemplate } from './certificate/templates.ts';
import type { CatalogTemplate, TemplateField, TemplateSummary } from './catalog-entry.ts';
import { sampleFor } from './catalog-samples.ts';
import { certificateHasGlyph } from './fonts/glyph-coverage.ts';
import { placeholdersIn, templateFields } from './receipt/placeholders.ts';
import {
  loadReceiptTemplate,
  parseReceiptTemplate,
  ReceiptTemplateError,
  type ReceiptTemplate,
} from './receipt/schema.ts';

/** A template a flow package ships, already read from `<package>/templates/<name>.json`. */
export interface PackageTemplate {
  /** The `id` in the package's flow.json. */
  flowId: string;
  /** The file name without `.json`; the template is named `<flowId>/<name>`. */
  name: string;
  /** Where the template came from, shown as its source and in problems. */
  file: string;
  json: unknown;
}

/** A template file that could not be loaded; the rest of the catalogue is still usable. */
export interface TemplateProblem {
  file: string;
  /** Key path inside the file, empty when the whole file is at fault. */
  key: string;
  message: string;
}

/** Asked for a template name the catalogue does not have. */
export class TemplateNotFoundError extends Error {
  override readonly name = 'TemplateNotFoundError';
  constructor(
    /** The name that was asked for. */
    readonly template: string,
    known: readonly string[],
  ) {
    super(
      `no template is named "${template}"; known templates: ${known.join(', ')}. Run "kiosk24 print templates" to list them with their fields.`,
    );
  }
}

const BUILT_IN = 'built-in';

function builtInReceiptIds(): string[] {
  const files = readdirSync(assetPath('receiptTemplates')).filter((file) => file.endsWith('.json'));
  return files.map((file) => file.slice(0, -'.json'.length)).sort();
}

/** The names of the built-in templates, without parsing them: what a flow may name besides its own. */
export function builtInTemplateNames(): string[] {
  return [...builtInReceiptIds(), ...BUILT_IN_TEMPLATES];
}

function receiptEntry(name: string, source: string, template: ReceiptTemplate): CatalogTemplate {
  const fields = templateFields(template).map((field) => ({
    name: field,
    type: receiptFieldType(template, field),
    required: true,
  }));
  return { name, kind: 'receipt', source, description: template.description, fields, template };
}

/** How a receipt uses a field, so a vendor knows what value fits there. */
function receiptFieldType(template: ReceiptTemplate, field: string): string {
  if (field === 'idNumber' || field === 'passNumber') return 'maskedId';
  const uses = (text: string): boolean => placeholdersIn(text).includes(field);
  for (const block of template.blocks) {
    if (block.type === 'barcode' && uses(block.data)) return `barcode:${block.symbology}`;
    if (block.type === 'qr' && uses(block.data)) return 'qr';
  }
  return 'text';
}

function certificateEntry(
  name: string,
  source: string,
  template: CertificateTemplate,
  builtIn: boolean,
): CatalogTemplate {
  const fields: TemplateField[] = [];
  for (const [field, spec] of Object.entries(template.fields)) {
    if (spec.type !== 'rows') {
      fields.push({
        name: field,
        type: spec.type,
        required: spec.optional !== true && spec.default === undefined,
      });
      continue;
    }
    fields.push({ name: field, type: 'rows', required: true });
    for (const [column, columnSpec] of Object.entries(spec.columns)) {
      fields.push({
        name: `${field}[].${column}`,
        type: columnSpec.type,
        required: columnSpec.optional !== true,
      });
    }
  }
  const description = template.subtitle ? `${template.title}${template.subtitle}` : template.title;
  return { name, kind: 'certificate', source, description, fields, template, builtIn };
}

type Loaded = { template: CatalogTemplate } | { problem: TemplateProblem };

const refused = (file: string, key: string, message: string): Loaded => ({
  problem: { file, key, message },
});

/**
 * Checks one flow template. Its kind is the `"kind"` key when present, else what its shape
 * says: `blocks` makes a receipt, `body` a certificate.
 */
function flowTemplate({ file, name: expectedId, json }: PackageTemplate, name: string): Loaded {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return refused(file, '', 'a template must be a JSON object');
  }
  const { kind, ...rest } = json as Record<string, unknown>;
  const shape = 'blocks' in rest ? 'receipt' : 'body' in rest ? 'certificate' : undefined;
  const chosen = kind ?? shape;
  if (chosen !== 'receipt' && chosen !== 'certificate') {
    const found = JSON.stringify(kind ?? null);
    return refused(file, 'kind', `set "kind" to "receipt" or "certificate" (found ${found})`);
  }
  if (rest.id !== expectedId) {
    return refused(file, 'id', `"id" must be "${expectedId}", the file's name`);
  }
  try {
    if (chosen === 'receipt') {
      return { template: receiptEntry(name, file, parseReceiptTemplate(rest, file)) };
    }
    const template = parseCertificateTemplate(rest, certificateHasGlyph);
    return { template: certificateEntry(name, file, template, false) };
  } catch (error) {
    if (error instanceof ReceiptTemplateError) return refused(file, error.key, error.message);
    if (error instanceof CertificateTemplateError) return refused(file, error.path, error.message);
    throw error;
  }
}

/** Every template, built-in and from flow packages, with the problems of the ones left out. */
export class TemplateCatalog {
  private constructor(
    private readonly entries: Map<string, CatalogTemplate>,
    /** Flow templates that could not be loaded, each with its file and key. */
    readonly problems: readonly TemplateProblem[],
  ) {}

  /** Loads the built-ins and the templates flow packages ship, as the kiosk core read them. */
  static load(packageTemplates: readonly PackageTemplate[] = []): TemplateCatalog {
    const entries = new Map<string, CatalogTemplate>();
    const problems: TemplateProblem[] = [];
    for (const id of builtInReceiptIds()) {
      entries.set(id, receiptEntry(id, BUILT_IN, loadReceiptTemplate(id)));
    }
    for (const name of BUILT_IN_TEMPLATES) {
      entries.set(name, certificateEntry(name, BUILT_IN, builtInTemplate(name), true));
    }
    const ordered = [...packageTemplates].sort((a, b) => a.file.localeCompare(b.file));
    for (const packaged of ordered) {
      const name = `${packaged.flowId}/${packaged.name}`;
      if (entries.has(name)) {
        problems.push({
          file: packaged.file,
          key: '',
          message: `"${name}" is already taken by ${entries.get(name)?.source ?? ''}; two installed flows share the id "${packaged.flowId}"`,
        });
        continue;
      }
      const loaded = flowTemplate(packaged, name);
      if ('problem' in loaded) problems.push(loaded.problem);
      else entries.set(name, loaded.template);
    }
    return new TemplateCatalog(entries, problems);
  }

  /** Every template in name order, without the parsed template itself. */
  list(): TemplateSummary[] {
    return [...this.entries.values()]
      .map(({ name, kind, source, description, fields }) => ({
        name,
        kind,
        source,
        description,
        fields,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The template named `name`; throws TemplateNotFoundError naming the known ones. */
  find(name: string): CatalogTemplate {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new TemplateNotFoundError(name, [...this.entries.keys()].sort());
    return entry;
  }

  /** A valid data object for `name` that prints as is; personal fields come masked. */
  sample(name: string): Record<string, unknown> {
    return sampleFor(this.find(name));
  }
}

/** Lists every template: built-in ones and those flow packages ship (`packageTemplates`). */
export function listTemplates(
  packageTemplates: readonly PackageTemplate[] = [],
): TemplateSummary[] {
  return TemplateCatalog.load(packageTemplates).list();
}

/** Finds one template by name (`queue-ticket`, `<flowId>/<name>`). */
export function findTemplate(
  name: string,
  packageTemplates: readonly PackageTemplate[] = [],
): CatalogTemplate {
  return TemplateCatalog.load(packageTemplates).find(name);
}

/** A valid sample data object for the template `name`, a starting point for vendors. */
export function sampleData(
  name: string,
  packageTemplates: readonly PackageTemplate[] = [],
): Record<string, unknown> {
  return TemplateCatalog.load(packageTemplates).sample(name);
}
