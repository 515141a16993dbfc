import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCodeText } from './code-text.ts';
import { LineFramer, type FramedItem, type Terminator } from './line-framer.ts';
import { encodeSimulatedScan } from './simulator.ts';
import { splitAimPrefix, type Symbology } from './symbology.ts';

/** 2,000 runs by default; `KIOSK24_LONG=1` runs 100,000 (the nightly fuzz budget). */
const numRuns = process.env.KIOSK24_LONG === '1' ? 100_000 : 2_000;

/** Cuts `bytes` at the given offsets (taken modulo the length), in order. */
function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Printable text as a phone QR carries it: ASCII, Chinese, emoji; no control characters. */
const codeText = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.integer({ min: 0x4e00, max: 0x9fa5 }),
      fc.constantFrom(0x1f600, 0x00e9, 0x3002),
    ),
    { minLength: 1, maxLength: 300 },
  )
  .map((points) => String.fromCodePoint(...points));

const terminator = fc.constantFrom<Terminator>('CR', 'LF', 'CRLF');
const symbology = fc.constantFrom<Symbology>('qr', 'code128', 'gs1-128', 'ean8', 'data-matrix');

describe('serial line framing under random input', () => {
  it('returns every scanned code unchanged, whatever the chunking and suffix style', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(codeText, symbology), { minLength: 1, maxLength: 5 }),
        terminator,
        fc.array(fc.nat(), { maxLength: 30 }),
        (scans, suffix, cuts) => {
          const wire = concat(
            scans.map(([text, sym]) => encodeSimulatedScan(text, { symbology: sym, suffix })),
          );
          const framer = new LineFramer(suffix);
          const items = splitAt(wire, cuts).flatMap((chunk) => framer.push(chunk));
          items.push(...framer.flush());
          const decoded = items.map((item) => {
            if (item.kind !== 'line') throw new Error(`unexpected ${item.kind}`);
            const split = splitAimPrefix(item.bytes);
            const text = readCodeText(split.rest);
            return [text.ok ? text.text : `refused:${text.reason}`, split.symbology];
          });
          expect(decoded).toEqual(scans);
        },
      ),
      { numRuns },
    );
  });

  it('finds every code that follows random garbage once a suffix has ended the garbage', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(codeText, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (garbage, texts, cuts) => {
          const wire = concat([
            garbage,
            Uint8Array.of(0x0d),
            ...texts.map((t) => encodeSimulatedScan(t, { aim: false })),
          ]);
          const framer = new LineFramer('CR');
          const lines = splitAt(wire, cuts)
            .flatMap((chunk) => framer.push(chunk))
            .filter((item): item is Extract<FramedItem, { kind: 'line' }> => item.kind === 'line')
            .map((item) => new TextDecoder().decode(item.bytes));
          expect(lines.slice(-texts.length)).toEqual(texts);
        },
      ),
      { numRuns },
    );
  });

  it('never holds more than the line limit and reports an overlong line once, with its length', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 3000 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (bytes, cuts) => {
          const framer = new LineFramer('CR', 64);
          const items: FramedItem[] = [];
          for (const chunk of splitAt(bytes, cuts)) {
            items.push(...framer.push(chunk));
            expect(framer.pendingBytes).toBeLessThanOrEqual(64);
          }
          items.push(...framer.flush());
          for (const item of items) {
            if (item.kind === 'line') expect(item.bytes.length).toBeLessThanOrEqual(64);
            if (item.kind === 'overflow') expect(item.length).toBeGreaterThan(64);
          }
          const accounted = items.reduce(
            (n, i) =>
              n + (i.kind === 'overflow' ? i.length : i.kind === 'line' ? i.bytes.length : 0),
            0,
          );
          const data = bytes.filter((b) => b !== 0x0d && b !== 0x0a).length;
          expect(accounted).toBeLessThanOrEqual(data + bytes.filter((b) => b === 0x0a).length);
        },
      ),
      { numRuns },
    );
  });
});

describe('serial line framing', () => {
  it('takes an expected command reply out of the stream and keeps the scan after it', () => {
    const framer = new LineFramer('CR');
    framer.expectReplies([Uint8Array.of(0x04, 0xd0, 0x00, 0x00, 0xff, 0x2c)]);
    const items = framer.push(Uint8Array.of(0x04, 0xd0, 0x00, 0x00, 0xff, 0x2c, 0x41, 0x42, 0x0d));
    expect(items.map((i) => i.kind)).toEqual(['reply', 'line']);
    expect(items[1]).toEqual({ kind: 'line', bytes: Uint8Array.of(0x41, 0x42) });
  });

  it('ends a line without suffix when the driver flushes it after the idle gap', () => {
    const framer = new LineFramer('CRLF');
    expect(framer.push(new TextEncoder().encode('abc'))).toEqual([]);
    expect(framer.flush()).toEqual([{ kind: 'line', bytes: new TextEncoder().encode('abc') }]);
    expect(framer.flush()).toEqual([]);
  });
});
