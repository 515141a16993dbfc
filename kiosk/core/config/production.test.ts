import { describe, expect, it } from 'vitest';
import { hashMaintenancePin } from '../maintenance/pin.ts';
import { ConfigError, parseConfig } from './index.ts';

/** A production config that passes: real devices, the remote platform, a PIN of its own. */
const PIN_HASH = hashMaintenancePin('97531');
function production(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    production: true,
    devices: {
      idCard: { mode: 'serial', path: '/dev/ttyUSB0' },
      scanner: { mode: 'hid-pos', vendorId: 0x0c2e, productId: 0x0b61 },
      receiptPrinter: { mode: 'usb-lp', path: '/dev/usb/lp0' },
      documentPrinter: { mode: 'cups', queue: 'A4' },
    },
    platform: { mode: 'remote', baseUrl: 'https://zwfw.example.gov.cn/' },
    maintenance: { pinHash: PIN_HASH },
    help: { remoteUrl: 'https://zwfw.example.gov.cn/remote-help' },
    ...overrides,
  };
}

function problemsOf(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(error.invalid).toBe(true);
    return error.problems.map((problem) => `${problem.path} ${problem.problem}`);
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

describe('a config with production: true', () => {
  it('is accepted with real devices, the remote platform and a PIN of its own', () => {
    expect(parseConfig(production()).production).toBe(true);
  });

  it('refuses the embedded defaults, naming every simulated device, the sandbox and the PIN', () => {
    expect(problemsOf({ production: true })).toEqual([
      expect.stringMatching(/^devices\.idCard\.mode is "simulated" \(also the default/),
      expect.stringMatching(/^devices\.scanner\.mode is "simulated"/),
      expect.stringMatching(/^devices\.receiptPrinter\.mode is "simulated"/),
      expect.stringMatching(/^devices\.documentPrinter\.mode is "simulated"/),
      expect.stringMatching(/^platform\.mode is "sandbox"/),
      expect.stringMatching(/^maintenance\.pinHash verifies the sandbox PIN 246810/),
      expect.stringMatching(/^help\.remoteUrl points at an example domain/),
    ]);
  });

  it('refuses a remote-help address on a domain reserved for examples', () => {
    for (const url of [
      'https://remote-help.example.com/kiosk',
      'https://help.example',
      'https://a.b.test/x',
    ])
      expect(problemsOf(production({ help: { remoteUrl: url } }))).toEqual([
        expect.stringMatching(/^help\.remoteUrl points at an example domain/),
      ]);
  });

  it('names the real modes a refused simulated device could take instead', () => {
    const raw = production({
      devices: { ...(production().devices as object), scanner: { mode: 'simulated' } },
    });
    let caught: unknown;
    try {
      parseConfig(raw);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toContain(
      'devices.scanner.mode = "simulated" is "simulated"',
    );
    expect((caught as ConfigError).message).toContain(
      'allowed: a real mode: "serial", "hid-pos", "hid-keyboard", "none"',
    );
  });

  it('refuses the sandbox platform on its own', () => {
    expect(problemsOf(production({ platform: { mode: 'sandbox' } }))).toEqual([
      expect.stringMatching(/^platform\.mode is "sandbox"/),
    ]);
  });

  it('refuses the sandbox PIN hashed again with a fresh salt, not only the shipped hash', () => {
    const resalted = hashMaintenancePin('246810');
    expect(problemsOf(production({ maintenance: { pinHash: resalted } }))).toEqual([
      expect.stringMatching(/^maintenance\.pinHash verifies the sandbox PIN 246810/),
    ]);
  });

  it('reports a malformed PIN hash once, as malformed', () => {
    expect(problemsOf(production({ maintenance: { pinHash: 'scrypt$1$2' } }))).toEqual([
      expect.stringMatching(/^maintenance\.pinHash is not a valid PIN hash/),
    ]);
  });

  it('leaves a config without production: true free to simulate everything', () => {
    expect(parseConfig({}).devices.idCard.mode).toBe('simulated');
  });
});

describe('the browser host settings', () => {
  it('refuse a bind address other machines can reach unless allowRemote is set', () => {
    for (const bind of ['0.0.0.0', '::', '192.168.1.20']) {
      expect(problemsOf({ host: { bind } })).toEqual([
        expect.stringMatching(/^host\.bind lets other machines reach the kiosk's screen/),
      ]);
    }
  });

  it('accept every loopback bind without allowRemote', () => {
    for (const bind of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) {
      expect(parseConfig({ host: { bind } }).host.bind).toBe(bind);
    }
  });

  it('require a token file and a host name with allowRemote', () => {
    expect(problemsOf({ host: { bind: '0.0.0.0', allowRemote: true } })).toEqual([
      expect.stringMatching(/^host\.tokenFile is required when allowRemote is true/),
      expect.stringMatching(/^host\.name is required when allowRemote is true/),
    ]);
    const host = parseConfig(
      production({
        host: {
          bind: '0.0.0.0',
          allowRemote: true,
          name: 'kiosk-0107.zwfw.example.gov.cn',
          tokenFile: '/etc/kiosk24/bridge-token',
        },
      }),
    ).host;
    expect(host).toMatchObject({ allowRemote: true, tokenFile: '/etc/kiosk24/bridge-token' });
  });

  it('refuse an inline token without echoing it, pointing to host.tokenFile', () => {
    const raw = { host: { token: 'a-bridge-token-that-must-not-be-shown' } };
    const [line] = problemsOf(raw);
    expect(line).toContain('host.token is a secret');
    let message = '';
    try {
      parseConfig(raw);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('host.tokenFile');
    expect(message).not.toContain('a-bridge-token-that-must-not-be-shown');
  });

  it('refuse a host name that is not a DNS name or an address', () => {
    expect(problemsOf({ host: { name: 'kiosk.example/evil' } })).toEqual([
      'host.name is not a host name',
    ]);
    expect(parseConfig({ host: { name: '10.2.3.4' } }).host.name).toBe('10.2.3.4');
  });

  it('let a second screen join read-only only when asked, refusing it by default', () => {
    expect(parseConfig({}).host.secondClient).toBe('refuse');
    expect(parseConfig({ host: { secondClient: 'readOnly' } }).host.secondClient).toBe('readOnly');
    expect(problemsOf({ host: { secondClient: 'share' } })).toEqual([
      'host.secondClient is not allowed',
    ]);
  });
});
