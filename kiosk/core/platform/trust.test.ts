import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../../../test/support/tools.ts';
import { ConfigError, parseConfig } from '../config/index.ts';
import { startKiosk } from '../kiosk.ts';
import { silentLogger } from '../log.ts';
import { PlatformClient } from './client.ts';
import { platformTrustedCertificates } from './credentials.ts';
import { platformFailure } from './testing.ts';

// A private CA and a platform certificate it signed, made fresh for this run with openssl
// (node:crypto parses X.509 but cannot issue it), and a real HTTPS platform serving with it.
let dir: string;
let server: Server;
let baseUrl: string;

function openssl(...args: string[]): void {
  execFileSync(requireTool('openssl', 'openssl'), args, { cwd: dir, stdio: 'pipe' });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk24-ca-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=Province intranet test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
  );
  openssl('req', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'leaf.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl(
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'leaf.ext',
    '-out',
    'leaf.pem',
  );
  server = createServer(
    { key: readFileSync(join(dir, 'leaf.key')), cert: readFileSync(join(dir, 'leaf.pem')) },
    (_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({ status: 'ok', apiVersion: 'v1', time: new Date().toISOString() }),
      );
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** The config a technician would write for this platform, with `caFile` when given. */
function configWith(caFile?: string) {
  return parseConfig({
    platform: { mode: 'remote', baseUrl, ...(caFile ? { caFile } : {}) },
    // Should a kiosk start after all, its journal stays in this test's folder.
    journal: { path: join(dir, 'journal.sqlite') },
  });
}

describe('a platform whose certificate comes from a private CA', () => {
  it('is refused without platform.caFile, as untrusted, with the key to set in the message', async () => {
    const client = new PlatformClient({ baseUrl, kioskId: 'k-1' });
    const error = await platformFailure(client.health());
    expect(error).toMatchObject({
      untrusted: true,
      unavailable: true,
      code: 'untrusted-certificate',
      retryable: false,
    });
    expect(error.message).toContain('platform.caFile');
  });

  it('is reached once platform.caFile names the CA', async () => {
    const trustedCertificates = platformTrustedCertificates(configWith(join(dir, 'ca.pem')));
    expect(trustedCertificates).toHaveLength(1);
    const client = new PlatformClient({ baseUrl, kioskId: 'k-1', trustedCertificates });
    try {
      expect(await client.health()).toMatchObject({ status: 'ok', apiVersion: 'v1' });
    } finally {
      await client.close();
    }
  });

  it('is still refused when platform.caFile names some other CA', async () => {
    openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'other.key',
      '-out',
      'other.pem',
      '-days',
      '2',
      '-subj',
      '/CN=Other CA',
    );
    const trustedCertificates = platformTrustedCertificates(configWith(join(dir, 'other.pem')));
    const client = new PlatformClient({ baseUrl, kioskId: 'k-1', trustedCertificates });
    try {
      expect(await platformFailure(client.health())).toMatchObject({ untrusted: true });
    } finally {
      await client.close();
    }
  });
});

describe('platform.caFile that cannot be used', () => {
  function problemWith(name: string, content?: string): ConfigError {
    const file = join(dir, name);
    if (content !== undefined) writeFileSync(file, content);
    try {
      platformTrustedCertificates(configWith(file));
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems[0]?.path).toBe('platform.caFile');
      return error as ConfigError;
    }
    throw new Error(`${name} was accepted`);
  }

  it('stops start-up when the file is missing, as unreadable', () => {
    expect(problemWith('missing.pem').unreadable).toBe(true);
  });

  it('stops start-up when the file holds no certificate', () => {
    expect(problemWith('notes.txt', 'ask the province for the CA').message).toContain(
      'holds no PEM certificate',
    );
  });

  it('stops start-up when a certificate block is not X.509', () => {
    const broken =
      '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n';
    expect(problemWith('broken.pem', broken).message).toContain('certificate number 1');
  });

  it('stops start-up when the file also holds a private key, which must not be on a kiosk', () => {
    const both =
      readFileSync(join(dir, 'ca.pem'), 'utf8') + readFileSync(join(dir, 'ca.key'), 'utf8');
    const error = problemWith('with-key.pem', both);
    expect(error.message).toContain('private key');
    expect(error.message).not.toContain('BEGIN PRIVATE KEY');
  });

  it('is read only when set: no file, no extra trust', () => {
    expect(platformTrustedCertificates(parseConfig({}))).toBeUndefined();
  });
});

describe('a kiosk configured with a platform.caFile it cannot use', () => {
  it('does not start, and says which key to fix', async () => {
    const config = configWith(join(dir, 'missing.pem'));
    const failure: unknown = await startKiosk(config, silentLogger).then(
      async (kiosk) => {
        await kiosk.close();
        return new Error('the kiosk started');
      },
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).message).toContain('platform.caFile');
  });
});
