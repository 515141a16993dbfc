/**
 * Ed25519 keys of flow vendors: making a pair, naming a public key by its fingerprint, reading
 * the forms a config may hold (PEM, base64 SPKI DER, base64 raw 32 bytes), signing and checking.
 * Everything here is node:crypto; nothing is hand-rolled.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { errorCode, InstallRefusal } from './errors.ts';

/** File names `flow keygen` writes. */
export const PRIVATE_KEY_FILE = 'flow-signing.key';
export const PUBLIC_KEY_FILE = 'flow-signing.pub';
/** Hex digits of a key id: 128 bits of SHA-256 over the SPKI DER, as unique as a key needs to be named. */
export const KEY_ID_HEX_LENGTH = 32;
/** Largest key text read (PEM files, config values): an Ed25519 PEM is about 120 bytes. */
export const MAX_KEY_TEXT = 4096;

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The fingerprint that names a public key in manifests and the audit trail. */
export function keyId(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, KEY_ID_HEX_LENGTH);
}

/** A public key as one base64 line (SPKI DER), the form manifests carry and configs accept. */
export function publicKeyBase64(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

/**
 * Reads an Ed25519 public key from PEM, base64 SPKI DER or base64 raw 32 bytes; throws a
 * TypeError saying which form was expected when the text is none of them.
 */
export function parsePublicKey(text: string): KeyObject {
  if (text.length > MAX_KEY_TEXT) throw new TypeError('is too long for an Ed25519 public key');
  let key: KeyObject;
  try {
    if (text.includes('-----BEGIN')) key = createPublicKey(text);
    else {
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text.trim())) throw new TypeError('not base64');
      const der = Buffer.from(text.trim(), 'base64');
      const spki = der.length === 32 ? Buffer.concat([ED25519_SPKI_PREFIX, der]) : der;
      key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    }
  } catch {
    // node:crypto's message names OpenSSL internals, which tell an operator nothing.
    throw new TypeError('is not a PEM public key, nor base64 of an SPKI or a raw 32-byte key');
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new TypeError(`is a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  return key;
}

/** Reads an Ed25519 private key from PEM text; refuses anything else with a one-line reason. */
export function parsePrivateKey(text: string, file: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(text);
  } catch {
    throw new InstallRefusal(
      `${file} is not a PEM private key`,
      `name the ${PRIVATE_KEY_FILE} file that kiosk24 flow keygen wrote`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new InstallRefusal(
      `${file} holds a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`,
      'make a key pair with kiosk24 flow keygen',
    );
  return key;
}

/** Signs `data` (the manifest bytes) with an Ed25519 private key. */
export function signBytes(data: Buffer, key: KeyObject): Buffer {
  return sign(null, data, key);
}

/** Whether `signature` is `key`'s Ed25519 signature over `data`. */
export function verifyBytes(data: Buffer, signature: Buffer, key: KeyObject): boolean {
  return verify(null, data, key, signature);
}

/** What `flow keygen` made. */
export interface KeyPairFiles {
  privateKey: string;
  publicKey: string;
  keyId: string;
  publicKeyBase64: string;
}

/**
 * Writes a new Ed25519 pair into `dir` (created when missing): the private key readable by its
 * owner only. Refuses to overwrite either file, since losing a signing key strands every kiosk
 * that trusts it.
 */
export function writeKeyPair(dir: string): KeyPairFiles {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new InstallRefusal(
      `the folder ${dir} cannot be made (${errorCode(error)})`,
      'name a folder you can write to',
    );
  }
  const files = { privateKey: join(dir, PRIVATE_KEY_FILE), publicKey: join(dir, PUBLIC_KEY_FILE) };
  writeNew(files.publicKey, String(publicKey.export({ type: 'spki', format: 'pem' })), 0o644, []);
  writeNew(files.privateKey, String(privateKey.export({ type: 'pkcs8', format: 'pem' })), 0o600, [
    files.publicKey,
  ]);
  return { ...files, keyId: keyId(publicKey), publicKeyBase64: publicKeyBase64(publicKey) };
}

/** Creates `file` with `mode`, never replacing one; on failure removes what this call made. */
function writeNew(file: string, text: string, mode: number, madeBefore: string[]): void {
  let fd: number;
  try {
    fd = openSync(file, 'wx', mode);
  } catch (error) {
    const exists = errorCode(error) === 'EEXIST';
    for (const made of madeBefore) rmSync(made, { force: true });
    throw new InstallRefusal(
      exists ? `${file} already exists` : `${file} cannot be created (${errorCode(error)})`,
      exists
        ? 'keep the existing key pair, or choose another --out folder'
        : 'name a folder you can write to',
    );
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
