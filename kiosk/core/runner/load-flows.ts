import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Requirement } from '../capabilities/catalogue.ts';
import type { KioskConfig } from '../config/index.ts';
import { FlowPackageErrors } from './errors.ts';
import type { FlowPackage } from './flow-package.ts';
import { checkFlowPackage, type PackageReport } from './load-package.ts';
import { manifestSchema } from './package-schema.ts';
import { PackageFiles } from './package-files.ts';

/** Where an installed flow's served package sits inside its folder under `flows.installDir`. */
const INSTALLED_PACKAGE = 'current/package';

/**
 * The folders the kiosk loads flows from: `flows.directories`, and `flows.installDir` once an
 * install has made it (an absent install root is no error: nothing is installed yet).
 */
export function flowRoots(flows: { directories: readonly string[]; installDir: string }): string[] {
  return existsSync(flows.installDir)
    ? [...flows.directories, flows.installDir]
    : [...flows.directories];
}

/** The devices and services a kiosk with `config` has, which flows' `requires` are checked against. */
export function kioskRequirements(config: KioskConfig): Set<Requirement> {
  const installed = new Set<Requirement>(['platform', 'idCardReader']);
  if (config.devices.receiptPrinter.mode !== 'none') installed.add('receiptPrinter');
  if (config.devices.documentPrinter.mode !== 'none') installed.add('documentPrinter');
  if (config.devices.scanner.mode !== 'none') installed.add('scanner');
  return installed;
}

/**
 * Every package folder (a folder holding flow.json, or an installed flow's current package)
 * under the configured flow folders.
 */
export function packageFolders(roots: readonly string[], log?: Logger): string[] {
  const dirs: string[] = [];
  for (const root of roots) {
    if (!existsSync(root)) {
      log?.error(`flow folder ${root} does not exist; check flows.directories in the config`);
      continue;
    }
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      const dir = join(root, entry.name);
      if (!entry.isDirectory()) continue;
      if (existsSync(join(dir, 'flow.json'))) dirs.push(dir);
      // An install root (kiosk24 flow install) holds <id>/current -> <version>/package.
      else if (existsSync(join(dir, INSTALLED_PACKAGE, 'flow.json')))
        dirs.push(join(dir, INSTALLED_PACKAGE));
    }
  }
  return dirs;
}

/**
 * The ids the installed packages claim, each with its folder; a package whose flow.json cannot
 * be read claims none. `kiosk24 flow check` refuses a package that reuses one of them.
 */
export function installedFlowIds(roots: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const dir of packageFolders(roots)) {
    const parsed = manifestSchema.safeParse(new PackageFiles(dir, []).readJson('flow.json'));
    if (parsed.success && !ids.has(parsed.data.id)) ids.set(parsed.data.id, dir);
  }
  return ids;
}

/**
 * Loads every package under the configured folders for start-up. A refused package is logged
 * with every problem and left out; two packages claiming one id are both refused, because the
 * kiosk cannot know which one the province meant. The kiosk serves everything else.
 */
export function loadInstalledFlows(
  roots: readonly string[],
  installed: ReadonlySet<Requirement>,
  log: Logger,
): FlowPackage[] {
  const byId = new Map<string, PackageReport[]>();
  const flows: FlowPackage[] = [];
  for (const dir of packageFolders(roots, log)) {
    const report = checkFlowPackage(dir, { installed });
    if (!report.manifest) {
      log.error(new FlowPackageErrors(dir, report.problems).message);
      continue;
    }
    const same = byId.get(report.manifest.id) ?? [];
    same.push(report);
    byId.set(report.manifest.id, same);
  }
  for (const [id, reports] of byId) {
    if (reports.length > 1) {
      log.error(
        `flow id "${id}" is claimed by ${reports.length} packages (${reports.map((r) => r.dir).join(' and ')}); all of them are refused: give each package an id of its own`,
      );
      continue;
    }
    const [report] = reports;
    if (report?.pkg) flows.push(report.pkg);
    else if (report) log.error(new FlowPackageErrors(report.dir, report.problems).message);
  }
  return flows.sort((a, b) => a.manifest.order - b.manifest.order);
}
