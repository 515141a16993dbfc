// Builds what the kiosk runs: the renderer (Vite) into dist/renderer, the Electron preload
// bundle (esbuild) into dist/electron, and the Node entry points (esbuild, see
// node-bundles.mjs): the kiosk24 command with the browser host it starts into dist/cli, Electron's
// main process into dist/electron/main.mjs. Plain Node, no shell.
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { bundleNodeEntries } from './node-bundles.mjs';
import { BUILD, buildDigest, writeStamp } from './stamps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Taken before anything is compiled: a source edited during the build leaves the stamp stale.
const digest = buildDigest(root);

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

await bundleNodeEntries();

// `npm start` builds again only when the sources differ from what this build compiled.
writeStamp(`${root}/${BUILD.stamp}`, digest);
