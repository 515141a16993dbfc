import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './index.ts';

function problemLines(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) {
      expect(error.invalid).toBe(true);
      return error.message
        .split('\n')
        .slice(1)
        .map((line) => line.trim());
    }
    throw error;
  }
  throw new Error('expected a ConfigError, but the config was accepted');
}

function onlyLine(raw: unknown): string {
  const lines = problemLines(raw);
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

describe('a config value that is not allowed', () => {
  it('is reported with its key path, the value and the allowed values', () => {
    expect(onlyLine({ devices: { receiptPrinter: { baudRate: 12345 } } })).toBe(
      'devices.receiptPrinter.baudRate = 12345 is not allowed; allowed: one of 115200, 57600, 38400, 19200, 9600',
    );
  });

  it('lists the choices of an enumerated key', () => {
    expect(onlyLine({ locale: 'fr' })).toBe(
      'locale = "fr" is not allowed; allowed: one of "zh-CN", "en"',
    );
  });

  it('says a number is out of range and gives the range', () => {
    expect(onlyLine({ session: { idleTimeoutSeconds: 5 } })).toBe(
      'session.idleTimeoutSeconds = 5 is too small; allowed: a whole number from 15 to 600',
    );
    expect(onlyLine({ host: { port: 70000 } })).toBe(
      'host.port = 70000 is too large; allowed: a whole number from 0 to 65535',
    );
  });

  it('says text given for a number is not a number', () => {
    expect(onlyLine({ host: { port: '80x' } })).toBe(
      'host.port = "80x" is not a number; allowed: a whole number from 0 to 65535',
    );
  });

  it('says a fraction is not a whole number', () => {
    expect(onlyLine({ devices: { idCard: { pollIntervalMs: 250.5 } } })).toContain(
      'devices.idCard.pollIntervalMs = 250.5 is not a whole number',
    );
  });

  it('names a list item by its index', () => {
    expect(onlyLine({ flows: { directories: ['flows', ''] } })).toBe(
      'flows.directories[1] = "" is too short; allowed: a file or folder path',
    );
  });

  it('reports a whole-file value of the wrong kind', () => {
    expect(onlyLine([1, 2])).toBe(
      '(top level) = a list is not a mapping of keys; allowed: a mapping of keys',
    );
  });
});

describe('every problem in a config', () => {
  it('is reported at once, one line each', () => {
    const lines = problemLines({
      locale: 'fr',
      host: { port: -1, bind: 'not-an-ip' },
      devices: { scanner: { suffix: 'TAB' } },
    });
    expect(lines).toHaveLength(4);
    expect(lines.map((line) => line.split(' ')[0])).toEqual(
      expect.arrayContaining(['locale', 'host.port', 'host.bind', 'devices.scanner.suffix']),
    );
  });
});

describe('an unknown key', () => {
  it('is an error that suggests the known key it is closest to', () => {
    expect(onlyLine({ devices: { reciptPrinter: { mode: 'none' } } })).toBe(
      'devices.reciptPrinter is an unknown key (did you mean "receiptPrinter"?); allowed: the keys here are idCard, scanner, receiptPrinter, documentPrinter',
    );
  });

  it('catches a change of case as a typo', () => {
    expect(onlyLine({ devices: { idCard: { baudrate: 9600 } } })).toContain(
      '(did you mean "baudRate"?)',
    );
  });

  it('points a key written at the wrong level to where it belongs', () => {
    expect(onlyLine({ idleTimeoutSeconds: 60 })).toContain(
      'idleTimeoutSeconds is not a key at this level (did you mean session.idleTimeoutSeconds?)',
    );
  });

  it('is still an error when nothing known is close, listing the keys that are', () => {
    expect(onlyLine({ host: { colour: 'blue' } })).toBe(
      'host.colour is an unknown key; allowed: the keys here are kind, port, bind, openWindow, allowRemote, name, tokenFile, secondClient',
    );
  });
});

describe('an inline secret', () => {
  it('is refused without echoing it, pointing to clientSecretFile', () => {
    const line = onlyLine({ platform: { clientSecret: 's3cr3t-value' } });
    expect(line).not.toContain('s3cr3t-value');
    expect(line).toContain('platform.clientSecret is a secret');
    expect(line).toContain('platform.clientSecretFile');
  });
});

describe('cross-field rules', () => {
  it('require the idle warning to be shorter than the idle timeout', () => {
    expect(onlyLine({ session: { idleTimeoutSeconds: 30, idleWarningSeconds: 30 } })).toBe(
      'session.idleWarningSeconds = 30 must be less than session.idleTimeoutSeconds (30); allowed: a whole number from 5 to 29',
    );
  });

  it('require a device path for a serial ID-card reader', () => {
    expect(onlyLine({ devices: { idCard: { mode: 'serial' } } })).toMatch(
      /^devices\.idCard\.path is required when mode is "serial"; allowed: a device path/,
    );
  });

  it('require both USB ids for a HID scanner that has no path', () => {
    const lines = problemLines({
      devices: { scanner: { mode: 'hid-keyboard', vendorId: 0x0c2e } },
    });
    expect(lines).toEqual([
      expect.stringMatching(/^devices\.scanner\.productId is required when mode is "hid-keyboard"/),
    ]);
  });

  it('require a CUPS queue for the cups document printer', () => {
    expect(onlyLine({ devices: { documentPrinter: { mode: 'cups' } } })).toMatch(
      /^devices\.documentPrinter\.queue is required when mode is "cups"/,
    );
  });

  it('require a base URL for the remote platform', () => {
    expect(onlyLine({ platform: { mode: 'remote' } })).toMatch(
      /^platform\.baseUrl is required when mode is "remote"/,
    );
  });

  it('refuse plain http to a platform that is not on this machine', () => {
    expect(onlyLine({ platform: { mode: 'remote', baseUrl: 'http://zwfw.example.gov.cn/' } })).toBe(
      `platform.baseUrl = "http://zwfw.example.gov.cn/" uses http, which would send residents' data unencrypted; allowed: an https:// URL (http:// only for a loopback host)`,
    );
  });

  it('accept plain http to a loopback platform', () => {
    for (const baseUrl of ['http://127.0.0.1:9000/', 'http://localhost/', 'http://[::1]:8080/']) {
      expect(parseConfig({ platform: { mode: 'remote', baseUrl } }).platform.baseUrl).toBe(baseUrl);
    }
  });

  it('require clientId and clientSecretFile together', () => {
    expect(onlyLine({ platform: { clientId: 'kiosk-1' } })).toMatch(
      /^platform\.clientSecretFile is required because clientId and clientSecretFile go together/,
    );
  });

  it('cap a platform reply at 2 MiB unless told otherwise', () => {
    expect(parseConfig({}).platform.maxReplyBytes).toBe(2 * 1024 * 1024);
    expect(parseConfig({ platform: { maxReplyBytes: 65536 } }).platform.maxReplyBytes).toBe(65536);
  });

  it.each([1024, 128 * 1024 * 1024, 100_000.5])(
    'refuse a reply cap of %d bytes, giving the range',
    (maxReplyBytes) => {
      expect(onlyLine({ platform: { maxReplyBytes } })).toMatch(
        /^platform\.maxReplyBytes = .* allowed: a whole number from 65536 to 67108864$/,
      );
    },
  );

  it('refuse an empty platform.caFile', () => {
    expect(onlyLine({ platform: { caFile: '' } })).toMatch(/^platform\.caFile = "" /);
  });
});
