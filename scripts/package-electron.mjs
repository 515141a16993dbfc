// Packages the Electron kiosk: `npm run package:electron`. Plain Node.
//
// 1. Builds the app (scripts/build.mjs) unless told `--no-build`.
// 2. Stages what the compiled main process needs at run time, laid out as in the repository so
//    assets.ts finds everything from the archive's own package.json: the main bundle, the
//    preload, the renderer (without the simulator panel, which only the browser host serves),
//    the data files assets.ts names, and the production packages the bundle leaves external,
//    with their dependencies. No TypeScript, tests, source maps or native build sources.
// 3. Packs the stage into app.asar with @electron/asar; native `.node` files are unpacked beside
//    it (app.asar.unpacked), because the system loader cannot read inside an archive.
// 4. When Electron's binary is installed (node_modules/electron/dist), copies that distribution
//    next to the archive and flips the fuses of kiosk/main/fuses.ts in the copy with
//    @electron/fuses, then reads them back and fails if any differs. Electron's own binary in
//    node_modules is never changed: development runs need it as it is.
// 5. Writes kiosk24-app.json: versions, the archive's header hash, the fuses and whether they
//    were applied, and the native modules with the runtime ABI each was built for.
//
// Output: dist/electron-app/ (resources/app.asar, resources/app.asar.unpacked/, the Electron
// distribution when present, kiosk24-app.json).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createPackageWithOptions, getRawHeader, listPackage } from '@electron/asar';
import { flipFuses, getCurrentFuseWire } from '@electron/fuses';
import { build as esbuild } from 'esbuild';
import { ELECTRON_MAIN_BUNDLE } from './node-bundles.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Where the packaged app is written. */
export const PACKAGE_DIR = join(root, 'dist', 'electron-app');
/** Electron's distribution as its npm package installs it (absent when the download failed). */
export const ELECTRON_DIST = join(root, 'node_modules', 'electron', 'dist');

/** Files that are never part of the app: sources, tests, maps, docs and hidden files. */
const NEVER_PACKED_FILE = [
  /\.(ts|tsx|mts|cts|map|md|markdown)$/i,
  /\.(c|cc|cpp|h|hpp|gyp|gypi)$/i,
  /\.(test|spec)\.[cm]?js$/,
];
/**
 * Folders never packed: tests, hidden folders, and nested node_modules. (Not doc/ or docs/:
 * some packages keep run-time modules under those names.)
 */
const NEVER_PACKED_DIR = /(^|\/)(test|tests|__tests__|__mocks__|coverage|node_modules|\.[^/]*)$/;
/** In a native package (one with binding.gyp) only what loads at run time is kept. */
const NATIVE_RUNTIME_FILE = /(\.(js|cjs|mjs|json|node)|(^|\/)LICEN[CS]E[^/]*)$/i;
/** Prebuilt binaries for other systems than the terminal's (Linux) are left out. */
const OTHER_SYSTEM_PREBUILD =
  /(^|\/)prebuilds\/[^/]*(darwin|win32|android|freebsd|openbsd|sunos|aix|ios)[^/]*\//;
/** node-gyp leaves objects and test extensions beside a native module; only the module loads. */
const BUILD_LEFTOVER = /(^|\/)build\/(?!Release\/[^/]+\.node$)|(^|\/)test_[^/]*\.node$/;
/** The renderer's simulator panel: the browser host serves it; the Electron window never does. */
const BROWSER_HOST_ONLY = /^dist\/renderer\/sim-panel(\/|$)/;

/**
 * Dependencies that only install or compile a native module (download a prebuilt binary, C++
 * headers): never loaded at run time, so neither they nor what only they need are packed.
 */
const INSTALL_TIME_ONLY = new Set(['prebuild-install', 'node-addon-api', 'node-gyp']);

/** Bare package name of an import specifier: `@scope/name/sub` → `@scope/name`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The packages the compiled main process imports (esbuild reads the bundle's own imports). */
async function importedPackages(bundle) {
  const result = await esbuild({
    entryPoints: [bundle],
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
  });
  const names = new Set();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const { path, external } of input.imports) {
      if (!external || path.startsWith('node:') || path === 'electron') continue;
      names.add(packageName(path));
    }
  }
  return [...names].sort();
}

/** The folder Node would load `name` from when required inside `fromDir`, within the project. */
function resolvePackage(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return undefined;
  }
}

/** Every package folder the given packages need at run time, their dependencies included. */
export function runtimePackageDirs(names) {
  const found = new Set();
  const visit = (name, fromDir, required, wantedBy) => {
    if (INSTALL_TIME_ONLY.has(name)) return;
    const dir = resolvePackage(name, fromDir);
    if (dir === undefined) {
      if (required) {
        throw new Error(`${wantedBy} needs ${name}, which is not installed: run npm ci first`);
      }
      return;
    }
    if (found.has(dir)) return;
    found.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, true, name);
    for (const dep of Object.keys(manifest.optionalDependencies ?? {}))
      visit(dep, dir, false, name);
    for (const dep of Object.keys(manifest.peerDependencies ?? {})) visit(dep, dir, false, name);
  };
  for (const name of names) visit(name, root, true, 'the Electron main bundle');
  return [...found].sort();
}

