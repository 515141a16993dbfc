import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashMaintenancePin } from '../core/maintenance/pin.ts';
import { ConfigError, parseConfig } from '../core/config/index.ts';
import { browserHostSettings, MIN_BRIDGE_TOKEN_CHARS, readBridgeToken } from './host-settings.ts';

const TOKEN = '9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk24-token-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function tokenFile(content: string, mode = 0o600): string {
  const file = join(dir, 'bridge-token');
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
}

function refusal(file: string): ConfigError {
  try {
    readBridgeToken(file);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected the token file to be refused');
}

describe('the bridge token file', () => {
  it('gives its token without the trailing newline', () => {
    expect(readBridgeToken(tokenFile(`${TOKEN}\n`))).toBe(TOKEN);
  });

  it(`refuses a token shorter than ${MIN_BRIDGE_TOKEN_CHARS} characters without showing it`, () => {
    const error = refusal(tokenFile('short-token-1234'));
    expect(error.invalid).toBe(true);
    expect(error.message).toContain('host.tokenFile');
    expect(error.message).toContain('16 characters, outside 32-256');
    expect(error.message).not.toContain('short-token-1234');
  });

  it('refuses characters that cannot travel in a subprotocol, without showing them', () => {
    const error = refusal(tokenFile(`${TOKEN} "quoted"`));
    expect(error.message).toContain('holds characters a token may not have');
    expect(error.message).not.toContain(TOKEN);
  });

  it('refuses a file every user on the machine can read', () => {
    const error = refusal(tokenFile(TOKEN, 0o644));
    expect(error.message).toContain('is open to every user on this machine');
    expect(error.message).toContain('chmod 600');
  });

  it('names a missing file as unreadable', () => {
    const error = refusal(join(dir, 'nope'));
    expect(error.unreadable).toBe(true);
    expect(error.message).toContain('does not exist');
  });
});

describe('browserHostSettings', () => {
  it('passes the bind, port, name, policy and token the config names', () => {
    const file = tokenFile(TOKEN);
    const config = parseConfig({
      host: {
        bind: '0.0.0.0',
        port: 8100,
        allowRemote: true,
        name: 'kiosk-0107.zwfw.example.gov.cn',
        tokenFile: file,
        secondClient: 'readOnly',
      },
    });
    expect(browserHostSettings(config)).toEqual({
      host: '0.0.0.0',
      port: 8100,
      production: false,
      secondClient: 'readOnly',
      hostName: 'kiosk-0107.zwfw.example.gov.cn',
      token: TOKEN,
    });
  });

  it('carries production through, and no token when none is configured', () => {
    const config = parseConfig({
      production: true,
      devices: {
        idCard: { mode: 'serial', path: '/dev/ttyUSB0' },
        scanner: { mode: 'none' },
        receiptPrinter: { mode: 'none' },
        documentPrinter: { mode: 'none' },
      },
      platform: { mode: 'remote', baseUrl: 'https://zwfw.example.gov.cn/' },
      maintenance: { pinHash: hashMaintenancePin('97531') },
      help: { remoteUrl: 'https://zwfw.example.gov.cn/remote-help' },
    });
    const settings = browserHostSettings(config);
    expect(settings).toMatchObject({ production: true, host: '127.0.0.1', secondClient: 'refuse' });
    expect(settings).not.toHaveProperty('token');
  });
});
