// Stamps that let `npm start` skip the set-up check and the build when nothing they depend on
// has changed. A stamp is a file holding a digest of the inputs as they were when the step last
// succeeded; the step is stale when the digest of the inputs now differs, or the stamp (or an
// output) is missing.
//
// - Set-up (scripts/setup.sh: system packages, the better-sqlite3 build) depends on the lock file,
//   the set-up scripts and the Node runtime (a native module is built for one ABI). Its stamp
//   lives in node_modules, so a fresh `npm ci` (which replaces node_modules) runs set-up again.
//   These inputs are a few small files: their contents are hashed.
// - The build depends on the sources it compiles and the files that steer it. Hashing every
//   source on each start would cost more than it saves, so each file enters the digest by path,
//   size and modification time; any edit, checkout or copy changes one of the three. Its stamp
//   lives in dist/, so removing dist/ means a build.
//
// Plain Node, no dependency: `npm start` loads this before anything else.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root these scripts belong to. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What decides whether set-up must run again, and where its stamp is kept. */
export const SETUP = {
  stamp: 'node_modules/.kiosk24-setup-stamp',
  files: ['package-lock.json', 'scripts/setup.sh', 'scripts/build-sqlite.sh'],
};

/** What decides whether the build must run again, what it must have produced, and its stamp. */
export const BUILD = {
  stamp: 'dist/.build-stamp',
  // The folders the renderer, preload and Node bundles are compiled from.
  dirs: ['kiosk', 'drivers', 'printer-templates'],
  // The files that steer the build or are bundled from the top level.
  files: [
    'assets.ts',
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'scripts/build.mjs',
    'scripts/node-bundles.mjs',
  ],
  outputs: [
    'dist/cli/kiosk24.mjs',
    'dist/electron/main.mjs',
    'dist/electron/preload.cjs',
    'dist/renderer/index.html',
  ],
};

/** Test files are never compiled into the build, so editing one does not make it stale. */
const NOT_BUILT = /\.test\.tsx?$/;

/** The digest of the set-up inputs under `root`: their contents and the Node runtime's ABI. */
export function setupDigest(root = ROOT) {
  const hash = createHash('sha256');
  hash.update(`node ${process.versions.modules} ${process.platform} ${process.arch}\n`);
  for (const file of SETUP.files) {
    const path = join(root, file);
    hash.update(`${file}\n`);
    hash.update(existsSync(path) ? readFileSync(path) : '(missing)');
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** The digest of the build inputs under `root`: every file's path, size and modification time. */
export function buildDigest(root = ROOT) {
  const entries = [];
  const add = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    entries.push(`${relative(root, path)}\t${stat ? `${stat.size}\t${stat.mtimeMs}` : 'missing'}`);
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && !NOT_BUILT.test(entry.name)) add(path);
    }
  };
  for (const dir of BUILD.dirs) if (existsSync(join(root, dir))) walk(join(root, dir));
  for (const file of BUILD.files) add(join(root, file));
  entries.sort();
  return createHash('sha256').update(entries.join('\n')).digest('hex');
}

/** True when the stamp at `stampFile` holds exactly `digest`. */
export function stampMatches(stampFile, digest) {
  try {
    return readFileSync(stampFile, 'utf8').trim() === digest;
  } catch (error) {
    if (error.code === 'ENOENT') return false;
    throw error;
  }
}

/** Records that a step succeeded for inputs with this digest. */
export function writeStamp(stampFile, digest) {
  mkdirSync(dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, `${digest}\n`);
}

/**
 * Whether set-up must run: `{ stale, digest }`. The digest is taken before the step runs and
 * written after it succeeds, so an input changed meanwhile leaves the step stale.
 */
export function setupState(root = ROOT) {
  const digest = setupDigest(root);
  return { stale: !stampMatches(join(root, SETUP.stamp), digest), digest };
}

/** Whether the build must run: its stamp differs from the inputs, or an output is missing. */
export function buildState(root = ROOT) {
  const digest = buildDigest(root);
  const outputsThere = BUILD.outputs.every((file) => existsSync(join(root, file)));
  return { stale: !outputsThere || !stampMatches(join(root, BUILD.stamp), digest), digest };
}

// `node scripts/stamps.mjs setup-done`: what `npm run setup` runs after scripts/setup.sh succeeded,
// so a set-up run by hand (or by `npm test`) counts for `npm start` too.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] !== 'setup-done') {
    console.error('usage: node scripts/stamps.mjs setup-done');
    process.exit(2);
  }
  writeStamp(join(ROOT, SETUP.stamp), setupDigest(ROOT));
}
