/**
 * The number formats the GA 467 card types carry, and how each is masked on screens, paper and
 * in logs. One table, so the masking, the template checks and the "is this unmasked?" guards
 * cannot disagree about a card type.
 *
 * A masked number keeps what tells the kind of document and its issuing region, and the last
 * characters a resident recognises as theirs; the birth date in the middle is always hidden.
 */

/** The ID number formats a card or a resident code can carry. */
export type IdNumberFormat =
  /** 居民身份证: 6-digit region, 8-digit birth date, 3-digit sequence, check character. */
  | 'resident'
  /** 港澳台居民居住证: the same shape, region 810000 (HK), 820000 (Macau) or 830000 (Taiwan). */
  | 'hkmotw-permit'
  /** 2023 外国人永久居留身份证: 18 digits starting 9 (province, country code, birth date). */
  | 'foreign-2023'
  /** 2017 外国人永久居留身份证: 3-letter country code, 2-digit region, 10 digits with the birth date. */
  | 'foreign-2017';

/** How one format looks raw and masked. */
export interface IdNumberFormatSpec {
  format: IdNumberFormat;
  /** The unmasked number. */
  raw: RegExp;
  /** The same number as masked for display and print. */
  masked: RegExp;
  /** Characters kept at the start and at the end; everything between becomes `*`. */
  keepStart: number;
  keepEnd: number;
  /** A masked example, for error messages and documentation. */
  example: string;
  /** What an official certificate calls the number, as the document itself labels it. */
  label: string;
}

/**
 * The formats, most specific first (a permit or 2023 foreigner number also has the resident
 * shape). The 18-character kinds keep 6 + 4, as mainland practice does; the 2017 foreigner
 * number keeps the country and region (5) and the 2-digit sequence at the end, because its
 * birth date runs to the 13th character.
 */
export const ID_NUMBER_FORMATS: readonly IdNumberFormatSpec[] = [
  {
    format: 'hkmotw-permit',
    raw: /^8[123]0000\d{11}[\dX]$/,
    masked: /^8[123]0000\*{8}\d{3}[\dX]$/,
    keepStart: 6,
    keepEnd: 4,
    example: '810000********1230',
    // The permit's own label for this number is the citizen's one.
    label: '公民身份号码',
  },
  {
    format: 'foreign-2023',
    raw: /^9\d{16}[\dX]$/,
    masked: /^9\d{5}\*{8}\d{3}[\dX]$/,
    keepStart: 6,
    keepEnd: 4,
    example: '932682********0017',
    label: '外国人永久居留身份证号码',
  },
  {
    format: 'resident',
    raw: /^[1-8]\d{16}[\dX]$/,
    masked: /^[1-8]\d{5}\*{8}\d{3}[\dX]$/,
    keepStart: 6,
    keepEnd: 4,
    example: '320106********123X',
    label: '公民身份号码',
  },
  {
    format: 'foreign-2017',
    raw: /^[A-Z]{3}\d{12}$/,
    masked: /^[A-Z]{3}\d{2}\*{8}\d{2}$/,
    keepStart: 5,
    keepEnd: 2,
    example: 'GBR32********12',
    label: '外国人永久居留身份证号码',
  },
];

/** The format of an unmasked number, or undefined when it is none of the known ones. */
export function idNumberFormatOf(idNumber: string): IdNumberFormatSpec | undefined {
  const normalised = idNumber.trim().toUpperCase();
  return ID_NUMBER_FORMATS.find((spec) => spec.raw.test(normalised));
}

/** The format of a masked number, or undefined when it is not masked in a known way. */
export function maskedIdNumberFormatOf(masked: string): IdNumberFormatSpec | undefined {
  return ID_NUMBER_FORMATS.find((spec) => spec.masked.test(masked.trim()));
}

/**
 * Masks an ID number by its format. A number already masked comes back unchanged (a resident
 * code's number arrives masked from the platform). A number of no known format is masked whole
 * but for its first and last character, so nothing of an unexpected shape leaks.
 */
export function maskIdNumberByFormat(idNumber: string): string {
  const trimmed = idNumber.trim().toUpperCase();
  if (maskedIdNumberFormatOf(trimmed) !== undefined) return trimmed;
  const spec = idNumberFormatOf(trimmed);
  const chars = [...trimmed];
  if (spec === undefined) {
    if (chars.length <= UNKNOWN_SHORTEST_KEPT) return '*'.repeat(chars.length);
    return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  }
  return (
    chars.slice(0, spec.keepStart).join('') +
    '*'.repeat(chars.length - spec.keepStart - spec.keepEnd) +
    chars.slice(-spec.keepEnd).join('')
  );
}

/**
 * Below this length a number of unknown shape is masked entirely: keeping two characters of a
 * short number would show too much of it.
 */
const UNKNOWN_SHORTEST_KEPT = 6;

/** 港澳居民来往内地通行证 / 台湾居民来往大陆通行证 number on a permit: a letter (or digit) and 8 digits. */
const PASS_NUMBER = /^[A-Z0-9]\d{8}$/;

/** Characters kept at the end of a masked pass number: enough for the holder to recognise it. */
const PASS_KEEP_END = 2;

/** Masks a permit's pass number: `H60000001` becomes `H******01`. */
export function maskPassNumber(passNumber: string): string {
  const trimmed = passNumber.trim().toUpperCase();
  if (/^[A-Z0-9]\*{6}\d{2}$/.test(trimmed)) return trimmed;
  if (!PASS_NUMBER.test(trimmed)) return maskIdNumberByFormat(trimmed);
  return `${trimmed[0] ?? ''}${'*'.repeat(trimmed.length - 1 - PASS_KEEP_END)}${trimmed.slice(-PASS_KEEP_END)}`;
}

/** True when `text` is exactly an unmasked pass number. */
export function isUnmaskedPassNumber(text: string): boolean {
  return PASS_NUMBER.test(text.trim().toUpperCase());
}

/** True when `text` is exactly an unmasked number of a known format. */
export function isUnmaskedIdNumber(text: string): boolean {
  return idNumberFormatOf(text) !== undefined;
}

/** The label printed before a raw or masked number: its format's, else the generic 证件号码. */
export function idNumberLabel(idNumber: string): string {
  const spec = maskedIdNumberFormatOf(idNumber) ?? idNumberFormatOf(idNumber);
  return spec?.label ?? '证件号码';
}

/** The masked examples, for messages: `"320106********123X", "810000********1230", …`. */
export function maskedExamples(): string {
  return ID_NUMBER_FORMATS.map((spec) => JSON.stringify(spec.example)).join(', ');
}
