// Builds what the kiosk runs: the renderer (Vite) into dist/renderer, the Electron preload
// bundle (esbuild) into dist/electron, and the kiosk24 command with the browser host it starts
// (esbuild, see cli-bundle.mjs) into dist/cli. Electron's main process still runs the sources
// in place through kiosk/main/electron-main.mjs. Plain Node, no shell.
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { bundleCli } from './cli-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

await viteBuild({ configFile: `${root}/kiosk/renderer/vite.config.ts`, logLevel: 'warn' });

// A sandboxed preload cannot load modules: it must be one CommonJS file.
await esbuild({
  entryPoints: [`${root}/kiosk/preload/index.ts`],
  outfile: `${root}/dist/electron/preload.cjs`,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: ['electron'],
  logLevel: 'warning',
});

await bundleCli();
