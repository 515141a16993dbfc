// The compiled kiosk24 command: one esbuild bundle of kiosk/cli/bin.ts, shared by the build
// script, the test setup and the CLI bench so all three build exactly the same thing.
//
// Every npm dependency stays external (resolved from node_modules at run time), not only the
// native and large ones (serialport, node-hid, playwright-core, electron):
// - the kiosk needs node_modules anyway for the native modules, so bundling the rest saves no
//   install step;
// - pino starts its transports in worker threads by file name and ws probes optional native
//   helpers with require(): both break once copied into a bundle;
// - CommonJS packages (fontkit, bwip-js, qrcode, iconv-lite) would need a require() shim
//   inside an ESM bundle;
// - the bundle then holds only the project's own TypeScript, the part tsx had to compile on
//   every run, and it builds in well under a second, cheap enough to redo before tests.
// Code splitting keeps each command in its own chunk: the dispatcher imports a command only
// when it runs, so `--help` and `flow check` never parse the device or print code.
import { chmodSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist', 'cli');

/** The compiled entry point: what package.json's bin, npm start and the CLI tests run. */
export const CLI_BUNDLE = join(outdir, 'kiosk24.mjs');

// What the bundle is built from: the folders its modules come from, plus the asset module.
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

/** True when the bundle is missing or older than a source it is built from. */
export function cliBundleIsStale() {
  let built;
  try {
    built = statSync(CLI_BUNDLE).mtimeMs;
  } catch (error) {
    if (error.code === 'ENOENT') return true;
    throw error;
  }
  const newest = Math.max(
    ...SOURCE_DIRS.map(newestSource),
    ...SOURCE_FILES.map((file) => statSync(file).mtimeMs),
  );
  return newest > built;
}

/** Builds dist/cli afresh (old chunks removed, so none is loaded by mistake). */
export async function bundleCli() {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { kiosk24: join(root, 'kiosk', 'cli', 'bin.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  // The entry keeps bin.ts's `#!/usr/bin/env node` line; npm links it as the kiosk24 command.
  chmodSync(CLI_BUNDLE, 0o755);
}

// `node scripts/cli-bundle.mjs`: rebuilds the bundle when a source is newer (npm run kiosk24).
if (process.argv[1] === fileURLToPath(import.meta.url) && cliBundleIsStale()) await bundleCli();