/**
 * Copies `from` (a folder or one file) to `to`, skipping the folders that are never packed and
 * keeping a file only when `keep(pathRelativeToFrom)` agrees.
 */
function copyFiltered(from, to, keep) {
  cpSync(from, to, {
    recursive: true,
    filter: (source) => {
      const inside = relative(from, source).split(sep).join('/');
      if (inside === '') return true;
      if (statSync(source).isDirectory()) return !NEVER_PACKED_DIR.test(inside);
      return keep(inside);
    },
  });
}

function isPackedFile(inside) {
  return !NEVER_PACKED_FILE.some((pattern) => pattern.test(inside));
}

/**
 * Copies one installed package without its docs and tests; a native one keeps only its
 * JavaScript, JSON, licence and the Linux `.node` modules, not its C sources or build objects.
 * A nested node_modules is left out here: the packages in it are staged on their own if needed.
 */
function stagePackage(dir, stage) {
  const native = existsSync(join(dir, 'binding.gyp'));
  copyFiltered(dir, join(stage, relative(root, dir)), (inside) => {
    if (OTHER_SYSTEM_PREBUILD.test(inside)) return false;
    if (native && (BUILD_LEFTOVER.test(inside) || !NATIVE_RUNTIME_FILE.test(inside))) return false;
    return isPackedFile(inside);
  });
}

/** Removes the folders under `dir` that the filters left empty; true when `dir` is empty. */
function pruneEmpty(dir) {
  let empty = true;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && pruneEmpty(path)) rmSync(path, { recursive: true });
    else empty = false;
  }
  return empty;
}

/** The package.json inside the archive: how Electron finds main, how assets.ts finds the root. */
function appManifest() {
  const project = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return {
    name: project.name,
    version: project.version,
    description: project.description,
    license: project.license,
    private: true,
    type: 'module',
    main: relative(root, ELECTRON_MAIN_BUNDLE).split(sep).join('/'),
  };
}

/** The symbol a module built against one runtime's ABI exports, followed by that ABI number. */
const ABI_SYMBOL = 'node_register_module_v';

/**
 * The runtime ABI a native module was built for: the NODE_MODULE_VERSION in its registration
 * symbol when it has one (such a module loads only in that runtime), else 'napi' for a Node-API
 * module, which loads in Node and Electron alike.
 */
export function nativeAbiOf(file) {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(ABI_SYMBOL);
  if (at !== -1) {
    const after = bytes.subarray(at + ABI_SYMBOL.length, at + ABI_SYMBOL.length + 8);
    const digits = /^\d+/.exec(after.toString('latin1'));
    if (digits !== null) return Number(digits[0]);
  }
  return bytes.includes('napi_') ? 'napi' : 'unknown';
}

/** SHA-256 of the archive header: the value Electron's asar integrity check compares. */
export function asarHeaderHash(archive) {
  return createHash('sha256').update(getRawHeader(archive).headerString).digest('hex');
}

/** The Electron executable's name in a distribution folder (path.txt beside it names it). */
function electronExecutableName(dist) {
  const named = join(dist, '..', 'path.txt');
  return existsSync(named) ? readFileSync(named, 'utf8').trim() : 'electron';
}

/**
 * Flips `fuseConfig` in the binary and reads the wire back; throws when any fuse differs, so a
 * package never leaves here with a fuse other than the one asked for.
 */
export async function applyFuses(binary, fuseConfig) {
  await flipFuses(binary, fuseConfig);
  const wire = await getCurrentFuseWire(binary);
  const wrong = Object.entries(fuseConfig)
    .filter(([key]) => /^\d+$/.test(key))
    .filter(([key, enabled]) => wire[key] !== (enabled ? 49 : 48))
    .map(([key]) => key);
  if (wrong.length > 0) {
    throw new Error(`fuses ${wrong.join(', ')} did not take in ${binary}; the binary is unusable`);
  }
  return wire;
}

/**
 * Builds the packaged app into `outDir`.
 * @param {object} options
 * @param {import('@electron/fuses').FuseConfig} options.fuseConfig what flipFuses is given
 * @param {string[]} options.assetPaths data files and folders (from assets.ts), absolute
 * @param {string} [options.outDir] default dist/electron-app
 * @param {string} [options.electronDist] Electron's distribution folder, default the npm one
 * @param {boolean} [options.build] run scripts/build.mjs first (default true)
 * @param {(line: string) => void} [options.log]
 */
