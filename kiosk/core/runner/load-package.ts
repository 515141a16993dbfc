import { resolve } from 'node:path';
import type { z } from 'zod';
import { builtInTemplateNames } from '../../../printer-templates/catalog.ts';
import {
  ALTERNATIVES,
  missingRequirements,
  REQUIREMENTS,
  type Requirement,
} from '../capabilities/catalogue.ts';
import { buildFlowMachine } from './build-machine.ts';
import { FlowPackageError, FlowPackageErrors } from './errors.ts';
import type { FlowPackage } from './flow-package.ts';
import { PackageFiles, type NamedAt } from './package-files.ts';
import {
  checkTemplateRefs,
  packageTemplateNames,
  readPackageTemplates,
} from './package-templates.ts';
import {
  manifestSchema,
  screensSchema,
  stringsSchema,
  type FlowManifest,
  type ScreenSpecs,
} from './package-schema.ts';
import { validateMachine } from './validate-machine.ts';
import { checkGraph } from './check-graph.ts';
import { checkRefs } from './check-refs.ts';
import { checkSpokenStrings, checkStrings } from './package-strings.ts';

export type { FlowPackage } from './flow-package.ts';

/** What checking one package found; `pkg` is set only when nothing refused it. */
export interface PackageReport {
  dir: string;
  /** The manifest, when flow.json could be read (for the id and version in reports). */
  manifest?: FlowManifest;
  problems: FlowPackageError[];
  /** Things a vendor should look at that do not refuse the package. */
  warnings: FlowPackageError[];
  pkg?: FlowPackage;
}

/** What a package is checked against besides itself. */
export interface PackageContext {
  /** What this kiosk has; a package needing anything else is refused. */
  installed?: ReadonlySet<Requirement>;
  /** Flow ids already loaded, with their package folders; a package reusing one is refused. */
  loaded?: ReadonlyMap<string, string>;
}

/**
 * Checks a flow package folder the way the kiosk does at install and at start-up, and the way
 * `kiosk24 flow check` does: every problem at once, each naming the file, the JSON pointer and
 * the fix. Nothing in the package runs, and no input makes it throw.
 */
export function checkFlowPackage(dir: string, context: PackageContext = {}): PackageReport {
  const problems: FlowPackageError[] = [];
  const warnings: FlowPackageError[] = [];
  const report: PackageReport = { dir, problems, warnings };
  const files = new PackageFiles(dir, problems);
  const manifest = parseWith(files, 'flow.json', manifestSchema, problems);
  if (!manifest) return report;
  report.manifest = manifest;
  const other = context.loaded?.get(manifest.id);
  if (other !== undefined && resolve(other) !== resolve(dir)) {
    problems.push(
      new FlowPackageError(
        'flow.json',
        '/id',
        `flow id "${manifest.id}" is already used by the package at ${other} (this one is at ${dir})`,
        'give this package an id of its own, or remove the other package',
      ),
    );
  }

  const at = (pointer: string): NamedAt => ({ file: 'flow.json', pointer });
  const machine = files.readJson(manifest.machine, at('/machine'));
  const screens = parseWith(files, manifest.screens, screensSchema, problems, at('/screens'));
  const zh = parseWith(
    files,
    manifest.strings['zh-CN'],
    stringsSchema,
    problems,
    at('/strings/zh-CN'),
  );
  const en = parseWith(files, manifest.strings.en, stringsSchema, problems, at('/strings/en'));
  const templates = readPackageTemplates(files, manifest.id);
  for (const need of missingOnKiosk(manifest, context.installed)) {
    problems.push(
      new FlowPackageError(
        'flow.json',
        '/requires',
        `this kiosk has no "${need}"`,
        'install the package only on kiosks with that device, or configure the device',
      ),
    );
  }
  if (machine !== undefined && !isConfigObject(machine)) {
    problems.push(
      new FlowPackageError(
        manifest.machine,
        '',
        'the machine must be a JSON object',
        'write an xstate machine config object',
      ),
    );
    return report;
  }
  if (machine === undefined || !screens || !zh || !en) return report;
  const strings = { 'zh-CN': zh, en };

  const check = validateMachine(manifest.machine, machine);
  problems.push(...check.problems);
  for (const need of actionNeeds(screens)) check.needs.add(need);
  checkDeclaredNeeds(manifest, check.needs, problems, warnings);
  for (const screen of check.screens) {
    if (!Object.hasOwn(screens, screen)) {
      problems.push(
        new FlowPackageError(
          manifest.machine,
          '',
          `a state names screen "${screen}" that ${manifest.screens} lacks`,
          `add "${screen}" to ${manifest.screens} or fix the name`,
        ),
      );
    }
  }
  const available = new Set([...builtInTemplateNames(), ...packageTemplateNames(templates)]);
  problems.push(...checkTemplateRefs(manifest.machine, machine, available));
  checkStrings(manifest, screens, strings, problems);
  checkSpokenStrings(manifest, machine, strings, problems);
  for (const result of [
    checkGraph(manifest.machine, machine, manifest.screens, screens),
    checkRefs(manifest.machine, machine, manifest.screens, screens, strings, manifest.strings),
  ]) {
    problems.push(...result.problems);
    warnings.push(...result.warnings);
  }
  if (problems.length > 0) return report;

  try {
    // xstate checks targets and initial states when it builds the machine; nothing runs here.
    const built = buildFlowMachine(machine);
    report.pkg = { dir, manifest, config: machine, machine: built, screens, strings };
  } catch (error) {
    problems.push(
      new FlowPackageError(
        manifest.machine,
        '',
        `xstate refuses the machine: ${error instanceof Error ? error.message : String(error)}`,
        'fix the state targets and initial states',
      ),
    );
  }
  return report;
}

