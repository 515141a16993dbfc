/**
 * One catalogue of every template the kiosk can print: the built-in receipt and certificate
 * templates, and the templates that installed flow packages ship in `<package>/templates/`.
 * A flow's template is named `<flowId>/<file name>`, so it never shadows a built-in one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { assetPath } from '../assets.ts';
import { CertificateTemplateError } from './certificate/errors.ts';
import {
  parseCertificateTemplate,
  type CertificateTemplate,
} from './certificate/template-schema.ts';
import { BUILT_IN_TEMPLATES, builtInTemplate } from './certificate/templates.ts';
import { sampleFor } from './catalog-samples.ts';
import { certificateHasGlyph } from './fonts/glyph-coverage.ts';
import { placeholdersIn, templateFields } from './receipt/placeholders.ts';
import {
  loadReceiptTemplate,
  parseReceiptTemplate,
  ReceiptTemplateError,
  type ReceiptTemplate,
} from './receipt/schema.ts';

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
      fields.push({ name: field, type: spec.type, required: spec.optional !== true });
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

/** The flow package folders among `dirs`: a folder with flow.json is one, else its subfolders are. */
function flowPackages(dirs: readonly string[]): string[] {
  const packages: string[] = [];
  for (const dir of dirs) {
    if (existsSync(join(dir, 'flow.json'))) packages.push(dir);
    else if (existsSync(dir)) {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const sub = join(dir, entry.name);
        if (entry.isDirectory() && existsSync(join(sub, 'flow.json'))) packages.push(sub);
      }
    }
  }
  return packages.sort();
}

/** The flow's id from its flow.json; the folder name when flow.json cannot say (flow check reports why). */
function flowId(dir: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'flow.json'), 'utf8')) as { id?: unknown };
    if (typeof manifest.id === 'string' && /^[a-z0-9-]+$/.test(manifest.id)) return manifest.id;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  }
  return basename(dir);
}

type Loaded = { template: CatalogTemplate } | { problem: TemplateProblem };

const refused = (file: string, key: string, message: string): Loaded => ({
  problem: { file, key, message },
});

/**
 * Reads one flow template. Its kind is the `"kind"` key when present, else what its shape
 * says: `blocks` makes a receipt, `body` a certificate.
 */
function flowTemplate(file: string, name: string): Loaded {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return refused(file, '', `not readable JSON: ${(error as Error).message}`);
  }
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
  const expectedId = basename(file, '.json');
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

  /** Loads the built-ins and the templates of the flow packages in `flowDirs`. */
  static load(flowDirs: readonly string[] = []): TemplateCatalog {
    const entries = new Map<string, CatalogTemplate>();
    const problems: TemplateProblem[] = [];
    const receiptIds = readdirSync(assetPath('receiptTemplates')).filter((file) =>
      file.endsWith('.json'),
    );
    for (const id of receiptIds.map((file) => file.slice(0, -'.json'.length)).sort()) {
      entries.set(id, receiptEntry(id, BUILT_IN, loadReceiptTemplate(id)));
    }
    for (const name of BUILT_IN_TEMPLATES) {
      entries.set(name, certificateEntry(name, BUILT_IN, builtInTemplate(name), true));
    }
    for (const dir of flowPackages(flowDirs)) {
      const folder = join(dir, 'templates');
      if (!existsSync(folder)) continue;
      const id = flowId(dir);
      for (const file of readdirSync(folder)
        .filter((f) => f.endsWith('.json'))
        .sort()) {
        const path = join(folder, file);
        const name = `${id}/${basename(file, '.json')}`;
        if (entries.has(name)) {
          problems.push({
            file: path,
            key: '',
            message: `"${name}" is already taken by ${entries.get(name)?.source ?? ''}; two installed flows share the id "${id}"`,
          });
          continue;
        }
        const loaded = flowTemplate(path, name);
        if ('problem' in loaded) problems.push(loaded.problem);
        else entries.set(name, loaded.template);
      }
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

/** Lists every template: built-in ones and those shipped by the flow packages in `flowDirs`. */
export function listTemplates(flowDirs: readonly string[] = []): TemplateSummary[] {
  return TemplateCatalog.load(flowDirs).list();
}

/** Finds one template by name (`queue-ticket`, `<flowId>/<name>`). */
export function findTemplate(name: string, flowDirs: readonly string[] = []): CatalogTemplate {
  return TemplateCatalog.load(flowDirs).find(name);
}

/** A valid sample data object for the template `name`, a starting point for vendors. */
export function sampleData(
  name: string,
  flowDirs: readonly string[] = [],
): Record<string, unknown> {
  return TemplateCatalog.load(flowDirs).sample(name);
}
