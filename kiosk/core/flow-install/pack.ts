/**
 * `kiosk24 flow pack` and `kiosk24 flow sign`: a vendor's side of shipping a flow. Packing
 * refuses a package the kiosk would refuse; signing adds the signer to the manifest and a
 * detached Ed25519 signature over the manifest's exact bytes.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { checkFlowPackage } from '../runner/load-package.ts';
import { readArchive, writeArchive } from './archive.ts';
import { errorCode, InstallRefusal } from './errors.ts';
import { keyId, MAX_KEY_TEXT, parsePrivateKey, publicKeyBase64, signBytes } from './keys.ts';
import {
  buildManifest,
  manifestBytes,
  readPackageFolder,
  type ArchiveManifest,
} from './manifest.ts';
import { createPublicKey } from 'node:crypto';

/** Packs the package folder `dir` into the archive `out`; returns its manifest. */
export async function packFlow(
  dir: string,
  out: string,
  options: { requireTest?: boolean } = {},
): Promise<ArchiveManifest> {
  const report = checkFlowPackage(dir);
  const [first] = report.problems;
  if (first || !report.pkg || !report.manifest) {
    const more = report.problems.length > 1 ? ` (and ${report.problems.length - 1} more)` : '';
    throw new InstallRefusal(
      `the package check refused ${dir}: ${first?.message ?? 'unknown problem'}${more}`,
      'fix it (kiosk24 flow check lists every problem) and pack again',
    );
  }
  if (options.requireTest) {
    const { testFlow } = await import('../flow-test/explore.ts');
    const result = await testFlow(report.pkg);
    if (!result.ok)
      throw new InstallRefusal(
        `kiosk24 flow test fails ${dir} (${result.problems.length} problems)`,
        'run kiosk24 flow test on it, fix what it reports and pack again',
      );
  }
  const files = readPackageFolder(dir);
  const manifest = buildManifest(report.manifest.id, report.manifest.version, files);
  await writeArchive(out, manifestBytes(manifest), files);
  return manifest;
}

/** Signs the archive `file` in place with the private key in `keyFile`; returns the key id. */
export async function signArchive(
  file: string,
  keyFile: string,
): Promise<{ keyId: string; manifest: ArchiveManifest }> {
  const privateKey = parsePrivateKey(readKeyFile(keyFile), keyFile);
  const archive = await readArchive(file);
  const publicKey = createPublicKey(privateKey);
  const manifest: ArchiveManifest = {
    ...archive.manifest,
    signer: { keyId: keyId(publicKey), publicKey: publicKeyBase64(publicKey) },
  };
  const bytes = manifestBytes(manifest);
  await writeArchive(file, bytes, archive.files, signBytes(bytes, privateKey));
  return { keyId: keyId(publicKey), manifest };
}

function readKeyFile(file: string): string {
  try {
    const stat = lstatSync(file);
    if (!stat.isFile() || stat.size > MAX_KEY_TEXT)
      throw new InstallRefusal(
        `${file} is not a key file`,
        'name the flow-signing.key file that kiosk24 flow keygen wrote',
      );
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof InstallRefusal) throw error;
    throw new InstallRefusal(
      `${file} cannot be read (${errorCode(error)})`,
      'name the flow-signing.key file that kiosk24 flow keygen wrote',
    );
  }
}
