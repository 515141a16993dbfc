import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  HONEYWELL_DESCRIPTOR,
  NEWLAND_DESCRIPTOR,
  BOOT_KEYBOARD_DESCRIPTOR,
} from '../../test/fixtures/scanner/hid-descriptors.ts';
import {
  HONEYWELL_MENU_REPLY,
  HONEYWELL_TWO_REPORT_QR,
  NEWLAND_EAN13,
} from '../../test/fixtures/scanner/hid-pos-sequences.ts';
import { DeviceError } from '../device/errors.ts';
import { silentDriverLogger, type DriverLogger } from '../device/logger.ts';
import { SimulatedHidDevice } from './hid-device.ts';
import { NEWLAND_LAYOUT } from './hid-pos-layout.ts';
import { encodeHidPosReports } from './hid-pos-reports.ts';
import { HidPosScanner } from './hid-pos.ts';
import type { CodeRefused, CodeScanned } from './types.ts';
import { budget, within } from '../../test/support/time.ts';

async function rig(
  descriptor: Uint8Array | undefined,
  options: Parameters<typeof HidPosScanner.fromDevice>[2] = {},
) {
  const device = new SimulatedHidDevice(descriptor);
  const scanner = await HidPosScanner.fromDevice(device, 'hidraw-test', {
    // The gap must not pass between two reports of one code on a busy CPU.
    idleGapMs: budget(20),
    ...options,
  });
  const events: (CodeScanned | CodeRefused)[] = [];
  scanner.onCode((code) => events.push(code));
  scanner.onRefused((refusal) => events.push(refusal));
  return { device, scanner, events };
}

describe('a HID POS scanner', () => {
  it('reassembles a Honeywell QR code sent in two reports, layout from the descriptor', async () => {
    const { device, scanner, events } = await rig(HONEYWELL_DESCRIPTOR);
    expect(scanner.layout.origin).toMatch(/report descriptor/);
    device.feed(...HONEYWELL_TWO_REPORT_QR.reports);
    expect(events).toEqual([
      {
        text: HONEYWELL_TWO_REPORT_QR.text,
        symbology: 'qr',
        aimId: ']Q1',
        source: 'hid-pos',
        encoding: 'utf-8',
      },
    ]);
  });

  it('reads a Newland EAN-13 report, layout from the descriptor', async () => {
    const { device, events } = await rig(NEWLAND_DESCRIPTOR);
    device.feed(...NEWLAND_EAN13.reports);
    expect(events).toMatchObject([
      { text: NEWLAND_EAN13.text, symbology: 'unknown', source: 'hid-pos' },
    ]);
  });

  it('falls back to the named vendor layout only when no descriptor can be read', async () => {
    const { device, scanner, events } = await rig(undefined, { fallbackLayout: 'newland' });
    expect(scanner.layout).toBe(NEWLAND_LAYOUT);
    device.feed(...NEWLAND_EAN13.reports);
    expect(events).toMatchObject([{ text: NEWLAND_EAN13.text }]);
  });

  it('warns that it fell back to a vendor layout when the descriptor read was empty', async () => {
    const warnings: string[] = [];
    const logger: DriverLogger = {
      ...silentDriverLogger,
      warn: (first: object | string, message?: string) => {
        warnings.push(typeof first === 'string' ? first : (message ?? ''));
      },
    };
    const { scanner } = await rig(new Uint8Array(0), { fallbackLayout: 'newland', logger });
    expect(scanner.layout).toBe(NEWLAND_LAYOUT);
    expect(warnings.join('\n')).toContain('no HID descriptor readable on hidraw-test');
  });

  it('refuses to start on a keyboard-mode descriptor instead of guessing a layout', async () => {
    const error = await rig(BOOT_KEYBOARD_DESCRIPTOR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).unsupported).toBe(true);
  });

  it('decodes a GBK code exactly filling a Newland report after the idle gap', async () => {
    const { device, scanner } = await rig(NEWLAND_DESCRIPTOR);
    const text = '苏服码居民码'.repeat(4) + '南京鼓楼';
    const bytes = new Uint8Array(iconv.encode(text, 'gbk'));
    expect(bytes.length).toBe(NEWLAND_LAYOUT.data.length);
    const seen = new Promise<CodeScanned>((resolve) => scanner.onCode(resolve));
    device.feed(...encodeHidPosReports(bytes, NEWLAND_LAYOUT));
    expect(await within(seen, 'the code after the idle gap')).toMatchObject({
      text,
      encoding: 'gb18030',
    });
  });

  it('keeps menu-command replies out of the scans', async () => {
    const { device, events } = await rig(HONEYWELL_DESCRIPTOR);
    device.feed(...HONEYWELL_MENU_REPLY);
    expect(events).toEqual([]);
  });

  it('refuses a scan with a control character', async () => {
    const { device, scanner, events } = await rig(HONEYWELL_DESCRIPTOR);
    device.feed(
      ...encodeHidPosReports(Uint8Array.of(0x41, 0x00, 0x42), scanner.layout, { aimId: ']Q1' }),
    );
    expect(events).toMatchObject([{ reason: 'controlCharacter', source: 'hid-pos' }]);
  });

  it('sends the Honeywell trigger as output report 0xFD, padded to 64 bytes', async () => {
    const { device, scanner } = await rig(HONEYWELL_DESCRIPTOR, { trigger: 'honeywell' });
    await scanner.start();
    expect(device.written).toHaveLength(1);
    expect([...(device.written[0] ?? new Uint8Array(0)).subarray(0, 6)]).toEqual([
      0xfd, 0x03, 0x16, 0x54, 0x0d, 0x00,
    ]);
    expect(device.written[0]?.length).toBe(64);
    expect(scanner.state().status).toBe('busy');
  });
});
