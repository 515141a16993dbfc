/**
 * The second lock on personal data for every template kind: a printed value must never hold a
 * full ID number of any card type. Capabilities mask before rendering; this catches one that
 * did not.
 */
import { isValidCheckDigit } from '../drivers/id-card/check-digit.ts';
import { isUnmaskedIdNumber } from '../drivers/id-card/id-number-format.ts';

/**
 * 18 characters that could be an ID number, not inside a longer run of digits: resident cards,
 * HK/Macau/Taiwan permits and 2023 foreigner cards. The check character then tells a real ID
 * number from, say, an 18-digit account or serial number.
 */
const FULL_ID_IN_TEXT = /(?<!\d)\d{17}[\dXx](?![\dXx])/g;

/**
 * A 2017 foreigner's card number (3 letters + 12 digits) standing on its own. It carries no
 * check character, so the shape alone decides; certificate and application numbers have other
 * lengths (e.g. `GJJ` + 14 digits) and do not match.
 */
const FOREIGN_2017_IN_TEXT = /(?<![A-Za-z\d])[A-Z]{3}\d{12}(?!\d)/g;

/** True when `text` contains a full ID number of any card type. */
export function containsUnmaskedIdNumber(text: string): boolean {
  for (const match of text.matchAll(FULL_ID_IN_TEXT)) {
    if (isValidCheckDigit(match[0])) return true;
  }
  for (const match of text.matchAll(FOREIGN_2017_IN_TEXT)) {
    if (isUnmaskedIdNumber(match[0])) return true;
  }
  return false;
}
