/**
 * The manifest of a .k24flow archive: which flow and version it carries, who signed it and the
 * SHA-256 and size of every package file. The signature covers the manifest's exact bytes, so
 * the manifest is what binds every file to the signer.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { valid as validSemver } from 'semver';
import { z } from 'zod';
import { MAX_FILE_BYTES, MAX_PACKAGE_BYTES } from '../runner/package-files.ts';
import { InstallRefusal } from './errors.ts';
import { KEY_ID_HEX_LENGTH } from './keys.ts';

/** Archive entry of the manifest, and of its detached signature. */
export const MANIFEST_ENTRY = 'manifest.json';
export const SIGNATURE_ENTRY = 'manifest.sig';
/** Folder in the archive holding the package files. */
export const PACKAGE_PREFIX = 'package/';
/** Files one package may hold. The built-in package has 5; a package is a few JSON files and templates. */
export const MAX_PACKAGE_FILES = 256;
/** Longest package file path: deep folder trees are not what a package is. */
export const MAX_PATH_LENGTH = 200;
/** Largest manifest: 256 files of about 300 bytes each, with room to spare. */
export const MAX_MANIFEST_BYTES = 256 * 1024;
/** The manifest format this kiosk writes and reads. */
export const MANIFEST_FORMAT = 1;

/** A package path: relative, "/" between segments, no empty, "." or ".." segment. */
const packagePath = z
  .string()
  .max(MAX_PATH_LENGTH)
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]*(\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/, 'a relative file path')
  .refine((path) => !path.split('/').some((part) => part === '.' || part === '..'), 'no ".."');

/** manifest.json of an archive. */
export const archiveManifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  id: z.string().regex(/^[a-z][a-z0-9-]{2,63}$/),
  version: z.string().refine((v) => validSemver(v) === v, 'a semantic version'),
  files: z
    .array(
      z.strictObject({
        path: packagePath,
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        size: z.int().min(0).max(MAX_FILE_BYTES),
      }),
    )
    .min(1)
    .max(MAX_PACKAGE_FILES),
  signer: z
    .strictObject({
      keyId: z.string().regex(new RegExp(`^[0-9a-f]{${KEY_ID_HEX_LENGTH}}$`)),
      publicKey: z.string().max(200),
    })
    .optional(),
});

/** A parsed archive manifest. */
export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;

/** The SHA-256 of `bytes` in hex. */
export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The bytes a manifest is stored (and signed) as. */
export function manifestBytes(manifest: ArchiveManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

/** The manifest of `files` (package path to bytes) for the flow `id` at `version`. */
export function buildManifest(
  id: string,
  version: string,
  files: ReadonlyMap<string, Buffer>,
): ArchiveManifest {
  return {
    format: MANIFEST_FORMAT,
    id,
    version,
    files: [...files.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, bytes]) => ({ path, sha256: sha256(bytes), size: bytes.length })),
  };
}

/**
 * Reads every file of a package folder for packing, within the package caps. Names starting
 * with "." (editor and VCS files) are left out; a link, FIFO or device is refused, because the
 * kiosk would refuse it too.
 */
export function readPackageFolder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let total = 0;
  const walk = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = `${prefix}${entry.name}`;
      const full = join(folder, entry.name);
      const stat = lstatSync(full);
      if (stat.isDirectory()) {
        walk(full, `${path}/`);
        continue;
      }
      if (!stat.isFile())
        throw new InstallRefusal(
          `${path} in the package is ${stat.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}`,
          'put plain files in the package; the kiosk refuses links and special files',
        );
      if (!packagePath.safeParse(path).success)
        throw new InstallRefusal(
          `the file name ${JSON.stringify(path)} cannot go in a package`,
          `use letters, digits, ".", "_" and "-", at most ${MAX_PATH_LENGTH} characters`,
        );
      if (stat.size > MAX_FILE_BYTES)
        throw new InstallRefusal(
          `${path} is ${stat.size} bytes, more than the ${MAX_FILE_BYTES} a package file may hold`,
          'make the file smaller',
        );
      total += stat.size;
      if (total > MAX_PACKAGE_BYTES || files.size >= MAX_PACKAGE_FILES)
        throw new InstallRefusal(
          `the package holds more than ${MAX_PACKAGE_BYTES} bytes or ${MAX_PACKAGE_FILES} files`,
          'make the package smaller',
        );
      files.set(path, readFileSync(full));
    }
  };
  walk(dir, '');
  return files;
}
