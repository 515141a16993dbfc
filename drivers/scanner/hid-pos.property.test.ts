import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HONEYWELL_LAYOUT, NEWLAND_LAYOUT, type HidPosLayout } from './hid-pos-layout.ts';
import { HidPosAssembler, encodeHidPosReports, type PosReportItem } from './hid-pos-reports.ts';

/** 2,000 runs by default; `KIOSK24_LONG=1` runs 100,000 (the nightly fuzz budget). */
const numRuns = process.env.KIOSK24_LONG === '1' ? 100_000 : 2_000;

/** A minimal descriptor-driven layout unlike both vendors': no report id, 8-byte data, flag byte first. */
const TINY_LAYOUT: HidPosLayout = {
  reportId: 0,
  reportBytes: 10,
  continued: { bitOffset: 0, bitSize: 1 },
  byteCount: { bitOffset: 8, bitSize: 8 },
  data: { byteOffset: 2, length: 8 },
  origin: 'test',
};

const layouts = fc.constantFrom(HONEYWELL_LAYOUT, NEWLAND_LAYOUT, TINY_LAYOUT);

function assemble(assembler: HidPosAssembler, reports: Uint8Array[]): PosReportItem[] {
  const items = reports.map((report) => assembler.push(report)).filter((i) => i !== undefined);
  const flushed = assembler.flush();
  return flushed ? [...items, flushed] : items;
}

describe('HID POS reassembly under random input', () => {
  it('returns any payload split across reports unchanged, with its AIM id', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 700 }), { minLength: 1, maxLength: 4 }),
        layouts,
        (payloads, layout) => {
          const assembler = new HidPosAssembler(layout);
          for (const payload of payloads) {
            // Without Byte Count or Continued, trailing NULs cannot be told from padding.
            const reports = encodeHidPosReports(payload, layout, { aimId: ']Q1' });
            const items = assemble(assembler, reports);
            expect(items).toHaveLength(1);
            const item = items[0];
            if (item?.kind !== 'scan') throw new Error(`expected a scan, got ${item?.kind}`);
            expect(item.bytes).toEqual(payload);
            if (layout.symbology) expect(item.aimId).toBe(']Q1');
          }
        },
      ),
      { numRuns },
    );
  });

  it('never throws on random reports and never returns more than the limit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 40 }),
        layouts,
        (reports, layout) => {
          const assembler = new HidPosAssembler(layout, 300);
          for (const item of assemble(assembler, reports)) {
            expect(['scan', 'overflow', 'ignored']).toContain(item.kind);
            if (item.kind === 'scan') expect(item.bytes.length).toBeLessThanOrEqual(300);
          }
        },
      ),
      { numRuns },
    );
  });
});