/**
 * Reads and checks a flow package folder; throws `FlowPackageErrors` with every problem when
 * the package is refused.
 */
export function loadFlowPackage(dir: string, context: PackageContext = {}): FlowPackage {
  const report = checkFlowPackage(dir, context);
  if (!report.pkg) throw new FlowPackageErrors(dir, report.problems);
  return report.pkg;
}

/** The requirements screen actions and choices name: a flow uses what its buttons need. */
function actionNeeds(screens: ScreenSpecs): Set<Requirement> {
  const out = new Set<Requirement>();
  for (const screen of Object.values(screens)) {
    const choices = screen.blocks.flatMap((b) => (b.kind === 'choices' ? b.choices : []));
    for (const action of [...screen.actions, ...choices])
      if (action.requires) out.add(action.requires);
  }
  return out;
}

function isConfigObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function missingOnKiosk(
  manifest: FlowManifest,
  installed?: ReadonlySet<Requirement>,
): Requirement[] {
  if (!installed) return [];
  const absent = REQUIREMENTS.filter((r) => !installed.has(r));
  return missingRequirements(manifest.requires, absent);
}

/** What the machine uses must be declared; what is declared and never used is a warning. */
function checkDeclaredNeeds(
  manifest: FlowManifest,
  needs: ReadonlySet<Requirement>,
  problems: FlowPackageError[],
  warnings: FlowPackageError[],
): void {
  for (const need of needs) {
    if (!manifest.requires.includes(need) && !manifest.optional.includes(need)) {
      problems.push(
        new FlowPackageError(
          'flow.json',
          '/requires',
          `the machine uses "${need}" but flow.json does not declare it`,
          `add "${need}" to "requires" (or to "optional" when the flow can serve without it)`,
        ),
      );
    }
  }
  for (const [list, declared] of [
    ['requires', manifest.requires],
    ['optional', manifest.optional],
  ] as const) {
    declared.forEach((need, i) => {
      // `identity` is used when any of its ways is (idcard.read, scanner.read).
      const ways = ALTERNATIVES[need] ?? [need];
      if (!ways.some((w) => needs.has(w)))
        warnings.push(
          new FlowPackageError(
            'flow.json',
            `/${list}/${i}`,
            `"${need}" is declared but no state of the machine uses it`,
            `remove it from "${list}", or the menu disables the flow when it is down for no reason`,
          ),
        );
    });
  }
}

function parseWith<T extends z.ZodType>(
  files: PackageFiles,
  file: string,
  schema: T,
  problems: FlowPackageError[],
  namedAt?: NamedAt,
): z.infer<T> | undefined {
  const raw = files.readJson(file, namedAt);
  if (raw === undefined) return undefined;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    // RFC 6901: the whole document is "", and "~" and "/" inside a key are escaped.
    const pointer = issue.path
      .map((part) => `/${String(part).replaceAll('~', '~0').replaceAll('/', '~1')}`)
      .join('');
    problems.push(
      new FlowPackageError(
        file,
        pointer,
        issue.message,
        'see the flow package format in flows/README.md',
      ),
    );
  }
  return undefined;
}
