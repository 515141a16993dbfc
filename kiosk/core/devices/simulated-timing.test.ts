import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TIMEOUTS } from '../../../drivers/id-card/index.ts';
import { ReceiptPrinter } from '../../../drivers/receipt-printer/printer.ts';
import { loadProfile } from '../../../drivers/receipt-printer/profile.ts';
import {
  DEFAULT_IDLE_GAP_MS,
  DEFAULT_REPLY_TIMEOUT_MS,
  SerialLineScanner,
} from '../../../drivers/scanner/serial-line.ts';
import type { PtyPair } from '../../../drivers/transports/pty-pair.ts';
import { createPtyPair } from '../../../test/support/pty.ts';
import { parseConfig } from '../config/index.ts';
import type { DeviceOpening } from './opening.ts';
import { openReceiptPrinter } from './receipt-printer.ts';
import { openScanner } from './scanner.ts';
import { deviceTimeout, idCardTimeouts } from './simulated-timing.ts';

const SCALE_4 = { KIOSK24_TIME_SCALE: '4' };

describe('a driver timeout of a simulated device', () => {
  it('is stretched by the time scale, since the simulator shares the CPU with the driver', () => {
    expect(deviceTimeout('simulated', 1000, SCALE_4)).toBe(4000);
    expect(deviceTimeout('simulated', 1000, { CI: 'true' })).toBe(3000);
    expect(deviceTimeout('simulated', 1000, {})).toBe(1000);
  });

  it('is kept exactly as configured for a real device, whatever the scale', () => {
    for (const mode of ['serial', 'usb-lp', 'hid-pos', 'hid-keyboard']) {
      expect(deviceTimeout(mode, 1000, SCALE_4)).toBe(1000);
    }
  });

  it('stretches every ID card command timeout for the simulated reader only', () => {
    const stretched = idCardTimeouts('simulated', SCALE_4);
    expect(Object.keys(stretched ?? {}).sort()).toEqual(Object.keys(DEFAULT_TIMEOUTS).sort());
    for (const [name, ms] of Object.entries(DEFAULT_TIMEOUTS)) {
      expect(stretched?.[name as keyof typeof DEFAULT_TIMEOUTS]).toBe(ms * 4);
    }
    expect(idCardTimeouts('serial', SCALE_4)).toBeUndefined();
  });
});

describe('the device openers', () => {
  const closers: (() => Promise<void>)[] = [];
  const ptys: PtyPair[] = [];

  afterEach(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    for (const close of closers.splice(0).reverse()) await close();
    for (const pair of ptys.splice(0)) await pair.close();
  });

  function opening(): DeviceOpening {
    return {
      log: pino({ level: 'silent' }),
      simulators: {},
      failures: new Map(),
      runFolder: undefined,
      closeLater: (close) => closers.push(close),
      pty: async () => {
        const pair = await createPtyPair();
        ptys.push(pair);
        return pair;
      },
      fail: (_requirement, what, error) => {
        throw new Error(`${what} failed to open in the test`, { cause: error });
      },
      changed: () => undefined,
    };
  }

  it('give the simulated receipt printer its configured status timeout times the scale', async () => {
    vi.stubEnv('KIOSK24_TIME_SCALE', '4');
    const open = vi.spyOn(ReceiptPrinter, 'open');
    const config = parseConfig({ devices: { receiptPrinter: { statusTimeoutMs: 700 } } });
    const printer = await openReceiptPrinter(
      config.devices.receiptPrinter,
      loadProfile(config.devices.receiptPrinter.profile),
      opening(),
    );
    if (printer) closers.push(() => printer.close());
    expect(printer?.state().status).toBe('online');
    expect(open.mock.calls[0]?.[1]).toMatchObject({ simulated: true, replyTimeoutMs: 2800 });
  });

  it('give the simulated scanner a stretched idle gap, so a paused simulator cannot split a code', async () => {
    vi.stubEnv('KIOSK24_TIME_SCALE', '4');
    const open = vi.spyOn(SerialLineScanner, 'open');
    const config = parseConfig({ devices: { scanner: { mode: 'simulated' } } });
    await openScanner(config.devices.scanner, opening());
    expect(open.mock.calls[0]?.[1]).toMatchObject({
      simulated: true,
      idleGapMs: DEFAULT_IDLE_GAP_MS * 4,
      replyTimeoutMs: DEFAULT_REPLY_TIMEOUT_MS * 4,
    });
  });

  it('give a real serial scanner the driver figures exactly, whatever the scale', async () => {
    vi.stubEnv('KIOSK24_TIME_SCALE', '4');
    const open = vi.spyOn(SerialLineScanner, 'open');
    const pair = await createPtyPair();
    ptys.push(pair);
    const config = parseConfig({ devices: { scanner: { mode: 'serial', path: pair.hostPath } } });
    await openScanner(config.devices.scanner, opening());
    expect(open.mock.calls[0]?.[1]).toMatchObject({
      simulated: false,
      idleGapMs: DEFAULT_IDLE_GAP_MS,
      replyTimeoutMs: DEFAULT_REPLY_TIMEOUT_MS,
    });
  });
});