export async function packageElectronApp(options) {
  const outDir = options.outDir ?? PACKAGE_DIR;
  const electronDist = options.electronDist ?? ELECTRON_DIST;
  const log = options.log ?? ((line) => console.log(line));
  if (options.build ?? true) {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  }
  for (const path of options.assetPaths) {
    if (!existsSync(path)) {
      throw new Error(`${relative(root, path)} is missing: run npm run build first`);
    }
  }

  const stage = mkdtempSync(join(tmpdir(), 'kiosk24-package-'));
  try {
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(appManifest(), null, 2)}\n`);
    for (const path of options.assetPaths) {
      const inside = relative(root, path).split(sep).join('/');
      copyFiltered(path, join(stage, inside), (file) => {
        const whole = `${inside}/${file}`;
        return isPackedFile(whole) && !BROWSER_HOST_ONLY.test(whole);
      });
    }
    const packages = runtimePackageDirs(await importedPackages(ELECTRON_MAIN_BUNDLE));
    for (const dir of packages) stagePackage(dir, stage);
    pruneEmpty(stage);

    rmSync(outDir, { recursive: true, force: true });
    const executable = electronExecutableName(electronDist);
    const hasElectron = existsSync(join(electronDist, executable));
    if (hasElectron) {
      cpSync(electronDist, outDir, { recursive: true, verbatimSymlinks: true });
      // Electron falls back to its default app when none is found; the kiosk ships none.
      rmSync(join(outDir, 'resources', 'default_app.asar'), { force: true });
    }
    mkdirSync(join(outDir, 'resources'), { recursive: true });
    const archive = join(outDir, 'resources', 'app.asar');
    await createPackageWithOptions(stage, archive, { unpack: '*.node' });

    const entries = listPackage(archive, { isPack: true });
    const unpacked = entries.filter((line) => line.startsWith('unpack')).map((l) => l.slice(9));
    const abiOfElectron = readAbi(join(electronDist, '..', 'abi_version'));
    const nativeModules = unpacked
      .filter((file) => file.endsWith('.node'))
      .map((file) => ({
        file,
        abi: nativeAbiOf(join(`${archive}.unpacked`, file)),
      }));
    const mismatched = nativeModules.filter(
      ({ abi }) => abi !== 'napi' && abiOfElectron !== undefined && abi !== abiOfElectron,
    );
    for (const { file, abi } of mismatched) {
      log(
        `warning: ${file} is built for runtime ABI ${abi}, Electron needs ${abiOfElectron}: rebuild it for Electron (@electron/rebuild) before shipping`,
      );
    }

    let fuses = { applied: false, reason: `no Electron binary in ${relative(root, electronDist)}` };
    if (hasElectron) {
      const binary = join(outDir, executable);
      await applyFuses(binary, options.fuseConfig);
      fuses = { applied: true, binary: relative(outDir, binary) };
    }
    const report = {
      name: appManifest().name,
      version: appManifest().version,
      electronAbi: abiOfElectron ?? null,
      archive: {
        file: 'resources/app.asar',
        headerSha256: asarHeaderHash(archive),
        entries: entries.length,
      },
      fuses: { ...fuses, config: options.fuseConfig },
      nativeModules,
      packages: packages.map((dir) => relative(root, dir).split(sep).join('/')),
    };
    writeFileSync(join(outDir, 'kiosk24-app.json'), `${JSON.stringify(report, null, 2)}\n`);
    log(
      `kiosk24: packed ${entries.length} entries into ${relative(root, archive) || archive} (${(statSync(archive).size / 1048576).toFixed(1)} MiB, ${unpacked.length} unpacked)`,
    );
    log(
      fuses.applied
        ? `kiosk24: fuses applied to ${fuses.binary} and read back`
        : `kiosk24: fuses NOT applied: ${fuses.reason}; the archive alone is ready`,
    );
    return { outDir, archive, report };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function readAbi(file) {
  if (!existsSync(file)) return undefined;
  const value = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(value) ? value : undefined;
}

// `node scripts/package-electron.mjs [--no-build]`: the settings come from the TypeScript sources
// (fuses.ts, assets.ts), loaded through tsx, which the project already depends on.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { tsImport } = await import('tsx/esm/api');
  const source = (file) => pathToFileURL(join(root, file)).href;
  const { kioskFuseConfig } = await tsImport(source('kiosk/main/fuses.ts'), import.meta.url);
  const { ASSETS, assetPath } = await tsImport(source('assets.ts'), import.meta.url);
  try {
    await packageElectronApp({
      fuseConfig: kioskFuseConfig(),
      assetPaths: ASSETS.filter((asset) => asset !== 'packageJson').map((a) => assetPath(a)),
      build: !process.argv.includes('--no-build'),
    });
  } catch (error) {
    console.error(`kiosk24: packaging failed: ${error.message}`);
    process.exitCode = 1;
  }
}
