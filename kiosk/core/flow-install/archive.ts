/**
 * Writes and reads .k24flow archives: a gzipped tar (node-tar) holding manifest.json, an optional
 * manifest.sig and the package files under package/. Reading treats the archive as hostile: the
 * file and its unpacked size are capped before anything is parsed, and any entry that is a link
 * (symbolic or hard), a device or FIFO, an absolute path, a path with "..", a duplicate, or a
 * file the manifest does not list refuses the whole archive. Files are only ever held in memory
 * here; the installer writes them itself, so tar never creates anything on disk.
 */
import { randomBytes } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { create, Parser, type ReadEntry } from 'tar';
import { MAX_FILE_BYTES, MAX_PACKAGE_BYTES } from '../runner/package-files.ts';
import { errorCode, InstallRefusal } from './errors.ts';
import {
  archiveManifestSchema,
  MANIFEST_ENTRY,
  MAX_MANIFEST_BYTES,
  MAX_PACKAGE_FILES,
  PACKAGE_PREFIX,
  sha256,
  SIGNATURE_ENTRY,
  type ArchiveManifest,
} from './manifest.ts';

/** Tar entries one archive may hold: every file plus a folder entry for each, and the manifest pair. */
export const MAX_ARCHIVE_ENTRIES = MAX_PACKAGE_FILES * 2 + 2;
/** Bytes a tar spends per entry beyond the file (header, padding, a PAX header for long names). */
const TAR_OVERHEAD_PER_ENTRY = 3 * 512;
/** Largest unpacked tar: the package cap plus the manifest and the tar's own framing. */
export const MAX_TAR_BYTES =
  MAX_PACKAGE_BYTES + MAX_MANIFEST_BYTES + MAX_ARCHIVE_ENTRIES * TAR_OVERHEAD_PER_ENTRY + 1024;
/** Largest archive file read: gzip can grow incompressible input slightly, never past this. */
export const MAX_ARCHIVE_BYTES = MAX_TAR_BYTES + 64 * 1024;
/** Length of a detached signature file: base64 of 64 bytes and a newline. */
const MAX_SIGNATURE_BYTES = 100;

/** The contents of an archive whose entries passed the checks and whose files match the manifest. */
export interface FlowArchive {
  manifestBytes: Buffer;
  manifest: ArchiveManifest;
  /** The raw Ed25519 signature, when the archive is signed. */
  signature?: Buffer;
  /** Package path (without package/) to bytes, exactly the manifest's files. */
  files: Map<string, Buffer>;
}

/** Writes an archive to `file` atomically (a temporary file renamed over it). */
export async function writeArchive(
  file: string,
  manifestBytes: Buffer,
  files: ReadonlyMap<string, Buffer>,
  signature?: Buffer,
): Promise<void> {
  const layout = mkdtempSync(join(tmpdir(), 'kiosk24-pack-'));
  const temporary = `${file}.tmp-${randomBytes(6).toString('hex')}`;
  try {
    const entries = [MANIFEST_ENTRY];
    writeFileSync(join(layout, MANIFEST_ENTRY), manifestBytes);
    if (signature) {
      writeFileSync(join(layout, SIGNATURE_ENTRY), `${signature.toString('base64')}\n`);
      entries.push(SIGNATURE_ENTRY);
    }
    for (const [path, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const target = join(layout, PACKAGE_PREFIX, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
      entries.push(`${PACKAGE_PREFIX}${path}`);
    }
    // portable + a fixed mtime: the same package packs to the same bytes on any machine.
    await create(
      { gzip: true, file: temporary, cwd: layout, portable: true, mtime: new Date(0) },
      entries,
    );
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    if (error instanceof InstallRefusal) throw error;
    throw new InstallRefusal(
      `${file} cannot be written (${errorCode(error)})`,
      'name a file in a folder you can write to',
    );
  } finally {
    rmSync(layout, { recursive: true, force: true });
  }
}

/** Reads and checks `file`; throws an InstallRefusal naming the first thing wrong. */
export async function readArchive(file: string): Promise<FlowArchive> {
  const tar = gunzipArchive(file);
  const entries = await tarEntries(tar);
  const manifestBytes = entries.get(MANIFEST_ENTRY);
  if (!manifestBytes)
    throw refused(`it has no ${MANIFEST_ENTRY}`, 'make archives with kiosk24 flow pack');
  if (manifestBytes.length > MAX_MANIFEST_BYTES)
    throw refused(
      `its manifest is over ${MAX_MANIFEST_BYTES} bytes`,
      'make archives with kiosk24 flow pack',
    );
  let json: unknown;
  try {
    json = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    throw refused('its manifest is not JSON', 'make archives with kiosk24 flow pack');
  }
  const parsed = archiveManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refused(
      `its manifest is not valid (${issue?.path.join('.') || 'manifest'}: ${issue?.message ?? 'invalid'})`,
      'make archives with kiosk24 flow pack',
    );
  }
  const manifest = parsed.data;
  const files = new Map<string, Buffer>();
  for (const { path, sha256: expected, size } of manifest.files) {
    const bytes = entries.get(`${PACKAGE_PREFIX}${path}`);
    if (!bytes)
      throw refused(
        `the manifest lists ${path}, which the archive lacks`,
        'pack the package again',
      );
    if (bytes.length !== size || sha256(bytes) !== expected)
      throw refused(
        `${path} does not match its SHA-256 in the manifest`,
        'the archive was damaged or altered: get it again from the vendor',
      );
    if (files.has(path))
      throw refused(`the manifest lists ${path} twice`, 'pack the package again');
    files.set(path, bytes);
  }
  for (const name of entries.keys()) {
    const listed =
      name === MANIFEST_ENTRY ||
      name === SIGNATURE_ENTRY ||
      (name.startsWith(PACKAGE_PREFIX) && files.has(name.slice(PACKAGE_PREFIX.length)));
    if (!listed)
      throw refused(
        `it holds ${JSON.stringify(name)}, which the manifest does not list`,
        'pack the package again; an archive carries only listed files',
      );
  }
  const sig = entries.get(SIGNATURE_ENTRY);
  const archive: FlowArchive = { manifestBytes, manifest, files };
  if (sig) {
    const text = sig.toString('utf8').trim();
    const signature = Buffer.from(text, 'base64');
    if (
      sig.length > MAX_SIGNATURE_BYTES ||
      !/^[A-Za-z0-9+/]+={0,2}$/.test(text) ||
      signature.length !== 64
    )
      throw refused(
        `its ${SIGNATURE_ENTRY} is not an Ed25519 signature`,
        'sign it again with kiosk24 flow sign',
      );
    archive.signature = signature;
  }
  return archive;
}

/** The tar inside the gzipped archive file, within the caps. */
function gunzipArchive(file: string): Buffer {
  let bytes: Buffer;
  try {
    const stat = lstatSync(file);
    if (!stat.isFile()) throw refused('it is not a regular file', 'name the .k24flow file itself');
    if (stat.size > MAX_ARCHIVE_BYTES)
      throw refused(
        `it is ${stat.size} bytes, more than the ${MAX_ARCHIVE_BYTES} an archive may be`,
        'make the package smaller',
      );
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof InstallRefusal) throw error;
    throw new InstallRefusal(
      `${file} cannot be read (${errorCode(error)})`,
      'name a .k24flow file that exists and is readable',
    );
  }
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b)
    throw refused('it is not a gzipped archive', 'name a .k24flow file made by kiosk24 flow pack');
  try {
    // maxOutputLength stops a gzip bomb at the cap instead of after filling memory.
    return gunzipSync(bytes, { maxOutputLength: MAX_TAR_BYTES });
  } catch (error) {
    if (error instanceof RangeError)
      throw refused(`it unpacks to more than ${MAX_TAR_BYTES} bytes`, 'make the package smaller');
    throw refused('its gzip data is damaged', 'get the archive again from the vendor');
  }
}

