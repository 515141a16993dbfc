import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../config/index.ts';
import { basicAuthorization, PlatformClient } from './client.ts';
import { platformCredentials, platformSigningKey } from './credentials.ts';

describe('platform client credentials', () => {
  it('are sent as HTTP Basic authorization on every request', async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((request, response) => {
      seen.push(request.headers.authorization);
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({ status: 'ok', version: 'test', time: new Date().toISOString() }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const client = new PlatformClient({
        baseUrl: `http://127.0.0.1:${port}/`,
        kioskId: 'KIOSK-TEST-1',
        credentials: { clientId: 'kiosk-3205', clientSecret: 's3cr:et' },
      });
      await client.health().catch(() => undefined);
      expect(seen[0]).toBe(`Basic ${Buffer.from('kiosk-3205:s3cr:et').toString('base64')}`);
    } finally {
      server.close();
    }
  });

  it('refuse a client id with a colon, which Basic authorization cannot carry', () => {
    expect(() => basicAuthorization('a:b', 'x')).toThrow(/must not contain/);
  });

  it('are read from the secret file named in the config, and an unreadable file names the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-secret-'));
    const file = join(dir, 'secret');
    writeFileSync(file, 'top-secret\n');
    const base = {
      platform: {
        mode: 'remote',
        baseUrl: 'https://platform.example.gov.cn/',
        clientId: 'kiosk-1',
      },
    };
    const ok = parseConfig({ ...base, platform: { ...base.platform, clientSecretFile: file } });
    expect(platformCredentials(ok)).toEqual({ clientId: 'kiosk-1', clientSecret: 'top-secret' });
    const missing = parseConfig({
      ...base,
      platform: { ...base.platform, clientSecretFile: join(dir, 'nope') },
    });
    expect(() => platformCredentials(missing)).toThrow(ConfigError);
    expect(() => platformCredentials(missing)).toThrow(/platform\.clientSecretFile/);
    expect(platformCredentials(parseConfig({}))).toBeUndefined();
  });
});

describe('the request-signing key', () => {
  const remote = { mode: 'remote', baseUrl: 'https://platform.example.gov.cn/' };

  it('is read from platform.signingKeyFile, trimmed, and a short key names the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk24-signing-'));
    const good = join(dir, 'signing.key');
    writeFileSync(good, `${'k'.repeat(40)}\n`);
    const short = join(dir, 'short.key');
    writeFileSync(short, 'too-short\n');
    const config = (file: string) => parseConfig({ platform: { ...remote, signingKeyFile: file } });
    expect(platformSigningKey(config(good))).toBe('k'.repeat(40));
    expect(() => platformSigningKey(config(short))).toThrow(/platform\.signingKeyFile/);
    expect(() => platformSigningKey(config(join(dir, 'none')))).toThrow(ConfigError);
  });

  it('falls back to the development key only outside production', () => {
    expect(platformSigningKey(parseConfig({}))).toBeUndefined();
    const production = { production: true, platform: remote } as const;
    // A production config fails for other reasons too (simulated devices); build it leniently.
    const config = { ...parseConfig({ platform: remote }), ...production };
    expect(() => platformSigningKey(config as never)).toThrow(/required in production/);
  });
});
