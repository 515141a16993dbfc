/**
 * Where kiosk24's data files live: printer profiles, templates, the certificate font, the
 * built-in flows, the package `kiosk24 flow new` starts from, the built renderer, preload and
 * Electron main, package.json.
 *
 * Code used to find these next to itself through `import.meta.url`, which holds only while the
 * sources run in place (tsx, vitest): once bundled, every module's URL is the bundle's, and each
 * relative lookup pointed into `dist/`. Here they are named relative to one root instead, found
 * the same way from sources and from a bundle: the `KIOSK24_ASSETS` environment variable when a
 * packaged install keeps its data elsewhere, else the nearest folder above this module whose
 * package.json is kiosk24's.
 *
 * This file sits at the top of the repository, outside `kiosk/`, `drivers/` and
 * `printer-templates/`, because all three read data files while `drivers/` and
 * `printer-templates/` must not import from `kiosk/`. It imports nothing of the project, so any
 * layer may depend on it. Passing paths downward instead would have threaded a root through
 * every template and profile loader for no gain: the locations are facts of the package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The environment variable naming the asset root of a packaged install. */
export const ASSETS_ENV = 'KIOSK24_ASSETS';

const LOCATIONS = {
  packageJson: 'package.json',
  receiptProfiles: 'drivers/receipt-printer/profiles',
  receiptTemplates: 'printer-templates/receipt/templates',
  certificateTemplates: 'printer-templates/certificate/templates',
  certificateFont: 'printer-templates/fonts/wqy-microhei.ttf',
  builtInFlows: 'flows',
  flowTemplate: 'kiosk/cli/flow-template',
  renderer: 'dist/renderer',
  preload: 'dist/electron/preload.cjs',
  electronMain: 'dist/electron/main.mjs',
} as const;

/** A data file or folder kiosk24 ships, by what it is rather than where it is. */
export type Asset = keyof typeof LOCATIONS;

/** Every asset, so the Electron packaging step (scripts/package-electron.mjs) ships them all. */
export const ASSETS = Object.keys(LOCATIONS) as readonly Asset[];

let root: string | undefined;

/** True when `dir` holds kiosk24's own package.json (not a dependency's, not a workspace's). */
function isKioskPackage(dir: string): boolean {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown };
  return manifest.name === 'kiosk24';
}

/** The folder every asset location is relative to; found once per process. */
export function assetRoot(): string {
  if (root !== undefined) return root;
  const named = process.env[ASSETS_ENV];
  if (named) {
    root = resolve(named);
    return root;
  }
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (isKioskPackage(dir)) {
      root = dir;
      return root;
    }
    if (dirname(dir) === dir) break;
  }
  throw new Error(
    `kiosk24 cannot find its data files: no kiosk24 package.json above ${start}. Set ${ASSETS_ENV} to the folder that holds them.`,
  );
}

/** Absolute path of `asset`, or of `inside` within it (a profile file in the profile folder). */
export function assetPath(asset: Asset, ...inside: string[]): string {
  return join(assetRoot(), LOCATIONS[asset], ...inside);
}
