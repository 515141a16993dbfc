/**
 * Who may sign which flow: a signature is checked against the manifest's exact bytes everywhere;
 * trust and scope come from flows.trustedKeys and refuse only in production, where unsigned
 * archives are refused too.
 */
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config/index.ts';
import { readArchive, type FlowArchive } from './archive.ts';
import { InstallRefusal } from './errors.ts';
import { keyId, parsePublicKey, publicKeyBase64, writeKeyPair } from './keys.ts';
import { packFlow, signArchive } from './pack.ts';
import { removeTestFolders, testConfig, testFolder, testPackage } from './testing/craft.ts';
import { judgeTrust, scopeCovers } from './trust.ts';

afterAll(removeTestFolders);

let signed: FlowArchive;
let unsigned: FlowArchive;
let vendorKey: string;

beforeAll(async () => {
  const dir = testFolder();
  const pkg = testPackage(dir, 'pkg', { id: 'js-nanjing-queue', version: '1.0.0' });
  await packFlow(pkg, join(dir, 'unsigned.k24flow'));
  await packFlow(pkg, join(dir, 'signed.k24flow'));
  const keys = writeKeyPair(join(dir, 'keys'));
  vendorKey = keys.publicKeyBase64;
  await signArchive(join(dir, 'signed.k24flow'), keys.privateKey);
  unsigned = await readArchive(join(dir, 'unsigned.k24flow'));
  signed = await readArchive(join(dir, 'signed.k24flow'));
});

const trusting = (scope: string[]) => ({ 'nanjing-vendor': { publicKey: vendorKey, scope } });
const refusedWith = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InstallRefusal);
    return (error as Error).message;
  }
  throw new Error('expected the archive to be refused');
};

describe('a signed archive', () => {
  it('is accepted in production from a trusted key whose scope covers the id', () => {
    const verdict = judgeTrust(signed, trusting(['js-nanjing-*']), true);
    expect(verdict.signer).toEqual({
      name: 'nanjing-vendor',
      keyId: signed.manifest.signer?.keyId,
    });
    expect(verdict.warnings).toEqual([]);
  });

  it('is refused in production from a key flows.trustedKeys does not list', () => {
    expect(refusedWith(() => judgeTrust(signed, {}, true))).toMatch(
      /signed by key [0-9a-f]{32}, which flows\.trustedKeys does not list/,
    );
  });

  it('is refused in production from a trusted key outside its scope', () => {
    expect(refusedWith(() => judgeTrust(signed, trusting(['js-suzhou-*']), true))).toMatch(
      /key "nanjing-vendor" may sign js-suzhou-\*, not js-nanjing-queue/,
    );
  });

  it('is installed with a warning in the sandbox from an unknown or out-of-scope key', () => {
    expect(judgeTrust(signed, {}, false).warnings[0]).toMatch(/does not list/);
    expect(judgeTrust(signed, trusting(['other']), false).warnings[0]).toMatch(/may sign other/);
  });

  it('is refused everywhere once its manifest is altered after signing', () => {
    const text = signed.manifestBytes.toString('utf8').replace('"1.0.0"', '"9.0.0"');
    const tampered = { ...signed, manifestBytes: Buffer.from(text) };
    for (const production of [true, false])
      expect(refusedWith(() => judgeTrust(tampered, trusting(['*']), production))).toMatch(
        /signature does not match the manifest/,
      );
  });

  it('is refused everywhere when the signer key does not match its key id', () => {
    const other = generateKeyPairSync('ed25519').publicKey;
    const manifest = {
      ...signed.manifest,
      signer: { keyId: signed.manifest.signer?.keyId ?? '', publicKey: publicKeyBase64(other) },
    };
    expect(refusedWith(() => judgeTrust({ ...signed, manifest }, {}, false))).toMatch(
      /key id that does not match/,
    );
  });
});

describe('an unsigned archive', () => {
  it('is refused in production', () => {
    expect(refusedWith(() => judgeTrust(unsigned, trusting(['*']), true))).toMatch(
      /js-nanjing-queue 1\.0\.0 is not signed \(production: true\)/,
    );
  });

  it('is allowed with a warning in the sandbox', () => {
    const verdict = judgeTrust(unsigned, {}, false);
    expect(verdict.signer).toBeNull();
    expect(verdict.warnings).toEqual([
      'js-nanjing-queue 1.0.0 is not signed; installed anyway because production is false',
    ]);
  });
});

describe('a key scope', () => {
  it('covers exact ids and prefixes ending in *, and nothing else', () => {
    expect(scopeCovers(['js-nanjing-*'], 'js-nanjing-queue')).toBe(true);
    expect(scopeCovers(['js-nanjing-queue'], 'js-nanjing-queue')).toBe(true);
    expect(scopeCovers(['js-nanjing-queue'], 'js-nanjing-queue2')).toBe(false);
    expect(scopeCovers(['js-nanjing-*'], 'js-suzhou-queue')).toBe(false);
    expect(scopeCovers(['*'], 'anything')).toBe(true);
  });
});

describe('a trusted public key in the config', () => {
  it('may be PEM, base64 SPKI or base64 raw, and names the same key', () => {
    const key = generateKeyPairSync('ed25519').publicKey;
    const pem = String(key.export({ type: 'spki', format: 'pem' }));
    const raw = key.export({ format: 'jwk' }).x ?? '';
    const rawBase64 = Buffer.from(raw, 'base64url').toString('base64');
    for (const text of [pem, publicKeyBase64(key), rawBase64])
      expect(keyId(parsePublicKey(text))).toBe(keyId(key));
  });

  it('is refused at config load, naming the key, when it is not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const pem = String(rsa.export({ type: 'spki', format: 'pem' }));
    const load = () =>
      testConfig(testFolder(), { trustedKeys: { vendor: { publicKey: pem, scope: ['x*'] } } });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/flows\.trustedKeys\.vendor\.publicKey.*not Ed25519/);
  });
});
