import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashMaintenancePin } from '../maintenance/pin.ts';
import { CONFIG_ENV, ConfigError, defaultConfig, loadConfig } from './index.ts';

const here = dirname(fileURLToPath(import.meta.url));
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk24-config-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but the config loaded');
}

describe('loadConfig without a file', () => {
  it('returns the embedded defaults: simulated devices, sandbox platform, not production', () => {
    const config = loadConfig(undefined, { env: {}, cwd: dir });
    expect(config.devices.idCard.mode).toBe('simulated');
    expect(config.devices.scanner.mode).toBe('simulated');
    expect(config.devices.receiptPrinter.mode).toBe('simulated');
    expect(config.devices.documentPrinter.mode).toBe('simulated');
    expect(config.platform.mode).toBe('sandbox');
    expect(config.production).toBe(false);
    expect(config.kioskId).toBe('KIOSK-SANDBOX-0001');
    expect(config.session).toEqual({
      idleTimeoutSeconds: 90,
      idleWarningSeconds: 20,
      maxSessionMinutes: 20,
    });
    expect(config.host).toEqual({
      kind: 'auto',
      port: 8024,
      bind: '127.0.0.1',
      openWindow: true,
      allowRemote: false,
      secondClient: 'refuse',
    });
  });

  it('resolves flow folders against the working directory', () => {
    const config = defaultConfig({ cwd: dir });
    expect(config.flows.directories).toEqual([join(dir, 'flows')]);
  });

  it('treats an empty KIOSK24_CONFIG as unset', () => {
    expect(loadConfig(undefined, { env: { [CONFIG_ENV]: '' }, cwd: dir })).toEqual(
      defaultConfig({ cwd: dir }),
    );
  });
});

describe('loadConfig with a file', () => {
  it('reads YAML and keeps defaults for what the file leaves out', () => {
    const file = write(
      'kiosk.yaml',
      'locale: en\ndevices:\n  idCard:\n    mode: serial\n    path: /dev/ttyUSB3\n',
    );
    const config = loadConfig(file, { env: {}, cwd: dir });
    expect(config.locale).toBe('en');
    expect(config.devices.idCard).toMatchObject({
      mode: 'serial',
      path: '/dev/ttyUSB3',
      baudRate: 115200,
    });
    expect(config.devices.scanner.mode).toBe('simulated');
  });

  it('reads JSON', () => {
    const file = write(
      'kiosk.json',
      JSON.stringify({
        host: { kind: 'browser', port: 0 },
        production: true,
        // Production refuses simulators, the sandbox and its PIN; real modes and any other PIN do.
        devices: {
          idCard: { mode: 'serial', path: '/dev/ttyUSB0' },
          scanner: { mode: 'none' },
          receiptPrinter: { mode: 'none' },
          documentPrinter: { mode: 'none' },
        },
        platform: { mode: 'remote', baseUrl: 'https://zwfw.example.gov.cn/' },
        maintenance: { pinHash: hashMaintenancePin('13579') },
        help: { remoteUrl: 'https://zwfw.example.gov.cn/remote-help' },
      }),
    );
    const config = loadConfig(file, { env: {}, cwd: dir });
    expect(config.host).toMatchObject({ kind: 'browser', port: 0 });
    expect(config.production).toBe(true);
  });

  it('takes the file named by KIOSK24_CONFIG, relative to the working directory', () => {
    write('from-env.yml', 'kioskId: KIOSK-ENV-0002\n');
    const config = loadConfig(undefined, { env: { [CONFIG_ENV]: 'from-env.yml' }, cwd: dir });
    expect(config.kioskId).toBe('KIOSK-ENV-0002');
  });

  it('treats an empty YAML file as all defaults', () => {
    const file = write('empty.yaml', '# nothing set yet\n');
    expect(loadConfig(file, { env: {}, cwd: dir })).toEqual(defaultConfig({ cwd: dir }));
  });

  it('loads the documented example.yaml with real devices and a remote platform', () => {
    const config = loadConfig(join(here, 'example.yaml'), { env: {}, cwd: dir });
    expect(config.production).toBe(true);
    expect(config.devices.scanner).toMatchObject({ mode: 'hid-pos', vendorId: 0x0c2e });
    expect(config.platform).toMatchObject({
      mode: 'remote',
      clientSecretFile: '/etc/kiosk24/platform-secret',
    });
  });

  it('resolves platform.caFile against the working directory, like the secret file', () => {
    const file = write('kiosk.yaml', 'platform:\n  caFile: certs/province-ca.pem\n');
    const config = loadConfig(file, { env: {}, cwd: dir });
    expect(config.platform.caFile).toBe(join(dir, 'certs', 'province-ca.pem'));
    expect(config.platform.clientSecretFile).toBeUndefined();
  });
});

describe('loadConfig refuses a file it cannot use', () => {
  it('names a missing file instead of falling back to simulated devices', () => {
    const error = errorOf(() => loadConfig(join(dir, 'nope.yaml'), { env: {} }));
    expect(error.unreadable).toBe(true);
    expect(error.message).toContain(join(dir, 'nope.yaml'));
    expect(error.message).toContain('does not exist');
  });

  it('refuses an extension it does not read, listing the ones it does', () => {
    const error = errorOf(() => loadConfig(write('kiosk.toml', 'a = 1'), { env: {} }));
    expect(error.unreadable).toBe(true);
    expect(error.message).toContain('".toml"');
    expect(error.message).toContain('.yaml, .yml, .json');
  });

  it('names the file and line of a YAML syntax error', () => {
    const file = write('broken.yaml', 'locale: en\nsession:\n  idleTimeoutSeconds: [90\nsite: x\n');
    const error = errorOf(() => loadConfig(file, { env: {} }));
    expect(error.syntax).toBe(true);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/\(line [34]\)/);
  });

  it('names the line of a duplicated YAML key', () => {
    const file = write('dup.yaml', 'locale: en\nsite: a\nlocale: zh-CN\n');
    const error = errorOf(() => loadConfig(file, { env: {} }));
    expect(error.syntax).toBe(true);
    expect(error.message).toContain('(line 3)');
  });

  it.each([
    ['a trailing comma', '{\n  "locale": "en",\n  "site": "x",\n}\n', 4],
    ['a bare word', '{\n  "locale": "en",\n  "production": yes\n}\n', 3],
    ['a cut-off file', '{\n  "locale": "en",\n  "host": {\n', 4],
  ])('names the file and line of a JSON syntax error with %s', (_name, text, line) => {
    const file = write('broken.json', text);
    const error = errorOf(() => loadConfig(file, { env: {} }));
    expect(error.syntax).toBe(true);
    expect(error.message).toContain(file);
    expect(error.message).toContain(`(line ${line})`);
  });
});
