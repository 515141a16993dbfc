// The production node_modules the installed kiosk needs, found by walking package.json
// dependencies from the kiosk's own runtime dependencies the way Node resolves them (a package's
// own nested node_modules first, then each folder above). Offline: it copies what `npm ci`
// installed, never downloads. Native modules keep only what loads at run time.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * Files of a dependency that Node never loads: TypeScript sources and declarations, and source
 * maps (the kiosk's own bundles keep theirs; a dependency's only serve its authors). About 35 of
 * the 90 MB the runtime packages take in node_modules.
 */
const NEVER_LOADED = /\.(map|ts|mts|cts)$/;

/** The package name of a bare import specifier: `pino`, `@pdf-lib/fontkit`, `ws/lib/x` → `ws`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The dependencies of the project at `root` that the compiled files import: every package
 * esbuild left external in them (`from "x"`, `import("x")`, `import "x"`) that package.json
 * lists under `dependencies`. What the bundles never import (tsx for development, preact
 * compiled into the renderer, a library only a bench uses) stays out of the package; a
 * specifier that is not a dependency (node:fs, electron from devDependencies) is not looked for.
 */
export function importedDependencies(root, files) {
  const declared = Object.keys(readManifest(root).dependencies ?? {});
  const imported = new Set();
  const pattern =
    /\bfrom\s*"([^"./][^"]*)"|\bimport\s*\(\s*"([^"./][^"]*)"\s*\)|\bimport\s+"([^"./][^"]*)"/g;
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
      imported.add(packageName(match[1] ?? match[2] ?? match[3]));
    }
  }
  return declared.filter((name) => imported.has(name)).sort();
}

/**
 * Native modules compiled on this machine: only the listed files load at run time; the rest of
 * the package is the C sources and object files of the compile (better-sqlite3: about 25 of its
 * 28 MB).
 */
const KEEP_ONLY = {
  'better-sqlite3': ['package.json', 'LICENSE', 'lib', 'build/Release/better_sqlite3.node'],
};

/** Reads and parses a package.json; says which one when it cannot. */
function readManifest(dir) {
  const file = join(dir, 'package.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${error.message}. Run "npm ci" to reinstall.`);
  }
}

/** The folder `name` resolves to from a package in `fromDir`, looking no higher than `root`. */
function resolvePackage(name, fromDir, root) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return undefined;
  }
}

/**
 * Every package folder the packages `names` reach from the project at `root`, as paths relative
 * to `root` (node_modules/…), sorted. Throws when a required package is missing; optional ones
 * (another platform's prebuilt binary) may be absent.
 */
export function runtimePackages(root, names) {
  const found = new Set();
  const visit = (name, fromDir, optional) => {
    const dir = resolvePackage(name, fromDir, root);
    if (dir === undefined) {
      if (optional) return;
      throw new Error(
        `${name} (needed by ${relative(root, fromDir) || 'kiosk24'}) is not installed in node_modules. Run "npm ci".`,
      );
    }
    if (found.has(dir)) return;
    found.add(dir);
    const own = readManifest(dir);
    for (const dep of Object.keys(own.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(own.optionalDependencies ?? {})) visit(dep, dir, true);
    for (const dep of Object.keys(own.peerDependencies ?? {})) visit(dep, dir, true);
  };
  for (const name of names) visit(name, root, false);
  return [...found].map((dir) => relative(root, dir)).sort();
}

/** The Node name of a Debian architecture, as prebuilt binaries are named (linux-x64, …). */
export function nodeArch(debianArch) {
  const names = { amd64: 'x64', arm64: 'arm64', armhf: 'arm', i386: 'ia32' };
  const name = names[debianArch];
  if (name === undefined) throw new Error(`kiosk24 is not packaged for ${debianArch}`);
  return name;
}

/** True for the files of package folder `pkg` worth shipping; `inside` is relative to it. */
function shipped(pkg, inside, arch) {
  const parts = inside.split(sep);
  if (NEVER_LOADED.test(inside)) return false;
  // Nested dependencies are packages of their own in the walk, copied when reached.
  if (parts[0] === 'node_modules') return false;
  // Prebuilt binaries for other systems and processors (node-hid, serialport).
  if (parts[0] === 'prebuilds' && parts.length > 1 && !parts[1].includes(`linux-${arch}`)) {
    return false;
  }
  const keep = KEEP_ONLY[pkg.split(`node_modules${sep}`).pop()];
  if (keep === undefined || inside === '') return true;
  return keep.some(
    (path) => path === inside || path.startsWith(`${inside}/`) || inside.startsWith(`${path}/`),
  );
}

/**
 * Copies the packages `names` and everything they depend on from the project at `root` into
 * `target` (its node_modules); returns the package folders copied.
 */
export function copyRuntimeTree(root, target, names, debianArch) {
  const arch = nodeArch(debianArch);
  const packages = runtimePackages(root, names);
  for (const pkg of packages) {
    const from = join(root, pkg);
    cpSync(from, join(target, pkg), {
      recursive: true,
      filter: (source) => shipped(pkg, relative(from, source), arch),
    });
  }
  return packages;
}
