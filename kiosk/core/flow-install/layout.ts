/**
 * The install root on disk, and the two operations that make installs atomic:
 *
 *   <installDir>/<flowId>/<version>/package/...   the package files, as verified
 *   <installDir>/<flowId>/<version>/manifest.json the archive's manifest (and manifest.sig)
 *   <installDir>/<flowId>/<version>/installed.json when and by whose key it was installed
 *   <installDir>/<flowId>/current  -> <version>   what the kiosk serves
 *   <installDir>/<flowId>/previous -> <version>   what rollback returns to
 *
 * A version folder appears only by renaming a complete, synced staging folder, and `current`
 * changes only by renaming a new link over it, so a process killed at any instant leaves
 * `current` on a complete version. What a killed install leaves behind (staging folders,
 * temporary links, versions no link names) is removed by `cleanLeftovers` at the next install.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { errorCode, InstallRefusal } from './errors.ts';

/** The link to the served version, and to the one rollback returns to. */
export const CURRENT = 'current';
export const PREVIOUS = 'previous';
/** Folder of the package files inside a version folder. */
export const PACKAGE_DIR = 'package';
/** Record of when and by whose key a version was installed. */
export const INSTALLED_RECORD = 'installed.json';
/** Prefixes of what an install writes before its final rename; never served. */
export const STAGING_PREFIX = '.staging-';
const TEMP_LINK_PREFIX = '.link-';
const TRASH_PREFIX = '.trash-';
const LOCK_FILE = '.install.lock';

/** What installed.json holds. */
export interface InstalledRecord {
  installedAt: string;
  signer: string | null;
  keyId: string | null;
}

/** The version a link in `flowDir` names, or null when there is no such link. */
export function linkedVersion(flowDir: string, link: string): string | null {
  try {
    const target = readlinkSync(join(flowDir, link));
    // Links are written as bare version names; anything else was not written by kiosk24.
    return /^\d+\.\d+\.\d+$/.test(target) ? target : null;
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'EINVAL') return null;
    throw error;
  }
}

/** Points `link` at `version` atomically: a new link under a temporary name renamed over it. */
export function swapLink(flowDir: string, link: string, version: string): void {
  const temporary = join(flowDir, `${TEMP_LINK_PREFIX}${randomBytes(6).toString('hex')}`);
  symlinkSync(version, temporary);
  renameSync(temporary, join(flowDir, link));
  syncFolder(flowDir);
}

/** Flushes a folder's entries (a rename, a new link) to disk. */
export function syncFolder(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes `bytes` to a new file and syncs it, so a rename later publishes complete data. */
export function writeSynced(file: string, bytes: Buffer | string): void {
  const fd = openSync(file, 'wx', 0o644);
  try {
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    for (let done = 0; done < data.length;) done += writeSync(fd, data, done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes staging folders, temporary links and versions neither link names; returns how many
 * entries went. Safe only under the install lock.
 */
export function cleanLeftovers(flowDir: string): number {
  if (!existsSync(flowDir)) return 0;
  const keep = new Set([
    CURRENT,
    PREVIOUS,
    linkedVersion(flowDir, CURRENT),
    linkedVersion(flowDir, PREVIOUS),
  ]);
  let removed = 0;
  for (const name of readdirSync(flowDir)) {
    if (keep.has(name)) continue;
    const leftover = [STAGING_PREFIX, TEMP_LINK_PREFIX, TRASH_PREFIX].some((p) =>
      name.startsWith(p),
    );
    if (leftover || /^\d+\.\d+\.\d+$/.test(name)) {
      rmSync(join(flowDir, name), { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}

/** Moves a folder out of the way under a name `cleanLeftovers` removes. */
export function moveToTrash(flowDir: string, name: string): void {
  renameSync(
    join(flowDir, name),
    join(flowDir, `${TRASH_PREFIX}${randomBytes(6).toString('hex')}`),
  );
}

/** The installed.json of a version, or null when missing or unreadable. */
export function readInstalledRecord(versionDir: string): InstalledRecord | null {
  try {
    const raw = JSON.parse(
      readFileSync(join(versionDir, INSTALLED_RECORD), 'utf8'),
    ) as Partial<InstalledRecord>;
    return {
      installedAt: typeof raw.installedAt === 'string' ? raw.installedAt : '',
      signer: typeof raw.signer === 'string' ? raw.signer : null,
      keyId: typeof raw.keyId === 'string' ? raw.keyId : null,
    };
  } catch (error) {
    if (error instanceof SyntaxError || errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Takes the install lock of `root` and returns its release. A lock left by a process that no
 * longer runs (a killed install) is taken over; one held by a live process refuses.
 */
export function takeInstallLock(root: string): () => void {
  const file = join(root, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder))
        throw new InstallRefusal(
          `another install or rollback is running (process ${holder})`,
          'wait for it to finish and try again',
        );
      rmSync(file, { force: true });
    }
  }
  throw new InstallRefusal(
    `the install lock ${file} cannot be taken`,
    'remove it if no install is running',
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, so it still holds the lock.
    return errorCode(error) === 'EPERM';
  }
}
