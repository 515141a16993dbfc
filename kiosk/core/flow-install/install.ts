/**
 * `kiosk24 flow install` and `kiosk24 flow rollback`: verify an archive (entries, hashes,
 * signature, trust), check the package as the kiosk will load it, stage it beside the served
 * version and switch with one rename of the `current` link. See layout.ts for why a kill at any
 * instant leaves the old or the new version serving, never a mix.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gte, lt } from 'semver';
import { assetPath } from '../../../assets.ts';
import { CATALOGUE_VERSION } from '../capabilities/catalogue.ts';
import type { KioskConfig } from '../config/index.ts';
import { installedFlowIds, kioskRequirements } from '../runner/load-flows.ts';
import { checkFlowPackage } from '../runner/load-package.ts';
import { readArchive, type FlowArchive } from './archive.ts';
import { auditFlowChange, operatorName } from './audit.ts';
import { errorCode, InstallRefusal } from './errors.ts';
import {
  cleanLeftovers,
  CURRENT,
  INSTALLED_RECORD,
  linkedVersion,
  moveToTrash,
  PACKAGE_DIR,
  PREVIOUS,
  STAGING_PREFIX,
  swapLink,
  syncFolder,
  takeInstallLock,
  writeSynced,
  type InstalledRecord,
} from './layout.ts';
import { MANIFEST_ENTRY, SIGNATURE_ENTRY, sha256 } from './manifest.ts';
import { judgeTrust, type Signer } from './trust.ts';

/** What an install needs besides the archive. */
export interface InstallOptions {
  config: KioskConfig;
  allowDowngrade?: boolean;
  /** The kiosk24 release to check `minKioskVersion` against; package.json's by default. */
  kioskVersion?: string;
}

/** What an install did. */
export interface InstallResult {
  id: string;
  version: string;
  /** The version now kept for rollback; null on a first install. */
  previous: string | null;
  signer: Signer | null;
  warnings: string[];
  /** Leftovers of earlier, interrupted installs that were removed. */
  cleaned: number;
  /** True when this very version was already served and nothing changed. */
  unchanged: boolean;
}

/** The kiosk24 release this kiosk runs (package.json). */
export function kioskVersion(): string {
  const parsed = JSON.parse(readFileSync(assetPath('packageJson'), 'utf8')) as {
    version?: unknown;
  };
  return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
}

/** Installs the archive `file` under `flows.installDir`; throws an InstallRefusal when refused. */
export async function installFlow(file: string, options: InstallOptions): Promise<InstallResult> {
  const { config } = options;
  const archive = await readArchive(file);
  const verdict = judgeTrust(archive, config.flows.trustedKeys, config.production);
  checkKioskMeets(archive, options.kioskVersion ?? kioskVersion());
  const { id, version } = archive.manifest;
  const root = config.flows.installDir;
  const flowDir = join(root, id);
  makeFolder(flowDir);
  const release = takeInstallLock(root);
  try {
    const cleaned = cleanLeftovers(flowDir);
    const current = linkedVersion(flowDir, CURRENT);
    const result = { id, version, signer: verdict.signer, warnings: verdict.warnings, cleaned };
    if (current === version)
      return { ...result, previous: linkedVersion(flowDir, PREVIOUS), unchanged: true };
    if (current !== null && lt(version, current) && !options.allowDowngrade)
      throw new InstallRefusal(
        `${id} ${version} is older than the installed ${current}`,
        'pass --allow-downgrade to install it anyway, or use kiosk24 flow rollback',
      );
    const staging = stage(flowDir, archive, verdict.signer);
    await checkStaged(join(staging, PACKAGE_DIR), config);
    if (existsSync(join(flowDir, version))) moveToTrash(flowDir, version);
    renameSync(staging, join(flowDir, version));
    syncFolder(flowDir);
    // Audit first, act second: an install the trail cannot record is not made.
    auditFlowChange(config.journal.path, {
      kind: 'flow.installed',
      detail: {
        flowId: id,
        version,
        digest: sha256(archive.manifestBytes),
        by: operatorName(),
        ...(current === null ? {} : { from: current }),
        ...(verdict.signer ? { keyId: verdict.signer.keyId } : {}),
        ...(verdict.signer?.name ? { signer: verdict.signer.name } : {}),
      },
    });
    if (current !== null) swapLink(flowDir, PREVIOUS, current);
    swapLink(flowDir, CURRENT, version);
    cleanLeftovers(flowDir);
    return { ...result, previous: current, unchanged: false };
  } finally {
    release();
  }
}

