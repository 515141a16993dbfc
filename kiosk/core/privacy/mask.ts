/**
 * Masking rules for personal data shown on screen, printed on receipts or written to logs.
 * One place, so the screen, the paper and the log never disagree.
 */

/** Masks an ID or pass number: the first 6 and last 4 characters stay visible. */
export function maskIdNumber(id: string): string {
  const chars = [...id];
  if (chars.length <= 10) return '*'.repeat(chars.length);
  return chars.slice(0, 6).join('') + '*'.repeat(chars.length - 10) + chars.slice(-4).join('');
}

/**
 * Masks a personal name: a Chinese name keeps its first and (for 3+ characters) last
 * character (张*, 张*丰); a Latin name keeps the first letter of each word (J*** S****).
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) return '';
  if (/[A-Za-z]/.test(trimmed) && !/[\u3400-\u9fff]/.test(trimmed)) {
    return trimmed
      .split(/\s+/)
      .map((word) => {
        const chars = [...word];
        return (chars[0] ?? '') + '*'.repeat(Math.max(0, chars.length - 1));
      })
      .join(' ');
  }
  const chars = [...trimmed];
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
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
