import { describe, expect, it } from 'vitest';
import { SimulatedHidDevice } from './hid-device.ts';
import { HidKeyboardScanner } from './hid-keyboard.ts';
import { KeyboardReportDecoder, encodeKeyboardReports } from './keyboard-usage.ts';
import type { CodeRefused, CodeScanned } from './types.ts';
import { within } from '../../test/support/time.ts';

const r = (...bytes: number[]): Uint8Array =>
  Uint8Array.from([...bytes, 0, 0, 0, 0, 0, 0, 0, 0].slice(0, 8));

function rig(options: ConstructorParameters<typeof HidKeyboardScanner>[2] = {}) {
  const device = new SimulatedHidDevice();
  const scanner = new HidKeyboardScanner(device, 'hidraw-test', { interKeyGapMs: 20, ...options });
  const events: (CodeScanned | CodeRefused)[] = [];
  scanner.onCode((code) => events.push(code));
  scanner.onRefused((refusal) => events.push(refusal));
  return { device, scanner, events };
}

describe('the boot keyboard report decoder', () => {
  it('counts a key held over several reports once and needs a release between repeats', () => {
    const decoder = new KeyboardReportDecoder();
    const events = [r(0, 0, 0x04), r(0, 0, 0x04), r(0), r(0, 0, 0x04), r(0, 0, 0x04, 0x05)].flatMap(
      (x) => decoder.push(x),
    );
    expect(events).toEqual([
      { kind: 'char', char: 'a' },
      { kind: 'char', char: 'a' },
      { kind: 'char', char: 'b' },
    ]);
  });

  it('ignores rollover error reports', () => {
    const decoder = new KeyboardReportDecoder();
    expect(decoder.push(r(0, 0, 1, 1, 1, 1, 1, 1))).toEqual([]);
    expect(decoder.push(r(0, 0, 0x05))).toEqual([{ kind: 'char', char: 'b' }]);
  });

  it('inverts letters but not digits or symbols while CapsLock is on', () => {
    const decoder = new KeyboardReportDecoder();
    const reports = [
      r(0, 0, 0x39),
      r(0),
      r(0, 0, 0x04),
      r(0),
      r(0x02, 0, 0x04),
      r(0),
      r(0, 0, 0x1e),
      r(0),
      r(0x02, 0, 0x1e),
    ];
    const chars = reports
      .flatMap((x) => decoder.push(x))
      .map((e) => (e.kind === 'char' ? e.char : e.kind));
    expect(chars).toEqual(['A', 'a', '1', '!']);
  });

  it('skips a leading report id when one is configured', () => {
    expect(
      new KeyboardReportDecoder(1).push(Uint8Array.of(1, 0x02, 0, 0x0b, 0, 0, 0, 0, 0)),
    ).toEqual([{ kind: 'char', char: 'H' }]);
  });
});

describe('a keyboard-wedge scanner on a HID device', () => {
  it('emits the typed code on Enter, with its AIM id split off', () => {
    const { device, events } = rig();
    device.feed(...encodeKeyboardReports(']Q1https://zwfw.example.gov.cn/q?t=Z9'));
    expect(events).toEqual([
      {
        text: 'https://zwfw.example.gov.cn/q?t=Z9',
        symbology: 'qr',
        aimId: ']Q1',
        source: 'hid-keyboard',
      },
    ]);
  });

  it('completes on the keypad Enter key too', () => {
    const { device, events } = rig();
    device.feed(...encodeKeyboardReports('12345', { suffix: 'none' }), r(0, 0, 0x58), r(0));
    expect(events).toMatchObject([{ text: '12345', symbology: 'unknown' }]);
  });

  it('treats Tab as data unless Tab is configured to end a code', () => {
    const keep = rig();
    keep.device.feed(...encodeKeyboardReports('a\tb'));
    expect(keep.events).toMatchObject([{ text: 'a\tb' }]);
    const ends = rig({ tabEnds: true });
    ends.device.feed(...encodeKeyboardReports('ab', { suffix: 'tab' }));
    expect(ends.events).toMatchObject([{ text: 'ab' }]);
  });

  it('completes a code without suffix after the inter-key gap', async () => {
    const { device, scanner } = rig();
    const seen = new Promise<CodeScanned>((resolve) => scanner.onCode(resolve));
    device.feed(...encodeKeyboardReports('NO-SUFFIX', { suffix: 'none' }));
    expect((await within(seen, 'the code after the inter-key gap')).text).toBe('NO-SUFFIX');
  });

  it('refuses an overlong typed code', () => {
    const { device, events } = rig({ rules: { maxLength: 5 } });
    device.feed(...encodeKeyboardReports('123456'));
    expect(events).toEqual([
      {
        reason: 'tooLong',
        detail: 'the code has 6 characters, more than the limit of 5',
        source: 'hid-keyboard',
      },
    ]);
  });

  it('goes offline when the device fails', () => {
    const { device, scanner } = rig();
    device.unplug();
    expect(scanner.state().status).toBe('offline');
  });
});
