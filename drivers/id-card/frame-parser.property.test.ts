import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEADER_SIZE, encodeResponse } from './codec.ts';
import { DEFAULT_MAX_FRAME_LENGTH, ResponseParser } from './frame-parser.ts';

/** 2,000 runs by default; `KIOSK24_LONG=1` runs 100,000 (the nightly fuzz budget). */
const numRuns = process.env.KIOSK24_LONG === '1' ? 100_000 : 2_000;

/** Cuts `bytes` at the given offsets (taken modulo the length), in order. */
function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [
    ...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % (bytes.length + 1)))),
  ].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

const anyResponse = fc.record({
  sw1: fc.integer({ min: 0, max: 255 }),
  sw2: fc.integer({ min: 0, max: 255 }),
  sw3: fc.integer({ min: 0, max: 255 }),
  data: fc.uint8Array({ maxLength: 400 }),
});

/** Noise that cannot contain a preamble, so every frame after it must be found. */
const noise = fc
  .uint8Array({ maxLength: 40 })
  .map((bytes) => bytes.map((b) => (b === 0x96 ? 0x95 : b)));

describe('the response parser under random input', () => {
  it('never throws, yields only typed items and never holds more than one maximal frame', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 3000 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (bytes, cuts) => {
          const parser = new ResponseParser();
          for (const chunk of splitAt(bytes, cuts)) {
            for (const item of parser.push(chunk)) {
              expect(['response', 'fault']).toContain(item.kind);
              if (item.kind === 'fault') expect(['checksum', 'length']).toContain(item.reason);
            }
            expect(parser.pendingBytes).toBeLessThanOrEqual(HEADER_SIZE + DEFAULT_MAX_FRAME_LENGTH);
          }
        },
      ),
      { numRuns },
    );
  });

  it('never throws on random bytes mixed with preambles and plausible lengths', () => {
    const piece = fc.oneof(
      fc.uint8Array({ maxLength: 12 }),
      fc.constant(Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69)),
      fc
        .tuple(fc.integer({ min: 0, max: 0x20 }), fc.nat({ max: 255 }))
        .map(([hi, lo]) => Uint8Array.of(hi, lo)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const parser = new ResponseParser();
        const items = pieces.flatMap((p) => parser.push(p));
        for (const item of items) expect(['response', 'fault']).toContain(item.kind);
      }),
      { numRuns },
    );
  });

  it('gives back every valid frame, in order, after noise and split at random points', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(noise, anyResponse), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (parts, cuts) => {
          const wire = Buffer.concat(
            parts.flatMap(([junk, response]) => [junk, encodeResponse(response)]),
          );
          const parser = new ResponseParser();
          const items = splitAt(new Uint8Array(wire), cuts).flatMap((chunk) => parser.push(chunk));
          expect(items).toEqual(parts.map(([, response]) => ({ kind: 'response', ...response })));
        },
      ),
      { numRuns },
    );
  });
});
