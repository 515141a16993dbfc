import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * The maintenance PIN is kept only as a scrypt hash, `scrypt$N$r$p$saltB64$hashB64`, so a
 * config file that leaks does not hand out the PIN. Nothing here knows about the kiosk: a
 * technician's laptop can make a hash with the same function.
 */

/** The PIN the embedded sandbox accepts; a production config must set its own hash. */
export const SANDBOX_MAINTENANCE_PIN = '246810';

/** The hash of {@link SANDBOX_MAINTENANCE_PIN}; refused when `production: true`. */
export const SANDBOX_MAINTENANCE_PIN_HASH =
  'scrypt$16384$8$1$a2lvc2syNC1zYW5kYm94IQ==$PGWkTBI3UM5inRob8y+sPhL/bT8Ctr/mAWpLNX2XFWY=';

/** What a maintenance PIN may look like: digits only, because the keypad has only digits. */
export const PIN_PATTERN = /^[0-9]{4,12}$/;

/** Cost settings of a new hash; high enough to make guessing a 6-digit PIN offline slow. */
const DEFAULT_COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

/**
 * The most memory one PIN check may take (scrypt needs 128·N·r bytes). Kiosk boards have 2-4 GB
 * shared with Chromium; a hash costed above this would stall start-up and every PIN entry, or
 * fail outright. The default cost needs 16 MiB.
 */
const MAX_SCRYPT_MEMORY_BYTES = 256 * 2 ** 20;

/** A parsed PIN hash. */
export interface PinHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

/** Thrown for a PIN or PIN hash that cannot be used; the message says what to do instead. */
export class MaintenancePinError extends Error {
  override readonly name = 'MaintenancePinError';
  /** True when the stored hash is malformed (a config problem), false for a bad PIN. */
  readonly badHash: boolean;

  constructor(message: string, flags: { badHash?: boolean } = {}) {
    super(message);
    this.badHash = flags.badHash ?? false;
  }
}

/** Reads `scrypt$N$r$p$saltB64$hashB64`; throws MaintenancePinError{badHash} naming the fault. */
export function parsePinHash(text: string): PinHash {
  const parts = text.split('$');
  const fix = 'make one with `npx tsx kiosk/core/maintenance/hash-pin.ts`';
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    throw new MaintenancePinError(`a PIN hash has the form scrypt$N$r$p$salt$hash; ${fix}`, {
      badHash: true,
    });
  }
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const powerOfTwo = Number.isInteger(N) && N >= 1024 && N <= 2 ** 20 && (N & (N - 1)) === 0;
  if (!powerOfTwo || !isSmallInt(r, 32) || !isSmallInt(p, 16)) {
    throw new MaintenancePinError(
      `PIN hash cost N=${parts[1]} r=${parts[2]} p=${parts[3]} is out of range (N a power of two 1024..1048576, r 1..32, p 1..16); ${fix}`,
      { badHash: true },
    );
  }
  if (128 * N * r > MAX_SCRYPT_MEMORY_BYTES) {
    throw new MaintenancePinError(
      `PIN hash cost N=${N} r=${r} needs ${Math.round((128 * N * r) / 2 ** 20)} MiB per check, over the ${MAX_SCRYPT_MEMORY_BYTES / 2 ** 20} MiB a kiosk board can spare; ${fix}`,
      { badHash: true },
    );
  }
  const salt = decodeBase64(parts[4] ?? '');
  const hash = decodeBase64(parts[5] ?? '');
  if (!salt || salt.length < 8 || !hash || hash.length < 16) {
    throw new MaintenancePinError(
      `PIN hash salt (8+ bytes) or hash (16+ bytes) is not valid base64; ${fix}`,
      { badHash: true },
    );
  }
  return { N, r, p, salt, hash };
}

/** Makes a hash string for `pin` (4-12 digits) with a fresh random salt. */
export function hashMaintenancePin(pin: string, salt: Buffer = randomBytes(16)): string {
  checkPin(pin);
  const { N, r, p } = DEFAULT_COST;
  const hash = scryptSync(pin, salt, KEY_LENGTH, costOptions(N, r, p));
  return ['scrypt', N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/**
 * The synchronous twin of {@link verifyMaintenancePin}, for start-up checks that run before the
 * event loop serves anyone (the production config check asks whether the configured hash is the
 * sandbox PIN under another salt). Never call it while the kiosk is serving: it blocks.
 */
export function verifyMaintenancePinSync(pin: string, stored: string): boolean {
  const parsed = parsePinHash(stored);
  const candidate = PIN_PATTERN.test(pin) ? pin : '';
  const derived = scryptSync(
    candidate,
    parsed.salt,
    parsed.hash.length,
    costOptions(parsed.N, parsed.r, parsed.p),
  );
  return timingSafeEqual(derived, parsed.hash) && candidate.length > 0;
}

/** True when `pin` matches `stored`; compares in constant time. A malformed `stored` throws. */
export async function verifyMaintenancePin(pin: string, stored: string): Promise<boolean> {
  const parsed = parsePinHash(stored);
  // A wrong-shaped PIN is simply wrong; it still costs one scrypt so timing says nothing.
  const candidate = PIN_PATTERN.test(pin) ? pin : '';
  const derived = await new Promise<Buffer>((resolve, reject) => {
    scrypt(
      candidate,
      parsed.salt,
      parsed.hash.length,
      costOptions(parsed.N, parsed.r, parsed.p),
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
  return timingSafeEqual(derived, parsed.hash) && candidate.length > 0;
}

function checkPin(pin: string): void {
  if (!PIN_PATTERN.test(pin)) {
    throw new MaintenancePinError(
      'a maintenance PIN is 4 to 12 digits (the keypad has only digits); choose another',
    );
  }
}

function costOptions(N: number, r: number, p: number): ScryptOptions {
  // Node refuses N*r*128 above maxmem (32 MiB by default); give it room for the allowed range.
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

function isSmallInt(value: number, max: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= max;
}

function decodeBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}