/** Every entry of `tar` by path, refusing what a package archive must never hold. */
function tarEntries(tar: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Buffer>();
    let count = 0;
    let problem: InstallRefusal | undefined;
    const refuse = (why: string, fix = 'make archives with kiosk24 flow pack'): void => {
      problem ??= refused(why, fix);
    };
    const parser = new Parser({
      onwarn: (_code, message) =>
        refuse(`its tar data is damaged (${message})`, 'get the archive again from the vendor'),
      onReadEntry: (entry: ReadEntry) => {
        const why = entryProblem(entry, ++count, entries);
        if (why || problem || entry.type === 'Directory') {
          if (why) refuse(why);
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        let length = 0;
        entry.on('data', (chunk: Buffer) => {
          length += chunk.length;
          if (length <= MAX_FILE_BYTES) chunks.push(chunk);
        });
        entry.on('end', () => {
          if (length !== entry.size) refuse(`the entry ${JSON.stringify(entry.path)} is cut short`);
          else entries.set(entry.path, Buffer.concat(chunks));
        });
      },
    });
    parser.on('error', (error: Error) => refuse(`its tar data is damaged (${error.message})`));
    parser.on('close', () => (problem ? reject(problem) : resolve(entries)));
    parser.end(tar);
  });
}

/** Why a tar entry refuses the archive, or undefined when it may be read. */
function entryProblem(
  entry: ReadEntry,
  count: number,
  seen: ReadonlyMap<string, Buffer>,
): string | undefined {
  const path = entry.path;
  const shown = JSON.stringify(path.slice(0, 120));
  if (count > MAX_ARCHIVE_ENTRIES) return `it holds more than ${MAX_ARCHIVE_ENTRIES} entries`;
  if (entry.type === 'SymbolicLink' || entry.type === 'Link')
    return `the entry ${shown} is a ${entry.type === 'Link' ? 'hard' : 'symbolic'} link`;
  if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'Directory')
    return `the entry ${shown} is a ${entry.type} entry, not a file`;
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path))
    return `the entry ${shown} has an absolute path`;
  if (path.includes('\\') || path.includes('\0'))
    return `the entry ${shown} has a backslash or NUL in its path`;
  if (path.split('/').includes('..')) return `the entry ${shown} climbs out with ".."`;
  if (entry.type === 'File' || entry.type === 'OldFile') {
    if ((entry.size ?? 0) > MAX_FILE_BYTES)
      return `the entry ${shown} is more than ${MAX_FILE_BYTES} bytes`;
    if (seen.has(path)) return `the entry ${shown} appears twice`;
  }
  return undefined;
}

function refused(why: string, fix: string): InstallRefusal {
  return new InstallRefusal(`the archive was refused: ${why}`, fix);
}
