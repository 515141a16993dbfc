/**
 * GB 32100-2015 unified social credit code (统一社会信用代码): 18 characters from a 31-character
 * alphabet (no I, O, Z, S, V), the last one a check character over the first 17. Positions 9-17
 * are the GB 11714 organisation code, which carries a check character of its own.
 */

/** The code's alphabet; a character's value is its index here. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1-17 (3^(i) mod 31), from the standard. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** Length of a unified social credit code. */
export const CREDIT_CODE_LENGTH = 18;

const BODY_PATTERN = new RegExp(`^[${CREDIT_CODE_ALPHABET}]{17}$`);
const CODE_PATTERN = new RegExp(`^[${CREDIT_CODE_ALPHABET}]{18}$`);

/** The check character for the first 17 characters of a credit code. */
export function creditCheckCharFor(first17: string): string {
  if (!BODY_PATTERN.test(first17)) {
    throw new RangeError(
      'a credit code body must be 17 characters of 0-9 and A-Y without I, O, S, V and Z',
    );
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '') * (WEIGHTS[i] ?? 0);
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31] ?? '?';
}

/** Why a text is not a valid credit code, or undefined when it is one. */
export function creditCodeProblem(code: string): string | undefined {
  if (code.length !== CREDIT_CODE_LENGTH) {
    return `must be ${CREDIT_CODE_LENGTH} characters, got ${code.length}`;
  }
  if (!CODE_PATTERN.test(code)) {
    return 'may hold only digits and capital letters other than I, O, S, V and Z';
  }
  const expected = creditCheckCharFor(code.slice(0, 17));
  if (code[17] !== expected) {
    return `has check character ${code[17]}, but the first 17 characters give ${expected} (GB 32100); check the code for a mistyped character`;
  }
  return undefined;
}

/** True when `code` is a well-formed credit code with the right check character. */
export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === undefined;
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 11714 check character of an 8-character organisation code body (digits and capitals). */
export function organisationCheckCharFor(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new RangeError('an organisation code body must be 8 digits or capital letters');
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8[i] ?? '0';
    const value = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += value * (ORG_WEIGHTS[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * Builds a complete credit code: registration authority and type (e.g. "91", an enterprise
 * registered with market regulation), a 6-digit division code and an 8-character organisation
 * body; both check characters are computed.
 */
export function makeCreditCode(kind: string, division: string, orgBody: string): string {
  const first17 = `${kind}${division}${orgBody}${organisationCheckCharFor(orgBody)}`;
  return first17 + creditCheckCharFor(first17);
}
