// `npm run package:deb`: builds the kiosk24 .deb for the terminal OS (Kylin, UOS, Debian) from
// the built app (npm run build) and the installed node_modules, offline, with dpkg-deb.
//   node scripts/package-deb.mjs [--out <folder>] [--compression xz|gzip|zstd|none]
// Writes <folder>/kiosk24_<version>_<arch>.deb (default folder dist/) and prints its path.
// The architecture is this machine's (dpkg --print-architecture): native modules are built
// here, so an arm64 package is built on an arm64 machine.
//
// Layout: the app in /usr/lib/kiosk24 (bundles, renderer, data files, production
// node_modules), /usr/bin/kiosk24, the units in /lib/systemd/system, udev rules in
// /lib/udev/rules.d, the config in /etc/kiosk24/config.yaml (a conffile). The source files of
// everything but the app are in packaging/.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { controlFile, nodeRange } from './package-deb/control.mjs';
import { copyRuntimeTree, importedDependencies } from './package-deb/runtime-tree.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const packaging = join(root, 'packaging');

/** Where the app lives on the terminal. */
const LIB = 'usr/lib/kiosk24';

/** What `npm run build` makes that the package needs; assets.ts names the rest. */
const BUILT = ['dist/cli', 'dist/renderer/index.html', 'dist/electron/main.mjs'];

/** Licences of the shipped font, which travel with it. */
const NOTICES = [
  'printer-templates/fonts/LICENSES.md',
  'printer-templates/fonts/LICENSE-Apache-2.0.txt',
];

/** The files from packaging/ and where each goes, with its mode. */
const PACKAGING_FILES = [
  ['bin/kiosk24', 'usr/bin/kiosk24', 0o755],
  ['ui/kiosk24-ui', `${LIB}/kiosk24-ui`, 0o755],
  ['systemd/kiosk24.service', 'lib/systemd/system/kiosk24.service', 0o644],
  ['systemd/kiosk24-ui.service', 'lib/systemd/system/kiosk24-ui.service', 0o644],
  ['udev/60-kiosk24.rules', 'lib/udev/rules.d/60-kiosk24.rules', 0o644],
  ['etc/config.yaml', 'etc/kiosk24/config.yaml', 0o644],
  ['debian/postinst', 'DEBIAN/postinst', 0o755],
  ['debian/prerm', 'DEBIAN/prerm', 0o755],
  ['debian/postrm', 'DEBIAN/postrm', 0o755],
];

/** Files dpkg keeps an operator's edits of across upgrades. */
const CONFFILES = ['/etc/kiosk24/config.yaml'];

/**
 * Compressions dpkg-deb may use. xz is the default: every dpkg reads it (zstd needs dpkg
 * 1.21.18, newer than some Kylin and UOS releases) and it makes the smallest file to send to
 * thousands of terminals. none is for tests, where compressing is most of the time spent.
 */
const COMPRESSIONS = ['xz', 'gzip', 'zstd', 'none'];

/** Runs a tool and returns its trimmed output; says what to install when it is missing. */
function run(command, args, debianPackage) {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch (error) {
    if (error.code === 'ENOENT') {
      throw new Error(`${command} is not installed; install the ${debianPackage} package`);
    }
    throw new Error(
      `${command} ${args.join(' ')} failed: ${(error.stderr || error.message).trim()}`,
    );
  }
}

/**
 * The data folders and files of assets.ts's LOCATIONS. Read from its source so a new asset is
 * packaged without a second list to keep in step; a shape this cannot read is an error.
 */
export function assetLocations() {
  const source = readFileSync(join(root, 'assets.ts'), 'utf8');
  const block = /const LOCATIONS = \{([^}]*)\} as const/.exec(source);
  const paths = [...(block?.[1] ?? '').matchAll(/^\s*\w+:\s*'([^']+)',?\s*$/gm)].map((m) => m[1]);
  if (paths.length === 0)
    throw new Error('cannot read LOCATIONS in assets.ts; update package-deb.mjs');
  return paths;
}

/** What of the repository goes to /usr/lib/kiosk24 as it is: the built app and its data. */
export function appPaths() {
  const paths = new Set([
    'dist/cli',
    'dist/renderer',
    'dist/electron',
    ...assetLocations(),
    ...NOTICES,
  ]);
  // Inside dist/, whole folders are taken; package.json is written trimmed.
  for (const path of [...paths]) {
    if (path === 'package.json' || (path.startsWith('dist/') && path.split('/').length > 2)) {
      paths.delete(path);
    }
  }
  return [...paths].sort();
}

