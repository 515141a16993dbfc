import { DeviceError } from '../device/errors.ts';
import { usage, usageAt, type ParsedDescriptor, type ReportField } from './hid-descriptor.ts';

/**
 * Where the parts of a HID POS scan report are (spec §2.2), read from the descriptor or,
 * when no descriptor can be read, taken from a vendor layout documented in the spec.
 * Offsets count from the first byte node-hid delivers, the report id when there is one.
 */

/** A value of `bitSize` bits at `bitOffset` in the report. */
export interface BitSlot {
  bitOffset: number;
  bitSize: number;
}

/** The layout of one scanner's scan report. */
export interface HidPosLayout {
  /** Report id of the scan report; 0 when the device sends no report id. */
  reportId: number;
  /** Length of the report in bytes, report id included. */
  reportBytes: number;
  /** Usage 0x01:3B, the number of valid data bytes in this report. */
  byteCount?: BitSlot;
  /** Byte offsets of Symbology Identifier 1-3 (the AIM id). */
  symbology?: number[];
  /** Decoded Data: where it starts and how many bytes one report carries. */
  data: { byteOffset: number; length: number };
  /** Decode Data Continued: non-zero while more reports follow. */
  continued?: BitSlot;
  /** A vendor code-id byte (Honeywell, Newland), kept for diagnostics. */
  vendorCode?: number;
  /** Where the layout came from, for logs and the maintenance screen. */
  origin: string;
}

/** HID POS usages (page 0x8C) and Generic Desktop Byte Count. */
const POS_USAGE = {
  byteCount: usage(0x01, 0x3b),
  symbology1: usage(0x8c, 0xfb),
  symbology2: usage(0x8c, 0xfc),
  symbology3: usage(0x8c, 0xfd),
  decodedData: usage(0x8c, 0xfe),
  continued: usage(0x8c, 0xff),
  barCodeScanner: usage(0x8c, 0x02),
} as const;

/** The Honeywell layout from observed dumps (64 bytes, spec §2.2). */
export const HONEYWELL_LAYOUT: HidPosLayout = {
  reportId: 0x02,
  reportBytes: 64,
  byteCount: { bitOffset: 8, bitSize: 8 },
  symbology: [2, 3, 4],
  data: { byteOffset: 5, length: 56 },
  vendorCode: 61,
  continued: { bitOffset: 63 * 8, bitSize: 1 },
  origin: 'vendor layout honeywell (spec §2.2, single source)',
};

/** The Newland FM430 layout from its vendor doc (63 bytes, no continuation flag). */
export const NEWLAND_LAYOUT: HidPosLayout = {
  reportId: 0x02,
  reportBytes: 63,
  byteCount: { bitOffset: 8, bitSize: 8 },
  data: { byteOffset: 2, length: 56 },
  vendorCode: 62,
  origin: 'vendor layout newland (spec §2.2, single source)',
};

/** Vendor layouts by name, for config. */
export const VENDOR_LAYOUTS: Readonly<Record<string, HidPosLayout>> = {
  honeywell: HONEYWELL_LAYOUT,
  newland: NEWLAND_LAYOUT,
};

interface Element {
  field: ReportField;
  bitOffset: number;
}

/** Every input element carrying `wanted`, in report order. */
function elements(fields: ReportField[], reportId: number, wanted: number): Element[] {
  const found: Element[] = [];
  for (const field of fields) {
    if (field.kind !== 'input' || field.reportId !== reportId || field.constant) continue;
    for (let i = 0; i < field.count; i++) {
      if (usageAt(field, i) === wanted)
        found.push({ field, bitOffset: field.bitOffset + i * field.bitSize });
    }
  }
  return found;
}

/**
 * Finds the scan report in a parsed descriptor. Throws a DeviceError flagged `unsupported`
 * naming what is missing when the descriptor has no byte-aligned Decoded Data input.
 */
export function layoutFromDescriptor(parsed: ParsedDescriptor): HidPosLayout {
  const dataField = parsed.fields.find(
    (f) =>
      f.kind === 'input' &&
      !f.constant &&
      f.bitSize === 8 &&
      f.usages.some((s) => s.first <= POS_USAGE.decodedData && POS_USAGE.decodedData <= s.last),
  );
  if (!dataField) {
    throw new DeviceError(
      'the HID descriptor has no 8-bit Decoded Data input (usage 0x8C:FE); this is not a HID POS scanner, or it is in keyboard mode. Set the scanner to HID POS with its setup code, or configure mode "hid-keyboard".',
      { unsupported: true },
    );
  }
  const reportId = dataField.reportId;
  const idBytes = reportId === 0 ? 0 : 1;
  const data = elements(parsed.fields, reportId, POS_USAGE.decodedData);
  const first = data[0];
  if (!first || first.bitOffset % 8 !== 0) {
    throw new DeviceError(
      'the Decoded Data field of the HID descriptor is not byte aligned; this layout is not supported',
      { unsupported: true },
    );
  }
  const slot = (wanted: number): BitSlot | undefined => {
    const element = elements(parsed.fields, reportId, wanted)[0];
    return (
      element && { bitOffset: element.bitOffset + idBytes * 8, bitSize: element.field.bitSize }
    );
  };
  const symbology = [POS_USAGE.symbology1, POS_USAGE.symbology2, POS_USAGE.symbology3]
    .map(slot)
    .filter((s): s is BitSlot => s !== undefined && s.bitSize === 8 && s.bitOffset % 8 === 0)
    .map((s) => s.bitOffset / 8);
  const reportBits = parsed.fields
    .filter((f) => f.kind === 'input' && f.reportId === reportId)
    .reduce((end, f) => Math.max(end, f.bitOffset + f.bitSize * f.count), 0);
  const byteCount = slot(POS_USAGE.byteCount);
  const continued = slot(POS_USAGE.continued);
  return {
    reportId,
    reportBytes: idBytes + Math.ceil(reportBits / 8),
    ...(byteCount ? { byteCount } : {}),
    ...(symbology.length === 3 ? { symbology } : {}),
    data: { byteOffset: idBytes + first.bitOffset / 8, length: data.length },
    ...(continued ? { continued } : {}),
    origin: `report descriptor (input report ${reportId})`,
  };
}

/** Reads an unsigned little-endian value of up to 32 bits from a report. */
export function readBits(report: Uint8Array, slot: BitSlot): number {
  let value = 0;
  for (let i = 0; i < slot.bitSize && i < 32; i++) {
    const bit = slot.bitOffset + i;
    if (((report[bit >> 3] ?? 0) >> (bit & 7)) & 1) value += 2 ** i;
  }
  return value;
}
