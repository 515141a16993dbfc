/**
 * What the kiosk needs from files to talk to a real platform: the client secret and any private
 * CA. Both are read once at start-up; a file that cannot be used stops start-up with a
 * ConfigError naming the key, never a TLS failure at the first resident's request.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { ConfigError, type KioskConfig } from '../config/index.ts';
import { MIN_SIGNING_KEY_BYTES } from './signing.ts';

/**
 * Largest secret or CA file read. Node's whole bundled root store is about 200 KiB of PEM; a
 * file many times that is the wrong file (a log, a disk image), not a secret or a certificate.
 */
export const PLATFORM_FILE_MAX_BYTES = 1024 * 1024;

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/**
 * Reads the platform client secret from `platform.clientSecretFile`. The secret lives only in
 * that file (never in the config) and only in memory here; an unreadable file stops start-up
 * with a config error naming the key.
 */
export function platformCredentials(
  config: KioskConfig,
): { clientId: string; clientSecret: string } | undefined {
  const { clientId, clientSecretFile } = config.platform;
  if (clientId === undefined || clientSecretFile === undefined) return undefined;
  const allowed = 'a file the kiosk user can read, holding the secret the platform issued';
  const clientSecret = readSmallFile('platform.clientSecretFile', clientSecretFile, allowed).trim();
  if (clientSecret.length === 0) {
    throw invalid('platform.clientSecretFile', clientSecretFile, 'is empty', allowed);
  }
  return { clientId, clientSecret };
}

/**
 * The kiosk's request-signing key from `platform.signingKeyFile`, read once and kept in memory
 * only (never logged). Without the key the client signs with the public development key, which
 * only the embedded sandbox accepts; production refuses to start without a key file.
 */
export function platformSigningKey(config: KioskConfig): string | undefined {
  const { signingKeyFile } = config.platform;
  const allowed = `a file the kiosk user can read, holding the signing key the platform issued (at least ${MIN_SIGNING_KEY_BYTES} bytes)`;
  if (signingKeyFile === undefined) {
    if (!config.production) return undefined;
    throw new ConfigError(
      undefined,
      [
        {
          path: 'platform.signingKeyFile',
          shown: '(not set)',
          problem: "is required in production: requests must be signed with this kiosk's own key",
          allowed,
        },
      ],
      { invalid: true },
    );
  }
  const key = readSmallFile('platform.signingKeyFile', signingKeyFile, allowed).trim();
  if (Buffer.byteLength(key, 'utf8') < MIN_SIGNING_KEY_BYTES) {
    throw invalid(
      'platform.signingKeyFile',
      signingKeyFile,
      'holds a key that is too short',
      allowed,
    );
  }
  return key;
}

/**
 * The certificates of `platform.caFile`, as PEM, for the client to trust besides Node's bundled
 * roots; undefined when no file is configured. Every block must be a parseable X.509
 * certificate, and a private key in the file is refused: it must never sit on a kiosk.
 */
export function platformTrustedCertificates(config: KioskConfig): string[] | undefined {
  const { caFile } = config.platform;
  if (caFile === undefined) return undefined;
  const allowed = "a PEM file holding the private CA's certificate(s), -----BEGIN CERTIFICATE-----";
  const text = readSmallFile('platform.caFile', caFile, allowed);
  const certificates: string[] = [];
  for (const [block, label] of text.matchAll(PEM_BLOCK)) {
    if (label?.includes('PRIVATE KEY')) {
      throw invalid(
        'platform.caFile',
        caFile,
        'holds a private key, which must not be on a kiosk',
        "only the CA's certificate; remove the key from the file and from this machine",
      );
    }
    if (label !== 'CERTIFICATE') continue;
    try {
      certificates.push(new X509Certificate(block).toString());
    } catch (cause) {
      throw invalid(
        'platform.caFile',
        caFile,
        `has certificate number ${certificates.length + 1} that is not valid X.509 (${(cause as Error).message})`,
        allowed,
      );
    }
  }
  if (certificates.length === 0) {
    throw invalid('platform.caFile', caFile, 'holds no PEM certificate', allowed);
  }
  return certificates;
}

/** Reads a file named by a config key, refusing one that is missing, unreadable or oversized. */
function readSmallFile(key: string, file: string, allowed: string): string {
  try {
    const size = statSync(file).size;
    if (size > PLATFORM_FILE_MAX_BYTES) {
      throw invalid(key, file, `is ${size} bytes, more than ${PLATFORM_FILE_MAX_BYTES}`, allowed);
    }
    return readFileSync(file, 'utf8');
  } catch (cause) {
    if (cause instanceof ConfigError) throw cause;
    throw new ConfigError(
      undefined,
      [
        {
          path: key,
          shown: JSON.stringify(file),
          problem: `cannot be read (${(cause as Error).message})`,
          allowed,
        },
      ],
      { unreadable: true, cause },
    );
  }
}

function invalid(key: string, file: string, problem: string, allowed: string): ConfigError {
  return new ConfigError(
    undefined,
    [{ path: key, shown: JSON.stringify(file), problem, allowed }],
    {
      invalid: true,
    },
  );
}
