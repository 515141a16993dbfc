import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BOOT_KEYBOARD_DESCRIPTOR,
  HONEYWELL_DESCRIPTOR,
  NEWLAND_DESCRIPTOR,
} from '../../test/fixtures/scanner/hid-descriptors.ts';
import { DeviceError } from '../device/errors.ts';
import { HidDescriptorError, parseReportDescriptor, usage, usageAt } from './hid-descriptor.ts';
import { HONEYWELL_LAYOUT, NEWLAND_LAYOUT, layoutFromDescriptor } from './hid-pos-layout.ts';

/** 2,000 runs by default; `KIOSK24_LONG=1` runs 100,000 (the nightly fuzz budget). */
const numRuns = process.env.KIOSK24_LONG === '1' ? 100_000 : 2_000;

describe('the HID report descriptor parser', () => {
  it('finds the Honeywell layout of the spec in a Honeywell-style descriptor', () => {
    const parsed = parseReportDescriptor(HONEYWELL_DESCRIPTOR);
    expect(parsed.applications).toEqual([usage(0x8c, 0x02)]);
    const { origin: _found, ...layout } = layoutFromDescriptor(parsed);
    const { origin: _vendor, vendorCode: _code, ...expected } = HONEYWELL_LAYOUT;
    expect(layout).toEqual(expected);
  });

  it('finds the Newland layout of the spec, through Push and Pop', () => {
    const { origin: _found, ...layout } = layoutFromDescriptor(
      parseReportDescriptor(NEWLAND_DESCRIPTOR),
    );
    const { origin: _vendor, vendorCode: _code, ...expected } = NEWLAND_LAYOUT;
    expect(layout).toEqual(expected);
  });

  it('places output reports apart from input reports', () => {
    const output = parseReportDescriptor(NEWLAND_DESCRIPTOR).fields.filter(
      (f) => f.kind === 'output',
    );
    expect(output).toMatchObject([{ reportId: 4, bitOffset: 0, bitSize: 8, count: 62 }]);
  });

  it('expands Usage Minimum/Maximum and reuses the last usage of a variable field', () => {
    const modifiers = parseReportDescriptor(BOOT_KEYBOARD_DESCRIPTOR).fields[0];
    if (!modifiers) throw new Error('no field');
    expect(usageAt(modifiers, 1)).toBe(usage(0x07, 0xe1));
    expect(usageAt(modifiers, 7)).toBe(usage(0x07, 0xe7));
    const honeywellData = parseReportDescriptor(HONEYWELL_DESCRIPTOR).fields[2];
    expect(honeywellData && usageAt(honeywellData, 55)).toBe(usage(0x8c, 0xfe));
  });

  it('refuses a keyboard-mode descriptor with an unsupported DeviceError that says what to do', () => {
    const error = (() => {
      try {
        return layoutFromDescriptor(parseReportDescriptor(BOOT_KEYBOARD_DESCRIPTOR));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).unsupported).toBe(true);
    expect((error as DeviceError).message).toMatch(/hid-keyboard/);
  });

  it('names the problem and the byte of a broken descriptor', () => {
    expect(() => parseReportDescriptor(Uint8Array.of(0xc0))).toThrow(
      new HidDescriptorError('unbalanced', 0, 'End Collection without a Collection'),
    );
    expect(() => parseReportDescriptor(Uint8Array.of(0x05, 0x8c, 0x26, 0xff))).toThrow(
      /byte 2: an item needs 2 data bytes/,
    );
    expect(() => parseReportDescriptor(Uint8Array.of(0xb4))).toThrow(/Pop without a Push/);
  });

  it('never throws anything but HidDescriptorError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        try {
          const parsed = parseReportDescriptor(bytes);
          for (const field of parsed.fields) expect(field.bitOffset).toBeGreaterThanOrEqual(0);
        } catch (error) {
          expect(error).toBeInstanceOf(HidDescriptorError);
        }
      }),
      { numRuns },
    );
  });

  it('never throws anything but HidDescriptorError on mutations of a real descriptor', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        (mutations) => {
          const bytes = Uint8Array.from(HONEYWELL_DESCRIPTOR);
          for (const [at, value] of mutations) bytes[at % bytes.length] = value;
          try {
            layoutFromDescriptor(parseReportDescriptor(bytes));
          } catch (error) {
            const typed =
              error instanceof HidDescriptorError ||
              (error instanceof DeviceError && error.unsupported);
            expect(typed).toBe(true);
          }
        },
      ),
      { numRuns },
    );
  });
});
