import { describe, expect, it } from 'vitest';
import { DeviceError } from '../device/errors.ts';
import {
  decodeAppendedAddress,
  decodeCardRead,
  decodeSamId,
  encodeAppendedAddress,
  encodeCardRead,
  trimPadding,
} from './payloads.ts';
import { SW3_TABLE, describeSw3, sw3Meaning } from './status-codes.ts';

describe('the read payload', () => {
  it('splits text, photo and fingerprint by the lengths the frame declares', () => {
    const data = encodeCardRead({
      text: Uint8Array.of(1, 2),
      photo: Uint8Array.of(3),
      fingerprint: Uint8Array.of(4, 5, 6),
    });
    expect(decodeCardRead(data, true)).toEqual({
      text: Uint8Array.of(1, 2),
      photo: Uint8Array.of(3),
      fingerprint: Uint8Array.of(4, 5, 6),
    });
  });

  it('refuses a payload whose declared lengths do not match its size, as a checksum-class error', () => {
    const data = encodeCardRead({
      text: new Uint8Array(256),
      photo: new Uint8Array(1024),
    }).subarray(0, 1000);
    const error = (() => {
      try {
        decodeCardRead(data, false);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DeviceError);
    expect(error).toMatchObject({
      checksum: true,
      message: expect.stringMatching(/photo 1024/) as unknown,
    });
  });
});

describe('the SAM ID', () => {
  it('formats the four numbers little-endian with the chosen padding', () => {
    const raw = Uint8Array.of(5, 0, 1, 0, 0x01, 0, 0, 0, 0x0a, 0, 0, 0, 0xff, 0xff, 0xff, 0xff);
    expect(decodeSamId(raw).display).toBe('05.01-1-0000000010-4294967295');
    expect(decodeSamId(raw, 9).display).toBe('05.01-1-000000010-4294967295');
  });
});

describe('the appended address', () => {
  it('round-trips through its 70-byte field', () => {
    const bytes = encodeAppendedAddress('江苏省南京市秦淮区样板巷6号');
    expect(bytes.length).toBe(70);
    expect(decodeAppendedAddress(bytes)).toBe('江苏省南京市秦淮区样板巷6号');
  });

  it('refuses an address longer than 35 characters', () => {
    expect(() => encodeAppendedAddress('址'.repeat(36))).toThrow(/35 characters/);
  });
});

describe('padding removal', () => {
  it('strips spaces and NULs at both ends but keeps inner spaces', () => {
    expect(trimPadding('\u0000 SMITH, ALICE \u0000\u0000')).toBe('SMITH, ALICE');
  });
});

describe('the SW3 table', () => {
  it('lists every code of the spec once', () => {
    const codes = [
      0x90, 0x9f, 0x91, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60,
      0x66, 0x80, 0x81, 0xff,
    ];
    expect(SW3_TABLE.map((row) => row.code).sort((a, b) => a - b)).toEqual(
      codes.sort((a, b) => a - b),
    );
  });

  it('tells a driver to go back to find after a failed read or select, and to stop on SAM faults', () => {
    expect(sw3Meaning(0x41).action).toBe('restartFromFind');
    expect(sw3Meaning(0x81).action).toBe('restartFromFind');
    expect(sw3Meaning(0x10).action).toBe('resend');
    expect(sw3Meaning(0x60)).toMatchObject({
      action: 'hardwareFault',
      flags: { hardwareError: true },
    });
    expect(sw3Meaning(0x66).action).toBe('notAuthorised');
    expect(sw3Meaning(0x80).action).toBe('keepPolling');
  });

  it('describes an unknown code without throwing', () => {
    expect(describeSw3(0x5a)).toBe('SW3 5A (unknown status code 0x5a)');
  });
});