/** Serves the previous version of `id` again, keeping the one it replaces as the new previous. */
export function rollbackFlow(id: string, config: KioskConfig): { from: string; to: string } {
  if (!/^[a-z][a-z0-9-]{2,63}$/.test(id))
    throw new InstallRefusal(
      `"${id.slice(0, 80)}" is not a flow id`,
      'name an id that kiosk24 flow list shows',
    );
  const root = config.flows.installDir;
  const flowDir = join(root, id);
  const current = existsSync(flowDir) ? linkedVersion(flowDir, CURRENT) : null;
  if (current === null)
    throw new InstallRefusal(
      `no installed flow has the id ${id}`,
      'see kiosk24 flow list for the installed flows',
    );
  const release = takeInstallLock(root);
  try {
    const previous = linkedVersion(flowDir, PREVIOUS);
    if (previous === null || !existsSync(join(flowDir, previous, PACKAGE_DIR, 'flow.json')))
      throw new InstallRefusal(
        `${id} has no previous version to return to`,
        'install the version you want with kiosk24 flow install',
      );
    auditFlowChange(config.journal.path, {
      kind: 'flow.rolledBack',
      detail: { flowId: id, from: current, to: previous, by: operatorName() },
    });
    swapLink(flowDir, PREVIOUS, current);
    swapLink(flowDir, CURRENT, previous);
    return { from: current, to: previous };
  } finally {
    release();
  }
}

/** Refuses a package for a newer kiosk or another capability catalogue, saying which. */
function checkKioskMeets(archive: FlowArchive, kiosk: string): void {
  const { id, version } = archive.manifest;
  let flow: Record<string, unknown>;
  try {
    flow = JSON.parse(archive.files.get('flow.json')?.toString('utf8') ?? 'null') as Record<
      string,
      unknown
    >;
  } catch {
    throw new InstallRefusal(
      'the package flow.json is not JSON',
      'check the package with kiosk24 flow check',
    );
  }
  if (typeof flow !== 'object' || flow === null)
    throw new InstallRefusal('the package has no flow.json', 'pack a folder that holds flow.json');
  if (flow.id !== id || flow.version !== version)
    throw new InstallRefusal(
      'the manifest and flow.json disagree on the id or version',
      'pack the package again',
    );
  if (flow.catalogueVersion !== CATALOGUE_VERSION)
    throw new InstallRefusal(
      `${id} ${version} is written for capability catalogue ${JSON.stringify(flow.catalogueVersion)}, and this kiosk has catalogue ${CATALOGUE_VERSION}`,
      `ask the vendor for a build for catalogue ${CATALOGUE_VERSION}, or update the kiosk`,
    );
  const min = flow.minKioskVersion;
  if (typeof min === 'string' && /^\d+\.\d+\.\d+$/.test(min) && !gte(kiosk, min))
    throw new InstallRefusal(
      `${id} ${version} needs kiosk24 ${min} or newer, and this kiosk runs ${kiosk}`,
      'update the kiosk first, or install an older version of the flow',
    );
}

/** Writes the verified files into a fresh staging folder beside the versions, synced. */
function stage(flowDir: string, archive: FlowArchive, signer: Signer | null): string {
  const staging = join(flowDir, `${STAGING_PREFIX}${randomBytes(6).toString('hex')}`);
  mkdirSync(join(staging, PACKAGE_DIR), { recursive: true });
  const folders = new Set<string>([staging, join(staging, PACKAGE_DIR)]);
  for (const [path, bytes] of archive.files) {
    const target = join(staging, PACKAGE_DIR, path);
    if (!folders.has(dirname(target))) {
      mkdirSync(dirname(target), { recursive: true });
      folders.add(dirname(target));
    }
    writeSynced(target, bytes);
  }
  writeSynced(join(staging, MANIFEST_ENTRY), archive.manifestBytes);
  if (archive.signature)
    writeSynced(join(staging, SIGNATURE_ENTRY), `${archive.signature.toString('base64')}\n`);
  const record: InstalledRecord = {
    installedAt: new Date().toISOString(),
    signer: signer?.name ?? null,
    keyId: signer?.keyId ?? null,
  };
  writeSynced(join(staging, INSTALLED_RECORD), `${JSON.stringify(record, null, 2)}\n`);
  // Deepest first, so each folder's entries are on disk before the folder holding it is synced.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) syncFolder(folder);
  return staging;
}

/** Checks the staged package as the kiosk will load it (and tests it when the config asks). */
async function checkStaged(dir: string, config: KioskConfig): Promise<void> {
  const report = checkFlowPackage(dir, {
    installed: kioskRequirements(config),
    loaded: installedFlowIds(config.flows.directories),
  });
  const [first] = report.problems;
  if (first || !report.pkg) {
    const more = report.problems.length > 1 ? ` (and ${report.problems.length - 1} more)` : '';
    throw new InstallRefusal(
      `the package check refused it: ${first?.message ?? 'unknown problem'}${more}`,
      'fix the package and pack it again (kiosk24 flow check lists every problem)',
    );
  }
  if (!config.flows.requireTest) return;
  const { testFlow } = await import('../flow-test/explore.ts');
  const result = await testFlow(report.pkg);
  if (!result.ok)
    throw new InstallRefusal(
      `flows.requireTest is set and kiosk24 flow test fails the package (${result.problems.length} problems)`,
      'run kiosk24 flow test on the package folder, fix it and pack it again',
    );
}

function makeFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new InstallRefusal(
      `the install folder ${dir} cannot be made (${errorCode(error)})`,
      'set flows.installDir to a folder the kiosk user can write',
    );
  }
}
