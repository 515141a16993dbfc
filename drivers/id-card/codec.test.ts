import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  commandFrame,
  commandNameOf,
  encodeCommand,
  encodeResponse,
  fromHex,
  setBaudFrame,
  toHex,
  xorChecksum,
  type CommandName,
} from './codec.ts';
import { encodeCardRead } from './payloads.ts';

// Complete frames copied from the spec's command table (§4).
const GOLDEN_COMMANDS: Record<CommandName, string> = {
  reset: 'AA AA AA 96 69 00 03 10 FF EC',
  samStatus: 'AA AA AA 96 69 00 03 11 FF ED',
  samId: 'AA AA AA 96 69 00 03 12 FF EE',
  findCard: 'AA AA AA 96 69 00 03 20 01 22',
  selectCard: 'AA AA AA 96 69 00 03 20 02 21',
  readText: 'AA AA AA 96 69 00 03 30 01 32',
  readAppendedAddress: 'AA AA AA 96 69 00 03 30 03 30',
  readWithFingerprint: 'AA AA AA 96 69 00 03 30 10 23',
  readCardMid: 'AA AA AA 96 69 00 03 30 05 36',
};

const GOLDEN_BAUD: [number, string][] = [
  [115200, 'AA AA AA 96 69 00 03 60 00 63'],
  [57600, 'AA AA AA 96 69 00 03 60 01 62'],
  [38400, 'AA AA AA 96 69 00 03 60 02 61'],
  [19200, 'AA AA AA 96 69 00 03 60 03 60'],
  [9600, 'AA AA AA 96 69 00 03 60 04 67'],
];

describe('the GA 467 command encoder', () => {
  it.each(Object.entries(GOLDEN_COMMANDS))(
    'builds the %s frame byte for byte as the spec lists it',
    (name, hex) => {
      expect(toHex(commandFrame(name as CommandName))).toBe(hex);
    },
  );

  it.each(GOLDEN_BAUD)('builds the set-UART frame for %i bit/s byte for byte', (rate, hex) => {
    expect(toHex(setBaudFrame(rate))).toBe(hex);
  });

  it('refuses a baud rate the SAM cannot run at, naming the ones it can', () => {
    expect(() => setBaudFrame(4800)).toThrow(/115200, 57600|9600/);
  });

  it('counts DATA bytes in the length and the checksum', () => {
    const frame = encodeCommand(0x61, 0xff, Uint8Array.of(0x50));
    expect(toHex(frame)).toBe(
      'AA AA AA 96 69 00 04 61 FF 50 ' + hexByte(0x00 ^ 0x04 ^ 0x61 ^ 0xff ^ 0x50),
    );
  });

  it('refuses a CMD that is not a byte', () => {
    expect(() => encodeCommand(0x100, 0)).toThrow(RangeError);
  });

  it('names every fixed command back from its CMD and PARA bytes', () => {
    for (const [name, [cmd, para]] of Object.entries(COMMANDS))
      expect(commandNameOf(cmd, para)).toBe(name);
    expect(commandNameOf(0x99, 0x99)).toBeUndefined();
  });
});

// Reference responses from the spec (§4), checksums re-verified there.
const GOLDEN_RESPONSES: [string, number, number, string][] = [
  ['status OK', 0x90, 0, 'AA AA AA 96 69 00 04 00 00 90 94'],
  ['self-test failed', 0x60, 0, 'AA AA AA 96 69 00 04 00 00 60 64'],
  ['find OK', 0x9f, 4, 'AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'],
  ['find: no card', 0x80, 0, 'AA AA AA 96 69 00 04 00 00 80 84'],
  ['select OK', 0x90, 8, 'AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'],
  ['select failed', 0x81, 0, 'AA AA AA 96 69 00 04 00 00 81 85'],
  ['read failed', 0x41, 0, 'AA AA AA 96 69 00 04 00 00 41 45'],
];

describe('the GA 467 response encoder', () => {
  it.each(GOLDEN_RESPONSES)('builds the "%s" response byte for byte', (_name, sw3, zeros, hex) => {
    expect(toHex(encodeResponse({ sw3, data: new Uint8Array(zeros) }))).toBe(hex);
  });

  it('builds a 1295-byte text+photo answer with the reference header and an XOR over bytes 5..1293', () => {
    const text = Uint8Array.from({ length: 256 }, (_, i) => i);
    const photo = Uint8Array.from({ length: 1024 }, (_, i) => (i * 7) & 0xff);
    const frame = encodeResponse({ sw3: 0x90, data: encodeCardRead({ text, photo }) });
    expect(frame.length).toBe(1295);
    expect(toHex(frame.subarray(0, 14))).toBe('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');
    expect(frame.subarray(14, 270)).toEqual(text);
    expect(frame.subarray(270, 1294)).toEqual(photo);
    expect(frame[1294]).toBe(xorChecksum(frame, 5, 1294));
  });

  it('builds a 2321-byte answer for text, photo and fingerprint', () => {
    const data = encodeCardRead({
      text: new Uint8Array(256),
      photo: new Uint8Array(1024),
      fingerprint: new Uint8Array(1024),
    });
    const frame = encodeResponse({ sw3: 0x90, data });
    expect(frame.length).toBe(2321);
    expect(toHex(frame.subarray(5, 16))).toBe('09 0A 00 00 90 01 00 04 00 04 00');
  });
});

describe('the hex helpers', () => {
  it('read back what they write', () => {
    expect(toHex(fromHex('aaAA 96'))).toBe('AA AA 96');
  });

  it('refuse text that is not whole hex bytes', () => {
    expect(() => fromHex('AAA')).toThrow(/not a hex byte string/);
  });
});

function hexByte(b: number): string {
  return b.toString(16).padStart(2, '0').toUpperCase();
}
