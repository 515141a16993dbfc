import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeviceError } from '../device/errors.ts';
import {
  deviceStateFromReport,
  paperFromSensorReply,
  reportFromAsb,
  reportFromStatusReplies,
  StatusStreamReader,
  type StatusFrame,
} from './status.ts';

const identity = { id: 'rp', simulated: true };

describe('the DLE EOT status parser', () => {
  it('reads the spec examples of the roll sensor: 0x12 full, 0x1E near end, 0x72 out', () => {
    expect(paperFromSensorReply(0x12)).toBe('full');
    expect(paperFromSensorReply(0x1e)).toBe('low');
    expect(paperFromSensorReply(0x72)).toBe('out');
  });

  it('reads four 0x12 replies as an online printer with paper', () => {
    const report = reportFromStatusReplies([0x12, 0x12, 0x12, 0x12]);
    expect(deviceStateFromReport(report, identity)).toMatchObject({
      status: 'online',
      supplies: { paper: 'full' },
      detail: 'ready',
    });
  });

  it('keeps paper near end a supply state while the printer stays online', () => {
    const state = deviceStateFromReport(
      reportFromStatusReplies([0x12, 0x12, 0x12, 0x1e]),
      identity,
    );
    expect(state.status).toBe('online');
    expect(state.supplies.paper).toBe('low');
  });

  it('maps paper out (offline, paper-end stop, sensor 0x72) to offline with paper out', () => {
    const report = reportFromStatusReplies([0x1a, 0x32, 0x12, 0x72]);
    expect(report.online).toBe(false);
    expect(report.paperEndStop).toBe(true);
    expect(deviceStateFromReport(report, identity)).toMatchObject({
      status: 'offline',
      supplies: { paper: 'out' },
    });
  });

  it('maps cover open (DLE EOT 2 bit 2) to offline with the cover named', () => {
    const report = reportFromStatusReplies([0x1a, 0x16, 0x12, 0x12]);
    expect(report.coverOpen).toBe(true);
    expect(deviceStateFromReport(report, identity)).toMatchObject({
      status: 'offline',
      detail: 'cover open',
    });
  });

  it('maps an autocutter error (DLE EOT 3 bit 3) to hardwareError', () => {
    const report = reportFromStatusReplies([0x1a, 0x52, 0x1a, 0x12]);
    expect(report.cutterError).toBe(true);
    expect(deviceStateFromReport(report, identity).status).toBe('hardwareError');
  });

  it('rejects a reply without the fixed bits as a checksum failure', () => {
    let caught: unknown;
    try {
      reportFromStatusReplies([0x12, 0x00, 0x12, 0x12]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DeviceError);
    expect((caught as DeviceError).checksum).toBe(true);
  });
});

describe('the ASB block parser', () => {
  it('reads an all-clear block as online with paper', () => {
    expect(reportFromAsb(Uint8Array.of(0x10, 0x00, 0x00, 0x00))).toMatchObject({
      online: true,
      coverOpen: false,
      paper: 'full',
    });
  });

  it('reads near end from byte 3 bits 0-1 and paper end from bits 2-3', () => {
    expect(reportFromAsb(Uint8Array.of(0x10, 0, 0x03, 0)).paper).toBe('low');
    expect(reportFromAsb(Uint8Array.of(0x18, 0, 0x0f, 0)).paper).toBe('out');
  });

  it('reads cover open and cutter error', () => {
    const report = reportFromAsb(Uint8Array.of(0x38, 0x08, 0, 0));
    expect(report.coverOpen).toBe(true);
    expect(report.cutterError).toBe(true);
  });

  it('rejects a block whose first byte is a DLE EOT reply', () => {
    expect(() => reportFromAsb(Uint8Array.of(0x12, 0, 0, 0))).toThrow(DeviceError);
  });
});

/** Byte values with the fixed bits of a DLE EOT reply / an ASB header. */
const replyByte = fc.integer({ min: 0, max: 255 }).map((b) => (b & ~0x93) | 0x12);
const asbHeader = fc.integer({ min: 0, max: 255 }).map((b) => (b & ~0x93) | 0x10);
const frame: fc.Arbitrary<StatusFrame> = fc.oneof(
  replyByte.map((byte) => ({ kind: 'reply' as const, byte })),
  fc
    .tuple(asbHeader, fc.uint8Array({ minLength: 3, maxLength: 3 }))
    .map(([head, rest]) => ({ kind: 'asb' as const, block: Uint8Array.of(head, ...rest) })),
);

function serialize(frames: readonly StatusFrame[]): Uint8Array {
  return Uint8Array.from(frames.flatMap((f) => (f.kind === 'asb' ? [...f.block] : [f.byte])));
}

describe('the status stream reader', () => {
  it('gives back every reply and ASB block, whatever the chunking', () => {
    fc.assert(
      fc.property(
        fc.array(frame, { maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 7 })),
        (frames, cuts) => {
          const bytes = serialize(frames);
          const reader = new StatusStreamReader();
          const out: StatusFrame[] = [];
          let pos = 0;
          for (let i = 0; pos < bytes.length; i++) {
            const size = cuts.length > 0 ? (cuts[i % cuts.length] ?? 1) : bytes.length;
            out.push(...reader.push(bytes.subarray(pos, pos + size)));
            pos += size;
          }
          expect(out).toEqual(frames);
        },
      ),
    );
  });

  it('reports a byte that is neither kind as unknown and carries on', () => {
    const reader = new StatusStreamReader();
    expect(reader.push(Uint8Array.of(0x00, 0x12))).toEqual([
      { kind: 'unknown', byte: 0x00 },
      { kind: 'reply', byte: 0x12 },
    ]);
  });
});
