// The kiosk's Node entry points, compiled with esbuild: the kiosk24 command (kiosk/cli/bin.ts,
// which also starts the browser host) into dist/cli, and Electron's main process
// (kiosk/main/entry.ts) into dist/electron/main.mjs. Shared by the build script, the test setup
// and the CLI bench so all three build exactly the same thing. Data files are not copied: the
// bundles find them through assets.ts.
//
// Every npm dependency stays external (resolved from node_modules at run time), not only the
// native and large ones (serialport, node-hid, playwright-core, electron):
// - the kiosk needs node_modules anyway for the native modules, so bundling the rest saves no
//   install step;
// - pino starts its transports in worker threads by file name and ws probes optional native
//   helpers with require(): both break once copied into a bundle;
// - CommonJS packages (fontkit, bwip-js, qrcode, iconv-lite) would need a require() shim
//   inside an ESM bundle;
// - the bundles then hold only the project's own TypeScript, the part tsx had to compile on
//   every run, and build in well under a second, cheap enough to redo before tests.
// Code splitting keeps each kiosk24 command in its own chunk: the dispatcher imports a command
// only when it runs, so `--help` and `flow check` never parse the device or print code.
import { chmodSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const cliDir = join(root, 'dist', 'cli');

/** The compiled kiosk24: what package.json's bin, npm start and the CLI tests run. */
export const CLI_BUNDLE = join(cliDir, 'kiosk24.mjs');
/** The compiled Electron main process: the file `kiosk24 start` hands the Electron binary. */
export const ELECTRON_MAIN_BUNDLE = join(root, 'dist', 'electron', 'main.mjs');

// What the bundles are built from: the folders their modules come from, plus the asset module.
const SOURCE_DIRS = ['kiosk', 'drivers', 'printer-templates'].map((dir) => join(root, dir));
const SOURCE_FILES = ['assets.ts', 'package.json'].map((file) => join(root, file));

/** Newest modification time (ms) among the TypeScript files under `dir`. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|tsx|mjs)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Modification time of a built file; 0 when it does not exist yet. */
function builtAt(file) {
  try {
    return statSync(file).mtimeMs;
  } catch (error) {
    if (error.code === 'ENOENT') return 0;
    throw error;
  }
}

/** True when a bundle is missing or older than a source it is built from. */
export function nodeBundlesAreStale() {
  const built = Math.min(builtAt(CLI_BUNDLE), builtAt(ELECTRON_MAIN_BUNDLE));
  if (built === 0) return true;
  const newest = Math.max(
    ...SOURCE_DIRS.map(newestSource),
    ...SOURCE_FILES.map((file) => statSync(file).mtimeMs),
  );
  return newest > built;
}

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

/** Builds both bundles; dist/cli afresh, so no chunk of an older build is loaded by mistake. */
export async function bundleNodeEntries() {
  rmSync(cliDir, { recursive: true, force: true });
  await Promise.all([
    build({
      ...common,
      entryPoints: { kiosk24: join(root, 'kiosk', 'cli', 'bin.ts') },
      outdir: cliDir,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      splitting: true,
      target: 'node20',
    }),
    // Electron 45 runs Node 22; its main process loads everything at start anyway: one file.
    build({
      ...common,
      entryPoints: [join(root, 'kiosk', 'main', 'entry.ts')],
      outfile: ELECTRON_MAIN_BUNDLE,
      target: 'node22',
    }),
  ]);
  // The entry keeps bin.ts's `#!/usr/bin/env node` line; npm links it as the kiosk24 command.
  chmodSync(CLI_BUNDLE, 0o755);
}

// `node scripts/node-bundles.mjs`: rebuilds the bundles when a source is newer (npm run kiosk24).
if (process.argv[1] === fileURLToPath(import.meta.url) && nodeBundlesAreStale()) {
  await bundleNodeEntries();
}
