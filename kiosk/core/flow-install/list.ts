/** `kiosk24 flow list`: every flow the kiosk would load, built-in and installed. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskConfig } from '../config/index.ts';
import { installedFlowIds } from '../runner/load-flows.ts';
import { manifestSchema } from '../runner/package-schema.ts';
import { PackageFiles } from '../runner/package-files.ts';
import { CURRENT, linkedVersion, PACKAGE_DIR, PREVIOUS, readInstalledRecord } from './layout.ts';

/** One flow as `kiosk24 flow list --json` prints it; null where a field does not apply. */
export interface ListedFlow {
  id: string;
  version: string | null;
  source: 'built-in' | 'installed';
  signer: string | null;
  installedAt: string | null;
  previous: string | null;
}

/** The flows under `flows.directories` (built-in) and `flows.installDir` (installed), by id. */
export function listFlows(config: KioskConfig): ListedFlow[] {
  const flows: ListedFlow[] = [];
  for (const [id, dir] of installedFlowIds(config.flows.directories)) {
    const parsed = manifestSchema.safeParse(new PackageFiles(dir, []).readJson('flow.json'));
    flows.push({
      id,
      version: parsed.success ? parsed.data.version : null,
      source: 'built-in',
      signer: null,
      installedAt: null,
      previous: null,
    });
  }
  const root = config.flows.installDir;
  const ids = existsSync(root) ? readdirSync(root, { withFileTypes: true }) : [];
  for (const entry of ids) {
    if (!entry.isDirectory() || !/^[a-z][a-z0-9-]{2,63}$/.test(entry.name)) continue;
    const flowDir = join(root, entry.name);
    const version = linkedVersion(flowDir, CURRENT);
    if (version === null || !existsSync(join(flowDir, version, PACKAGE_DIR))) continue;
    const record = readInstalledRecord(join(flowDir, version));
    flows.push({
      id: entry.name,
      version,
      source: 'installed',
      signer: record?.signer ?? (record?.keyId ? `key ${record.keyId}` : null),
      installedAt: record?.installedAt || null,
      previous: linkedVersion(flowDir, PREVIOUS),
    });
  }
  return flows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
