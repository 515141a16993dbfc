/**
 * Masking rules for personal data shown on screen, printed on receipts or written to logs.
 * One place, so the screen, the paper and the log never disagree. ID numbers are masked by
 * their card type's format (drivers/id-card/id-number-format.ts holds the table).
 */
import {
  maskIdNumberByFormat,
  maskPassNumber as maskPass,
} from '../../../drivers/id-card/id-number-format.ts';

/**
 * Masks an ID number by its card type: `320106********123X` (resident card),
 * `810000********1230` (HK/Macau/Taiwan permit), `932682********0017` (2023 foreigner's card),
 * `GBR32********12` (2017 foreigner's card). An already masked number comes back unchanged.
 */
export function maskIdNumber(id: string): string {
  return maskIdNumberByFormat(id);
}

/** Masks a permit's travel-pass number: `H60000001` becomes `H******01`. */
export function maskPassNumber(passNumber: string): string {
  return maskPass(passNumber);
}

/**
 * Masks a personal name: a Chinese name keeps its first and (for 3+ characters) last
 * character (张*, 张*丰). A Latin name as written on a foreigner's card, `SURNAME, GIVEN
 * NAMES`, keeps the surname and the initial of each given name (`SMITH, A**** M***`), as a
 * Chinese name keeps its surname; a Latin name without a comma keeps each word's initial.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) return '';
  if (/[A-Za-z]/.test(trimmed) && !/[\u3400-\u9fff]/.test(trimmed)) {
    const comma = trimmed.indexOf(',');
    if (comma > 0) {
      const surname = trimmed.slice(0, comma).trim();
      const given = trimmed.slice(comma + 1).trim();
      return given === '' ? `${surname},` : `${surname}, ${initials(given)}`;
    }
    return initials(trimmed);
  }
  const chars = [...trimmed];
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** `ALICE MARY` becomes `A**** M***`. */
function initials(words: string): string {
  return words
    .split(/\s+/)
    .map((word) => {
      const chars = [...word];
      return (chars[0] ?? '') + '*'.repeat(Math.max(0, chars.length - 1));
    })
    .join(' ');
}

/** Keys whose values are personal data wherever they appear in a logged object. */
export const PERSONAL_KEYS = [
  'name',
  'nameEn',
  'idNumber',
  'passNumber',
  'address',
  'appendedAddress',
  'photo',
  'photoWlt',
  'birthDate',
  'phone',
  'fingerprint',
] as const;
