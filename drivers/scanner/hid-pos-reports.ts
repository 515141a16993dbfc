import { maxCodeBytes } from './code-text.ts';
import { readBits, type BitSlot, type HidPosLayout } from './hid-pos-layout.ts';

/**
 * Reassembly of HID POS scans from their reports (spec §2.2): each report carries up to one
 * report's worth of data; the scan is complete when Decode Data Continued is 0, or, on
 * layouts without that flag, when a report is not full (the driver's idle gap ends a scan
 * that exactly filled its last report).
 */

/** What one report meant. */
export type PosReportItem =
  | { kind: 'scan'; bytes: Uint8Array; aimId?: string; vendorCode?: number }
  /** A scan that grew past the limit; its data was dropped. */
  | { kind: 'overflow'; length: number }
  /** A report this layout does not describe (another report id, too short). */
  | { kind: 'ignored'; reason: string };

/** Collects the reports of one scan at a time. */
export class HidPosAssembler {
  private parts: Uint8Array[] = [];
  private length = 0;
  private overflowed = false;
  private aimId: string | undefined;
  private vendorCode: number | undefined;

  constructor(
    private readonly layout: HidPosLayout,
    private readonly maxScanBytes = maxCodeBytes(),
  ) {}

  /** True while reports of an unfinished scan are held. */
  get pending(): boolean {
    return this.length > 0 || this.overflowed;
  }

  /** Feeds one input report as node-hid delivers it (report id first when the device uses ids). */
  push(report: Uint8Array): PosReportItem | undefined {
    const { layout } = this;
    if (layout.reportId !== 0 && report[0] !== layout.reportId) {
      return {
        kind: 'ignored',
        reason: `report id ${report[0] ?? 'none'} is not the scan report ${layout.reportId}`,
      };
    }
    const dataEnd = layout.data.byteOffset + layout.data.length;
    if (report.length < layout.data.byteOffset) {
      return {
        kind: 'ignored',
        reason: `a ${report.length}-byte report is shorter than the scan layout`,
      };
    }
    const room = Math.min(layout.data.length, Math.max(0, report.length - layout.data.byteOffset));
    let count = layout.byteCount
      ? readBits(report, layout.byteCount)
      : trimmedLength(report, layout.data.byteOffset, room);
    // A count beyond the data field is a device fault; what the field holds is all there is.
    count = Math.min(count, room);
    if (this.length === 0 && !this.overflowed) this.takeHeader(report);
    if (this.length + count > this.maxScanBytes) this.overflowed = true;
    if (!this.overflowed) {
      this.parts.push(report.slice(layout.data.byteOffset, layout.data.byteOffset + count));
    }
    this.length += count;
    const more = layout.continued
      ? readBits(report, layout.continued) !== 0
      : count === layout.data.length && report.length >= dataEnd;
    return more ? undefined : this.finish();
  }

  /** Ends the scan in progress (the driver's idle gap); returns it, or nothing. */
  flush(): PosReportItem | undefined {
    return this.pending ? this.finish() : undefined;
  }

  private takeHeader(report: Uint8Array): void {
    const aim = this.layout.symbology?.map((offset) => report[offset] ?? 0);
    this.aimId =
      aim && aim.every((b) => b >= 0x20 && b < 0x7f) ? String.fromCharCode(...aim) : undefined;
    const code = this.layout.vendorCode === undefined ? undefined : report[this.layout.vendorCode];
    this.vendorCode = code === 0 ? undefined : code;
  }

  private finish(): PosReportItem {
    const length = this.length;
    const overflowed = this.overflowed;
    const bytes = new Uint8Array(length);
    if (!overflowed) {
      let at = 0;
      for (const part of this.parts) {
        bytes.set(part, at);
        at += part.length;
      }
    }
    const header = { aimId: this.aimId, vendorCode: this.vendorCode };
    this.parts = [];
    this.length = 0;
    this.overflowed = false;
    if (overflowed) return { kind: 'overflow', length };
    return {
      kind: 'scan',
      bytes,
      ...(header.aimId ? { aimId: header.aimId } : {}),
      ...(header.vendorCode !== undefined ? { vendorCode: header.vendorCode } : {}),
    };
  }
}

/** Without a Byte Count, the data runs to the last non-NUL byte of the field. */
function trimmedLength(report: Uint8Array, from: number, room: number): number {
  let length = room;
  while (length > 0 && report[from + length - 1] === 0) length--;
  return length;
}

function writeBits(report: Uint8Array, slot: BitSlot, value: number): void {
  for (let i = 0; i < slot.bitSize && i < 32; i++) {
    const bit = slot.bitOffset + i;
    const mask = 1 << (bit & 7);
    if (Math.floor(value / 2 ** i) % 2 === 1) report[bit >> 3] = (report[bit >> 3] ?? 0) | mask;
  }
}

/**
 * Splits one scan into input reports of `layout`, as the scanner sends them. Used by the
 * HID simulator, the recorded fixtures and the reassembly property tests.
 */
export function encodeHidPosReports(
  data: Uint8Array,
  layout: HidPosLayout,
  options: { aimId?: string; vendorCode?: number } = {},
): Uint8Array[] {
  const reports: Uint8Array[] = [];
  const per = layout.data.length;
  let at = 0;
  do {
    const chunk = data.subarray(at, at + per);
    at += chunk.length;
    const report = new Uint8Array(layout.reportBytes);
    if (layout.reportId !== 0) report[0] = layout.reportId;
    if (layout.byteCount) writeBits(report, layout.byteCount, chunk.length);
    layout.symbology?.forEach((offset, i) => (report[offset] = options.aimId?.charCodeAt(i) ?? 0));
    report.set(chunk, layout.data.byteOffset);
    if (layout.vendorCode !== undefined) report[layout.vendorCode] = options.vendorCode ?? 0;
    if (layout.continued) writeBits(report, layout.continued, at < data.length ? 1 : 0);
    reports.push(report);
  } while (at < data.length);
  return reports;
}
