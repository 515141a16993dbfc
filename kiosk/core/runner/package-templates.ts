/**
 * The receipt and certificate templates a flow package ships in `templates/*.json`. The core
 * reads them through PackageFiles (confined to the package, within its limits) and hands the
 * parsed JSON to the template catalogue, which never opens a package file itself.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PackageTemplate } from '../../../printer-templates/catalog.ts';
import { FlowPackageError, FlowPackageErrors } from './errors.ts';
import { PackageFiles } from './package-files.ts';

/** Most template files one package may ship; a service needs a handful, and each one is parsed at start-up. */
export const MAX_TEMPLATE_FILES = 64;
/** A template file name: it becomes part of the template's name `<flowId>/<name>`. */
const TEMPLATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** A flow id as flow.json must write it; anything else falls back to the folder name. */
const FLOW_ID = /^[a-z][a-z0-9-]{2,63}$/;
/** The capabilities whose input names a template. */
const PRINTING = new Set(['print.receipt', 'print.certificate']);

/** Reads every `templates/*.json` of the package `files` reads, for the flow `flowId`. */
export function readPackageTemplates(files: PackageFiles, flowId: string): PackageTemplate[] {
  const listed = files.listFiles('templates', '.json');
  if (listed.length > MAX_TEMPLATE_FILES) {
    files.report(
      'templates',
      `holds ${listed.length} templates, more than ${MAX_TEMPLATE_FILES}`,
      `ship at most ${MAX_TEMPLATE_FILES} templates`,
    );
    return [];
  }
  const templates: PackageTemplate[] = [];
  for (const file of listed) {
    const name = basename(file, '.json');
    if (!TEMPLATE_NAME.test(name)) {
      files.report(
        file,
        'the template file name is not usable in a template name',
        'name it with letters, digits, "-" and "_" only (at most 64), ending in .json',
      );
      continue;
    }
    const json = files.readJson(file);
    if (json !== undefined) templates.push({ flowId, name, file: join(files.dir, file), json });
  }
  return templates;
}

/** The names (`<flowId>/<name>`) of the templates a package provides. */
export function packageTemplateNames(templates: readonly PackageTemplate[]): string[] {
  return templates.map((t) => `${t.flowId}/${t.name}`);
}

/** Templates and the problems of reading them, from every flow package in some folders. */
export interface InstalledTemplates {
  templates: PackageTemplate[];
  /** One entry per package with a template that could not be read. */
  problems: FlowPackageErrors[];
}

/**
 * Reads the templates of the flow packages in `dirs`: a folder holding flow.json is a
 * package, else each of its subfolders holding one is. A problem with flow.json itself is
 * left to the package loader, which reports it; the folder name then stands for the id.
 */
export function readInstalledTemplates(dirs: readonly string[]): InstalledTemplates {
  const installed: InstalledTemplates = { templates: [], problems: [] };
  for (const dir of packageFolders(dirs)) {
    const manifestProblems: FlowPackageError[] = [];
    const manifest = new PackageFiles(dir, manifestProblems).readJson('flow.json');
    const id = (manifest as { id?: unknown } | undefined)?.id;
    const flowId = typeof id === 'string' && FLOW_ID.test(id) ? id : basename(dir);
    const problems: FlowPackageError[] = [];
    installed.templates.push(...readPackageTemplates(new PackageFiles(dir, problems), flowId));
    if (problems.length > 0) installed.problems.push(new FlowPackageErrors(dir, problems));
  }
  return installed;
}

function packageFolders(dirs: readonly string[]): string[] {
  const packages: string[] = [];
  for (const dir of dirs) {
    if (existsSync(join(dir, 'flow.json'))) packages.push(dir);
    else if (existsSync(dir)) {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const sub = join(dir, entry.name);
        if (!entry.isDirectory()) continue;
        if (existsSync(join(sub, 'flow.json'))) packages.push(sub);
        // An install root (kiosk24 flow install): <id>/current -> <version>, package inside.
        else if (existsSync(join(sub, 'current/package/flow.json')))
          packages.push(join(sub, 'current/package'));
      }
    }
  }
  return packages.sort();
}

/**
 * Every `print.receipt` / `print.certificate` invoke in `machine` whose input names a
 * template (a literal string, not a `$` reference) must name one in `available`. Walks the
 * machine with its own stack.
 */
export function checkTemplateRefs(
  machineFile: string,
  machine: unknown,
  available: Set<string>,
): FlowPackageError[] {
  const problems: FlowPackageError[] = [];
  const stack: [unknown, string][] = [[machine, '']];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [value, pointer] = next;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((child, i) => stack.push([child, `${pointer}/${i}`]));
      continue;
    }
    const record = value as Record<string, unknown>;
    if (Object.hasOwn(record, 'invoke')) {
      const invoke = record.invoke;
      const each = Array.isArray(invoke)
        ? invoke.map((v, i) => [v, `/${i}`] as const)
        : [[invoke, ''] as const];
      for (const [one, at] of each) {
        const template = printTemplate(one);
        if (template === undefined || template.startsWith('$') || available.has(template)) continue;
        problems.push(
          new FlowPackageError(
            machineFile,
            `${pointer}/invoke${at}/input/template`,
            `no template is named "${template}"`,
            `add templates/${template.split('/').pop() ?? template}.json to the package and name it "<flow id>/<file name>", or use a built-in template`,
          ),
        );
      }
    }
    for (const [key, child] of Object.entries(record)) {
      stack.push([child, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`]);
    }
  }
  return problems;
}

/** The literal template name a printing invoke asks for, if it is one. */
function printTemplate(invoke: unknown): string | undefined {
  if (typeof invoke !== 'object' || invoke === null) return undefined;
  const { src, input } = invoke as { src?: unknown; input?: unknown };
  if (typeof src !== 'string' || !PRINTING.has(src)) return undefined;
  if (typeof input !== 'object' || input === null) return undefined;
  const { template } = input as { template?: unknown };
  return typeof template === 'string' ? template : undefined;
}
