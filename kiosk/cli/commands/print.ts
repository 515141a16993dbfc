/**
 * `kiosk24 print`: renders receipt and certificate templates to files, lists the template
 * catalogue, writes sample data, and sends test pages. Other tools depend on the contract
 * in USAGE; bad data exits 1 naming the template field, and nothing is written then.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadProfile, ReceiptProfileError } from '../../../drivers/receipt-printer/profile.ts';
import { TemplateCatalog, TemplateNotFoundError } from '../../../printer-templates/catalog.ts';
import type {
  CatalogTemplate,
  TemplateKind,
  TemplateSummary,
} from '../../../printer-templates/catalog-entry.ts';
import {
  renderCatalogCertificate,
  renderCatalogReceipt,
  TemplateDataError,
} from '../../../printer-templates/catalog-render.ts';
import { ConfigError, loadConfig, type KioskConfig } from '../../core/config/index.ts';
import { flowRoots } from '../../core/runner/load-flows.ts';
import { readInstalledTemplates } from '../../core/runner/package-templates.ts';
import { DeviceError } from '../../../drivers/device/errors.ts';
import { PrintUsageError, receiptGlyphs, writeOutputs, writeReceipt } from './print-output.ts';
import { PRINT_OPTIONS, PRINT_USAGE, type PrintIo, type PrintOptions } from './print-args.ts';
import { printTestPage } from './print-test.ts';

function required(values: PrintOptions, key: 'template' | 'data' | 'out', sub: string): string {
  const value = values[key];
  if (value === undefined || value === '') {
    throw new PrintUsageError(`kiosk24 print ${sub}: --${key} is required\n\n${PRINT_USAGE}`);
  }
  return value;
}

function readData(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PrintUsageError(`cannot read the data file ${file}: ${(error as Error).message}`, 1);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PrintUsageError(
      `the data file ${file} is not valid JSON: ${(error as Error).message}`,
      1,
    );
  }
}

function catalogFrom(config: KioskConfig, io: PrintIo): TemplateCatalog {
  const packaged = readInstalledTemplates(flowRoots(config.flows));
  for (const refused of packaged.problems) {
    for (const problem of refused.problems) {
      io.err(`kiosk24: template left out of ${refused.packageDir}: ${problem.message}`);
    }
  }
  const catalog = TemplateCatalog.load(packaged.templates);
  for (const problem of catalog.problems) {
    io.err(
      `kiosk24: template left out: ${problem.file}${problem.key ? ` at "${problem.key}"` : ''}: ${problem.message}`,
    );
  }
  return catalog;
}

/** The template, data and output file a render subcommand names; the kind must match. */
function renderJob<K extends TemplateKind>(
  values: PrintOptions,
  catalog: TemplateCatalog,
  kind: K,
): { entry: Extract<CatalogTemplate, { kind: K }>; data: unknown; out: string } {
  const entry = catalog.find(required(values, 'template', kind));
  const data = readData(required(values, 'data', kind));
  const out = required(values, 'out', kind);
  if (entry.kind !== kind) {
    throw new PrintUsageError(
      `"${entry.name}" is a ${entry.kind} template; use "kiosk24 print ${entry.kind}"`,
    );
  }
  return { entry: entry as Extract<CatalogTemplate, { kind: K }>, data, out };
}

function renderReceiptFile(values: PrintOptions, catalog: TemplateCatalog, io: PrintIo): number {
  const { entry, data, out } = renderJob(values, catalog, 'receipt');
  const profile = loadProfile(values.profile ?? 'generic-80mm-203dpi');
  const bytes = renderCatalogReceipt(entry, data, profile, receiptGlyphs(profile));
  writeReceipt(out, values.png, bytes, profile);
  io.out(
    `kiosk24: wrote ${out} (${bytes.length} bytes, ${profile.id})${values.png ? ` and ${values.png}` : ''}`,
  );
  return 0;
}

async function renderCertificateFile(
  values: PrintOptions,
  catalog: TemplateCatalog,
  io: PrintIo,
): Promise<number> {
  const { entry, data, out } = renderJob(values, catalog, 'certificate');
  const pdf = await renderCatalogCertificate(entry, data);
  writeOutputs([{ path: out, bytes: pdf }]);
  io.out(`kiosk24: wrote ${out} (${pdf.length} bytes)`);
  return 0;
}

function describeTemplate(t: TemplateSummary): string {
  const fields = t.fields.map((f) => `    ${f.name}: ${f.type}${f.required ? '' : ' (optional)'}`);
  return [`${t.name}  [${t.kind}]  ${t.source}`, `    ${t.description}`, ...fields].join('\n');
}

async function run(
  sub: string | undefined,
  args: string[],
  values: PrintOptions,
  io: PrintIo,
): Promise<number> {
  const config = loadConfig(values.config);
  switch (sub) {
    case 'receipt':
      return renderReceiptFile(values, catalogFrom(config, io), io);
    case 'certificate':
      return renderCertificateFile(values, catalogFrom(config, io), io);
    case 'templates': {
      const list = catalogFrom(config, io).list();
      io.out(values.json ? JSON.stringify(list, null, 2) : list.map(describeTemplate).join('\n\n'));
      return 0;
    }
    case 'sample': {
      const name = args[0];
      if (name === undefined)
        throw new PrintUsageError(`kiosk24 print sample: name a template\n\n${PRINT_USAGE}`);
      io.out(JSON.stringify(catalogFrom(config, io).sample(name), null, 2));
      return 0;
    }
    case 'test':
      return printTestPage(values, config, io);
    default:
      throw new PrintUsageError(
        `kiosk24 print: unknown subcommand "${sub ?? ''}"\n\n${PRINT_USAGE}`,
      );
  }
}

/** Runs `kiosk24 print ...` (argv without the word "print"); resolves to the exit code. */
export async function printCommand(argv: string[], io: Partial<PrintIo> = {}): Promise<number> {
  const { out = console.log, err = console.error } = io;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: PRINT_OPTIONS, allowPositionals: true });
  } catch (error) {
    // node:util marks its own complaints with ERR_PARSE_ARGS_* codes; anything else is a bug.
    if (!String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) throw error;
    err(`kiosk24 print: ${(error as Error).message}\n\n${PRINT_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(PRINT_USAGE);
    return 0;
  }
  const [sub, ...args] = positionals;
  try {
    return await run(sub, args, values, { out, err });
  } catch (error) {
    if (error instanceof TemplateDataError) {
      err(`kiosk24: nothing written: ${error.message}`);
      return 1;
    }
    if (error instanceof PrintUsageError) {
      err(`kiosk24: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      err(`kiosk24: the config cannot be used:\n${error.message}`);
      return 1;
    }
    const known = [TemplateNotFoundError, ReceiptProfileError, DeviceError];
    if (known.some((kind) => error instanceof kind)) {
      err(`kiosk24: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  }
}
