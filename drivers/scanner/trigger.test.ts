import { describe, expect, it } from 'vitest';
import { isValidSsiPacket, ssiPacket, triggerProfile, TRIGGER_PROFILES } from './trigger.ts';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('host-trigger profiles', () => {
  it('build the Zebra SSI START_SESSION packet with the checksum from the spec', () => {
    expect(hex(ssiPacket(0xe4))).toBe('04e40400ff14');
    expect(isValidSsiPacket(ssiPacket(0xe5))).toBe(true);
    expect(isValidSsiPacket(Uint8Array.of(0x04, 0xe4, 0x04, 0x00, 0xff, 0x15))).toBe(false);
  });

  it('carry the Honeywell, Newland and GM65 start commands as data', () => {
    expect(hex(TRIGGER_PROFILES.honeywell?.start ?? new Uint8Array())).toBe('16540d');
    expect(hex(TRIGGER_PROFILES.newland?.start ?? new Uint8Array())).toBe('015404');
    expect(hex(TRIGGER_PROFILES.gm65?.start ?? new Uint8Array())).toBe('7e0008010002' + '01abcd');
  });

  it('refuse an unknown profile name with the list of known ones', () => {
    expect(() => triggerProfile('datalogic')).toThrow(/honeywell, newland, zebra-ssi, gm65/);
  });
});
