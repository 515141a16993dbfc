/**
 * The second lock on personal data for every template kind: a printed value must never hold a
 * full mainland ID number. Capabilities mask before rendering; this catches one that did not.
 */
import { isValidCheckDigit } from '../drivers/id-card/check-digit.ts';

/**
 * 18 characters that could be an ID number, not inside a longer run of digits. The check
 * character then tells a real ID number from, say, an 18-digit account or serial number.
 */
const FULL_ID_IN_TEXT = /(?<!\d)\d{17}[\dXx](?![\dXx])/g;

/** True when `text` contains a full 18-character ID number with a valid check character. */
export function containsUnmaskedIdNumber(text: string): boolean {
  for (const match of text.matchAll(FULL_ID_IN_TEXT)) {
    if (isValidCheckDigit(match[0])) return true;
  }
  return false;
}
