/**
 * GB 11643-1999 citizen ID number check character (ISO 7064 MOD 11-2), also used by
 * HK/Macau/Taiwan residence permits (81/82/83 prefixes) and the 2023 foreigner card.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Computes the check character for the first 17 digits of an 18-character ID number. */
export function checkCharFor(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError(`an ID number body must be 17 digits, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '?';
}

/** True when `id` is 17 digits plus the matching check character (`X` accepted in either case). */
export function isValidCheckDigit(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  return checkCharFor(id.slice(0, 17)) === id.slice(17).toUpperCase();
}

/** Completes a 17-digit body into a full 18-character ID number. */
export function withCheckChar(first17: string): string {
  return first17 + checkCharFor(first17);
}
