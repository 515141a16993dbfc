import type { AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import { builtInTemplateNames } from '../../../printer-templates/catalog.ts';
import type { Requirement } from '../capabilities/catalogue.ts';
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

export type { FlowPackage } from './flow-package.ts';

/**
 * Reads and checks a flow package folder. Every problem is collected and thrown together as
 * `FlowPackageErrors`, each naming the file, the JSON pointer and the fix.
 * `installed` lists what this kiosk has; a package needing anything else is refused.
 */
export function loadFlowPackage(dir: string, installed?: ReadonlySet<Requirement>): FlowPackage {
  const problems: FlowPackageError[] = [];
  const files = new PackageFiles(dir, problems);
  const manifest = parseWith(files, 'flow.json', manifestSchema, problems);
  if (!manifest) throw new FlowPackageErrors(dir, problems);

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

  if (machine !== undefined) {
    if (typeof machine !== 'object' || machine === null || Array.isArray(machine)) {
      problems.push(
        new FlowPackageError(
          manifest.machine,
          '',
          'the machine must be a JSON object',
          'write an xstate machine config object',
        ),
      );
    } else {
      const check = validateMachine(manifest.machine, machine);
      problems.push(...check.problems);
      const available = new Set([...builtInTemplateNames(), ...packageTemplateNames(templates)]);
      problems.push(...checkTemplateRefs(manifest.machine, machine, available));
      for (const need of check.needs) {
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
      for (const screen of check.screens) {
        if (screens && !Object.hasOwn(screens, screen)) {
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
    }
  }
  if (installed) {
    for (const need of manifest.requires) {
      if (!installed.has(need)) {
        problems.push(
          new FlowPackageError(
            'flow.json',
            '/requires',
            `this kiosk has no "${need}"`,
            'install the package only on kiosks with that device, or configure the device',
          ),
        );
      }
    }
  }
  if (screens && zh && en) checkStrings(manifest, screens, { 'zh-CN': zh, en }, problems);
  if (problems.length > 0 || !screens || !zh || !en || machine === undefined)
    throw new FlowPackageErrors(dir, problems);
  const config = machine as Record<string, unknown>;
  let built: AnyStateMachine;
  try {
    // xstate checks targets and initial states when it builds the machine; nothing runs here.
    built = buildFlowMachine(config);
  } catch (error) {
    const problem = new FlowPackageError(
      manifest.machine,
      '',
      `xstate refuses the machine: ${(error as Error).message}`,
      'fix the state targets and initial states',
    );
    throw new FlowPackageErrors(dir, [problem]);
  }
  const pkg: FlowPackage = {
    dir,
    manifest,
    config,
    machine: built,
    screens,
    strings: { 'zh-CN': zh, en },
  };
  return pkg;
}

/** Every string key a screen uses must exist in every locale. */
function checkStrings(
  manifest: FlowManifest,
  screens: ScreenSpecs,
  strings: Record<'zh-CN' | 'en', Record<string, string>>,
  problems: FlowPackageError[],
): void {
  for (const [name, screen] of Object.entries(screens)) {
    const keys: [string, string][] = [[`/${name}/title`, screen.title]];
    if (screen.subtitle) keys.push([`/${name}/subtitle`, screen.subtitle]);
    screen.actions.forEach((a, i) => keys.push([`/${name}/actions/${i}/label`, a.label]));
    screen.blocks.forEach((b, i) => {
      const at = `/${name}/blocks/${i}`;
      if (b.kind === 'text') keys.push([`${at}/text`, b.text]);
      if (b.kind === 'progress') keys.push([`${at}/text`, b.text]);
      if (b.kind === 'ticket') keys.push([`${at}/text`, b.text]);
      if (b.kind === 'illustration') keys.push([`${at}/alt`, b.alt]);
      if (b.kind === 'fields')
        b.rows.forEach((r, j) => keys.push([`${at}/rows/${j}/label`, r.label]));
      if (b.kind === 'choices')
        b.choices.forEach((c, j) => keys.push([`${at}/choices/${j}/label`, c.label]));
    });
    for (const [pointer, key] of keys) {
      for (const locale of ['zh-CN', 'en'] as const) {
        if (!Object.hasOwn(strings[locale], key)) {
          problems.push(
            new FlowPackageError(
              manifest.strings[locale],
              '',
              `missing string "${key}" used by ${manifest.screens}${pointer}`,
              `add "${key}" to ${manifest.strings[locale]}`,
            ),
          );
        }
      }
    }
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
    const pointer = '/' + issue.path.map(String).join('/');
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
