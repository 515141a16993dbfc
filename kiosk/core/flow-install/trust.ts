/**
 * Whether an archive may be installed on this kiosk, by who signed it. Integrity is never
 * relaxed: a signature that does not match the manifest, or a signer entry whose key does not
 * match its id, refuses the archive everywhere. Trust is the config's: in production the signer
 * must be a key in `flows.trustedKeys` whose scope covers the flow id, and unsigned archives are
 * refused; in the sandbox each of those becomes a warning, so a vendor can try a package before
 * an operator trusts its key.
 */
import type { TrustedKeySetting } from '../config/flows-schema.ts';
import { InstallRefusal } from './errors.ts';
import { keyId, parsePublicKey, verifyBytes } from './keys.ts';
import type { FlowArchive } from './archive.ts';

/** Who signed an accepted archive, as list and audit show it. */
export interface Signer {
  /** The trusted key's name in the config; null when no trusted key matches (sandbox only). */
  name: string | null;
  keyId: string;
}

/** What the trust check decided for an archive it lets through. */
export interface TrustVerdict {
  signer: Signer | null;
  warnings: string[];
}

/** Whether `scope` (ids and prefixes ending in "*") covers the flow `id`. */
export function scopeCovers(scope: readonly string[], id: string): boolean {
  return scope.some((entry) =>
    entry.endsWith('*') ? id.startsWith(entry.slice(0, -1)) : entry === id,
  );
}

/** Checks the signature and the signer's trust and scope; throws an InstallRefusal when refused. */
export function judgeTrust(
  archive: FlowArchive,
  trustedKeys: Readonly<Record<string, TrustedKeySetting>>,
  production: boolean,
): TrustVerdict {
  const { manifest, signature } = archive;
  const warnings: string[] = [];
  const distrust = (problem: string, fix: string): void => {
    if (production) throw new InstallRefusal(`${problem} (production: true)`, fix);
    warnings.push(`${problem}; installed anyway because production is false`);
  };
  if (!signature || !manifest.signer) {
    if (signature || manifest.signer)
      throw new InstallRefusal(
        'the archive has a signer without a signature, or a signature without a signer',
        'sign it again with kiosk24 flow sign',
      );
    distrust(
      `${manifest.id} ${manifest.version} is not signed`,
      'have the vendor sign it with kiosk24 flow sign',
    );
    return { signer: null, warnings };
  }
  let key;
  try {
    key = parsePublicKey(manifest.signer.publicKey);
  } catch {
    throw new InstallRefusal(
      'the manifest names a signer key that is not an Ed25519 key',
      'sign it again with kiosk24 flow sign',
    );
  }
  if (keyId(key) !== manifest.signer.keyId)
    throw new InstallRefusal(
      'the manifest names a signer key id that does not match its key',
      'sign it again with kiosk24 flow sign',
    );
  if (!verifyBytes(archive.manifestBytes, signature, key))
    throw new InstallRefusal(
      'the signature does not match the manifest: the archive was altered after it was signed',
      'get the archive again from the vendor',
    );
  const trusted = Object.entries(trustedKeys).find(
    ([, setting]) => keyId(parsePublicKey(setting.publicKey)) === manifest.signer?.keyId,
  );
  if (!trusted) {
    distrust(
      `${manifest.id} is signed by key ${manifest.signer.keyId}, which flows.trustedKeys does not list`,
      "add the vendor's public key to flows.trustedKeys with a scope covering this flow",
    );
    return { signer: { name: null, keyId: manifest.signer.keyId }, warnings };
  }
  const [name, setting] = trusted;
  if (!scopeCovers(setting.scope, manifest.id))
    distrust(
      `key "${name}" may sign ${setting.scope.join(', ')}, not ${manifest.id}`,
      `widen flows.trustedKeys.${name}.scope if this vendor may ship ${manifest.id}`,
    );
  return { signer: { name, keyId: manifest.signer.keyId }, warnings };
}
