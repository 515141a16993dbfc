// Builds what the kiosk serves and runs: the renderer (Vite) into dist/renderer, and the
// Electron main and preload bundles (esbuild) into dist/electron. Plain Node, no shell.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

await viteBuild({ configFile: `${root}/kiosk/renderer/vite.config.ts`, logLevel: 'warn' });

const mainEntry = `${root}/kiosk/main/entry.ts`;
const preloadEntry = `${root}/kiosk/preload/index.ts`;
if (existsSync(mainEntry) && existsSync(preloadEntry)) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    logLevel: 'warning',
    external: ['electron', 'serialport', 'node-hid', 'better-sqlite3', '@serialport/*'],
  };
  await esbuild({
    ...common,
    entryPoints: [mainEntry],
    outfile: `${root}/dist/electron/main.mjs`,
    format: 'esm',
  });
  // A sandboxed preload must be a single CommonJS file.
  await esbuild({
    ...common,
    entryPoints: [preloadEntry],
    outfile: `${root}/dist/electron/preload.cjs`,
    format: 'cjs',
  });
}
