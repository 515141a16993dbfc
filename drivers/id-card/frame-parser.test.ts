import { describe, expect, it } from 'vitest';
import { commandFrame, encodeResponse, fromHex } from './codec.ts';
import { CommandParser, ResponseParser, type ResponseItem } from './frame-parser.ts';
import { encodeCardRead } from './payloads.ts';
import { cardProfile } from './profiles.ts';
import { simulatedCard } from './simulated-card.ts';

/** The reference 1295-byte text+photo answer, built from a fictional card. */
function referenceRead(): Uint8Array {
  const card = simulatedCard(cardProfile('resident-li'));
  return encodeResponse({
    sw3: 0x90,
    data: encodeCardRead({ text: card.text, photo: card.photo }),
  });
}

function feed(parser: ResponseParser, ...chunks: Uint8Array[]): ResponseItem[] {
  return chunks.flatMap((chunk) => parser.push(chunk));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('the response parser', () => {
  const frame = referenceRead();

  it('yields the reference read once whichever byte offset the input is split at', () => {
    expect(frame.length).toBe(1295);
    for (let split = 0; split <= frame.length; split++) {
      const items = feed(new ResponseParser(), frame.subarray(0, split), frame.subarray(split));
      expect(items, `split at ${split}`).toHaveLength(1);
      const [item] = items;
      if (item?.kind !== 'response')
        throw new Error(`split at ${split} gave ${JSON.stringify(item)}`);
      expect(item.sw3).toBe(0x90);
      // Buffer.equals keeps 1,296 comparisons of 1,284 bytes fast; toEqual walks them one by one.
      expect(
        Buffer.from(item.data).equals(frame.subarray(10, 1294)),
        `data at split ${split}`,
      ).toBe(true);
    }
  });

  it('yields the reference read when it arrives one byte at a time', () => {
    const parser = new ResponseParser();
    const items = Array.from(frame).flatMap((byte) => parser.push(Uint8Array.of(byte)));
    expect(items.map((i) => i.kind)).toEqual(['response']);
    expect(parser.pendingBytes).toBe(0);
  });

  it('skips garbage before the preamble, including a partial preamble', () => {
    const parser = new ResponseParser();
    const items = feed(
      parser,
      fromHex('00 FF AA AA 96 13 AA AA'),
      fromHex('AA AA AA 96 69 00 04 00 00 80 84'),
    );
    expect(items).toEqual([
      { kind: 'response', sw1: 0, sw2: 0, sw3: 0x80, data: new Uint8Array(0) },
    ]);
    expect(parser.discardedBytes).toBe(8);
  });

  it('reports a bad checksum as a typed fault and still finds the next good frame', () => {
    const items = feed(
      new ResponseParser(),
      fromHex('AA AA AA 96 69 00 04 00 00 90 95'),
      fromHex('AA AA AA 96 69 00 04 00 00 90 94'),
    );
    expect(items.map((i) => (i.kind === 'fault' ? i.reason : i.sw3))).toEqual(['checksum', 0x90]);
  });

  it('waits for the rest of a short frame instead of yielding anything', () => {
    const parser = new ResponseParser();
    expect(parser.push(fromHex('AA AA AA 96 69 00 08 00 00 9F 00'))).toEqual([]);
    expect(parser.pendingBytes).toBe(11);
    expect(parser.push(fromHex('00 00 00 97')).map((i) => i.kind)).toEqual(['response']);
  });

  it('rejects a length below the 4-byte minimum and resynchronises', () => {
    const items = feed(
      new ResponseParser(),
      fromHex('AA AA AA 96 69 00 02 00 02'),
      fromHex('AA AA AA 96 69 00 04 00 00 80 84'),
    );
    expect(items.map((i) => (i.kind === 'fault' ? i.reason : i.sw3))).toEqual(['length', 0x80]);
  });

  it('rejects an absurd length at once rather than waiting for 65 kB that will never come', () => {
    const parser = new ResponseParser();
    const items = feed(
      parser,
      fromHex('AA AA AA 96 69 FF FF 00 00 90'),
      fromHex('AA AA AA 96 69 00 04 00 00 90 94'),
    );
    expect(items.map((i) => (i.kind === 'fault' ? i.reason : i.sw3))).toEqual(['length', 0x90]);
    expect(parser.pendingBytes).toBe(0);
  });

  it('finds a real frame hidden inside a truncated one whose length swallowed it', () => {
    const truncated = fromHex('AA AA AA 96 69 00 0C 00 00 90 00 00');
    const good = fromHex('AA AA AA 96 69 00 04 00 00 80 84');
    const items = feed(new ResponseParser(), concat(truncated, good, new Uint8Array(8)));
    expect(items.map((i) => (i.kind === 'fault' ? i.reason : i.sw3))).toEqual(['checksum', 0x80]);
  });

  it('drops a partial frame on reset so a stale tail cannot prefix the next answer', () => {
    const parser = new ResponseParser();
    parser.push(fromHex('AA AA AA 96 69 00 08 00'));
    parser.reset();
    expect(parser.push(fromHex('AA AA AA 96 69 00 04 00 00 80 84')).map((i) => i.kind)).toEqual([
      'response',
    ]);
  });

  it('honours a smaller configured maximum length', () => {
    const items = new ResponseParser({ maxLength: 100 }).push(frame);
    expect(items[0]).toMatchObject({ kind: 'fault', reason: 'length' });
  });
});

describe('the command parser', () => {
  it('reads back every fixed command the encoder builds', () => {
    const parser = new CommandParser();
    const items = parser.push(concat(commandFrame('findCard'), commandFrame('readText')));
    expect(items).toEqual([
      { kind: 'command', cmd: 0x20, para: 0x01, data: new Uint8Array(0) },
      { kind: 'command', cmd: 0x30, para: 0x01, data: new Uint8Array(0) },
    ]);
  });
});
