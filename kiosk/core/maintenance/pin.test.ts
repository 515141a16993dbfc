import { describe, expect, it } from 'vitest';
import {
  hashMaintenancePin,
  MaintenancePinError,
  parsePinHash,
  SANDBOX_MAINTENANCE_PIN,
  SANDBOX_MAINTENANCE_PIN_HASH,
  verifyMaintenancePin,
  verifyMaintenancePinSync,
} from './pin.ts';

describe('a maintenance PIN hash', () => {
  it('verifies the PIN it was made from and refuses another', async () => {
    const hash = hashMaintenancePin('4711');
    expect(await verifyMaintenancePin('4711', hash)).toBe(true);
    expect(await verifyMaintenancePin('4712', hash)).toBe(false);
  });

  it('has the form scrypt$N$r$p$salt$hash and never contains the PIN', () => {
    const hash = hashMaintenancePin('135790');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('135790');
  });

  it('gets a fresh salt each time, so equal PINs give different hashes', () => {
    expect(hashMaintenancePin('0000')).not.toBe(hashMaintenancePin('0000'));
  });

  it('embeds the sandbox default for PIN 246810', async () => {
    expect(SANDBOX_MAINTENANCE_PIN).toBe('246810');
    expect(await verifyMaintenancePin('246810', SANDBOX_MAINTENANCE_PIN_HASH)).toBe(true);
    expect(await verifyMaintenancePin('246811', SANDBOX_MAINTENANCE_PIN_HASH)).toBe(false);
  });

  it('verifies the same way when asked synchronously at start-up', () => {
    const hash = hashMaintenancePin('246810');
    expect(verifyMaintenancePinSync('246810', hash)).toBe(true);
    expect(verifyMaintenancePinSync('246811', hash)).toBe(false);
    expect(verifyMaintenancePinSync('', hash)).toBe(false);
  });

  it('treats a PIN that is not 4-12 digits as wrong, even an empty one', async () => {
    expect(await verifyMaintenancePin('', SANDBOX_MAINTENANCE_PIN_HASH)).toBe(false);
    expect(await verifyMaintenancePin('24681a', SANDBOX_MAINTENANCE_PIN_HASH)).toBe(false);
  });

  it('refuses to hash a PIN the keypad could not type, saying what is allowed', () => {
    expect(() => hashMaintenancePin('12ab')).toThrow(/4 to 12 digits/);
    expect(() => hashMaintenancePin('123')).toThrow(MaintenancePinError);
  });

  it('refuses a malformed stored hash with badHash set and the fix named', () => {
    for (const bad of [
      'bcrypt$x',
      'scrypt$1000$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==',
      'scrypt$16384$8$1$!!$aGFzaGhhc2hoYXNoaGFzaA==',
      // 128 * 2^20 * 32 bytes = 4 GiB per check: more than a kiosk board can give one PIN entry.
      'scrypt$1048576$32$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==',
    ]) {
      let caught: unknown;
      try {
        parsePinHash(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(MaintenancePinError);
      expect((caught as MaintenancePinError).badHash).toBe(true);
      expect((caught as Error).message).toContain('hash-pin.ts');
    }
  });
});