/** The compiled JavaScript under `dir`, whose imports decide the node_modules shipped. */
function compiledFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(mjs|cjs|js)$/.test(entry.name))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/** The package.json the installed app carries: what assets.ts and Node look for, no dev parts. */
function installedManifest() {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const { name, version, description, license, type, engines, dependencies } = manifest;
  return { name, version, description, license, type, engines, dependencies };
}

/** Sets Debian's modes (0755 folders and programs, 0644 the rest); returns the size in KiB. */
function normaliseModes(dir) {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      chmodSync(path, 0o755);
      bytes += normaliseModes(path) * 1024;
    } else if (entry.isFile()) {
      const stat = lstatSync(path);
      chmodSync(path, stat.mode & 0o111 ? 0o755 : 0o644);
      bytes += stat.size;
    }
  }
  return Math.ceil(bytes / 1024);
}

/**
 * DEBIAN/md5sums: every installed file but the conffiles, for `dpkg --verify` on a terminal
 * (dpkg keeps the conffiles' sums itself; an edited config is not damage).
 */
function md5sums(stage) {
  const lines = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && !CONFFILES.includes(`/${relative(stage, path)}`)) {
        const sum = createHash('md5').update(readFileSync(path)).digest('hex');
        lines.push(`${sum}  ${relative(stage, path)}`);
      }
    }
  };
  for (const top of readdirSync(stage)) if (top !== 'DEBIAN') walk(join(stage, top));
  return `${lines.sort((a, b) => a.slice(34).localeCompare(b.slice(34))).join('\n')}\n`;
}

/** Builds the package into `outDir`; returns its path, architecture and size figures. */
export function buildDeb({ outDir = join(root, 'dist'), compression = 'xz' } = {}) {
  if (!COMPRESSIONS.includes(compression)) {
    throw new Error(`--compression must be one of ${COMPRESSIONS.join(', ')}, not ${compression}`);
  }
  for (const built of BUILT) {
    if (!existsSync(join(root, built)))
      throw new Error(`${built} is missing: run "npm run build" first`);
  }
  const arch = run('dpkg', ['--print-architecture'], 'dpkg');
  const node = nodeRange(root, arch);
  const manifest = installedManifest();
  const stage = mkdtempSync(join(tmpdir(), 'kiosk24-deb-'));
  try {
    const lib = join(stage, LIB);
    for (const path of appPaths()) cpSync(join(root, path), join(lib, path), { recursive: true });
    writeFileSync(join(lib, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const imported = importedDependencies(root, compiledFiles(join(root, 'dist')));
    const packages = copyRuntimeTree(root, lib, imported, arch);
    for (const [from, to, mode] of PACKAGING_FILES) {
      mkdirSync(dirname(join(stage, to)), { recursive: true });
      copyFileSync(join(packaging, from), join(stage, to));
      chmodSync(join(stage, to), mode);
    }
    const installedKiB = normaliseModes(stage);
    const debian = join(stage, 'DEBIAN');
    chmodSync(debian, 0o755);
    writeFileSync(join(debian, 'conffiles'), `${CONFFILES.join('\n')}\n`);
    writeFileSync(join(debian, 'md5sums'), md5sums(stage));
    writeFileSync(
      join(debian, 'control'),
      controlFile({ version: manifest.version, arch, installedKiB, node }),
    );
    for (const file of ['conffiles', 'md5sums', 'control']) chmodSync(join(debian, file), 0o644);

    mkdirSync(outDir, { recursive: true });
    const deb = join(outDir, `kiosk24_${manifest.version}_${arch}.deb`);
    run('dpkg-deb', ['--root-owner-group', `-Z${compression}`, '--build', stage, deb], 'dpkg');
    return { deb, arch, installedKiB, packages: packages.length };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { values } = parseArgs({
      options: { out: { type: 'string' }, compression: { type: 'string' } },
    });
    const started = performance.now();
    const built = buildDeb({
      outDir: values.out ?? join(root, 'dist'),
      compression: values.compression,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `kiosk24: built ${relative(process.cwd(), built.deb)} (${built.arch}, ${built.packages} npm packages, ${(built.installedKiB / 1024).toFixed(1)} MiB installed) in ${seconds} s`,
    );
  } catch (error) {
    console.error(`kiosk24 package: ${error.message}`);
    process.exitCode = 1;
  }
}
