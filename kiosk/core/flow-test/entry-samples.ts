import type { EntryBlockView } from '../../contract.ts';

/**
 * The value the flow tester types into an entry block: valid for its pad and bounds, so the
 * flow gets what a resident's correct typing gives it. A credit code of 18 characters carries a
 * correct GB 32100 check character, so a flow that checks it takes its happy path.
 */

/** The GB 32100 alphabet, in the order its check character is computed over. */
const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100 weights of the first 17 characters. */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A fictional credit code body (organisation type, region, organisation code). */
const CREDIT_CODE_BODY = '91320100MA1XK24T0';

/** The GB 32100 check character of a 17-character body. */
export function creditCodeCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++)
    sum += CREDIT_CODE_ALPHABET.indexOf(body[i] ?? '0') * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31] ?? '0';
}

/** A valid value for the entry's pad, as long as its minimum (at least 1). */
export function sampleEntry(entry: EntryBlockView): string {
  const length = Math.max(1, Math.min(entry.minLength, entry.maxLength));
  if (entry.pad === 'credit-code' && length <= 18 && entry.maxLength >= 18)
    return CREDIT_CODE_BODY + creditCodeCheck(CREDIT_CODE_BODY);
  const source =
    entry.pad === 'digits'
      ? '2026120100123456789'
      : entry.pad === 'alphanumeric'
        ? 'SB2026A1B2C3D4E5F6'
        : CREDIT_CODE_BODY;
  return source.repeat(Math.ceil(length / source.length)).slice(0, length);
}
