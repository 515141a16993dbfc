import { isValidCheckDigit } from './check-digit.ts';
import { nationName } from './nations.ts';
import { trimPadding } from './payloads.ts';
import type { CardType, Gender, IdCardText } from './record.ts';

/**
 * The 256-byte text block (spec §7, §8): UTF-16LE fields at fixed offsets, one layout per
 * card type, told apart by the flag at offset 248. Decoder and encoder read the same layout
 * tables, so the simulator's cards and the driver's reading of them cannot drift apart.
 */

/** Size of the text block every card type shares. */
export const TEXT_BLOCK_SIZE = 256;

const TYPE_FLAG_OFFSET = 248;

/** How a field's text maps to the record. */
type FieldKind = 'text' | 'date' | 'validTo' | 'gender';

/** Record keys that live in the block (derived ones like `nation` are computed). */
type BlockKey = Exclude<keyof IdCardText, 'cardType' | 'gender' | 'nation' | 'checkDigitValid'>;

interface Field {
  key: BlockKey;
  offset: number;
  bytes: number;
  kind: FieldKind;
}

const f = (key: BlockKey, offset: number, bytes: number, kind: FieldKind = 'text'): Field => ({
  key,
  offset,
  bytes,
  kind,
});

const SHARED_TAIL: Field[] = [
  f('birthDate', 36, 16, 'date'),
  f('address', 52, 70),
  f('idNumber', 122, 36),
  f('issuer', 158, 30),
  f('validFrom', 188, 16, 'date'),
  f('validTo', 204, 16, 'validTo'),
];

/** The layouts: one per type flag. Two flags (`I`, `Y`) are both foreign permanent-resident cards. */
type LayoutName = CardType | 'foreign-permanent-2023';

/** Field layouts, the card type each decodes to and the type flag each is written with. */
const LAYOUTS: Record<LayoutName, { flag: string; cardType: CardType; fields: Field[] }> = {
  resident: {
    flag: ' ',
    cardType: 'resident',
    fields: [
      f('name', 0, 30),
      f('genderCode', 30, 2, 'gender'),
      f('nationCode', 32, 4),
      ...SHARED_TAIL,
    ],
  },
  'hkmotw-permit': {
    flag: 'J',
    cardType: 'hkmotw-permit',
    fields: [
      f('name', 0, 30),
      f('genderCode', 30, 2, 'gender'),
      ...SHARED_TAIL,
      f('passNumber', 220, 18),
      f('issueCount', 238, 4),
    ],
  },
  'foreign-permanent': {
    flag: 'I',
    cardType: 'foreign-permanent',
    fields: [
      f('nameEn', 0, 120),
      f('genderCode', 120, 2, 'gender'),
      f('idNumber', 122, 30),
      f('nationality', 152, 6),
      f('name', 158, 30),
      f('validFrom', 188, 16, 'date'),
      f('validTo', 204, 16, 'validTo'),
      f('birthDate', 220, 16, 'date'),
      f('cardVersion', 236, 4),
      f('authorityCode', 240, 8),
    ],
  },
  /**
   * The 2023 card (18-digit number starting 9). PROVISIONAL: no byte layout is published (spec
   * §8.3). A vendor SDK's output for the official sample card lists, in the resident card's
   * field order, the Chinese name, gender, birth date, the English name where the address
   * sits (35 characters), the number and the validity dates; the card follows the resident
   * card's technical standard. Only those fields are read, at the resident card's offsets;
   * everything else on the block is left unread rather than guessed.
   */
  'foreign-permanent-2023': {
    flag: 'Y',
    cardType: 'foreign-permanent',
    fields: [
      f('name', 0, 30),
      f('genderCode', 30, 2, 'gender'),
      f('birthDate', 36, 16, 'date'),
      f('nameEn', 52, 70),
      f('idNumber', 122, 36),
      f('validFrom', 188, 16, 'date'),
      f('validTo', 204, 16, 'validTo'),
    ],
  },
};

/** The layout a card is written with: the 2023 foreigner's card is told by its number. */
function layoutFor(input: { cardType: CardType; idNumber: string }): LayoutName {
  if (input.cardType === 'foreign-permanent' && /^9\d{17}$|^9\d{16}X$/.test(input.idNumber))
    return 'foreign-permanent-2023';
  return input.cardType;
}

/** The result of decoding a block: a card, or a layout this driver does not know. */
export type DecodedTextBlock =
  | { kind: 'card'; card: IdCardText }
  | {
      kind: 'unsupported';
      /** The type flag character found at offset 248 (`'Y'` for the 2023 foreigner's card). */
      typeFlag: string;
      /** Why it was not decoded, for the error message. */
      detail: string;
      /** The block as read, for a component that knows the layout. Personal data. */
      raw: Uint8Array;
    };

/** Decodes a text block; an unknown type flag or size gives `kind: 'unsupported'`, never a guess. */
export function decodeTextBlock(block: Uint8Array): DecodedTextBlock {
  const raw = block.slice();
  if (block.length !== TEXT_BLOCK_SIZE) {
    return {
      kind: 'unsupported',
      typeFlag: '',
      raw,
      detail: `text block is ${block.length} bytes, expected 256`,
    };
  }
  const flagCode = (block[TYPE_FLAG_OFFSET] ?? 0) | ((block[TYPE_FLAG_OFFSET + 1] ?? 0) << 8);
  const typeFlag = String.fromCharCode(flagCode);
  const layoutName = layoutOfFlag(flagCode);
  if (layoutName === undefined) {
    return {
      kind: 'unsupported',
      typeFlag,
      raw,
      detail: `card type flag ${JSON.stringify(typeFlag)} has no known layout`,
    };
  }
  const values: Partial<Record<BlockKey, string>> = {};
  const { cardType, fields } = LAYOUTS[layoutName];
  for (const field of fields) {
    const text = trimPadding(
      Buffer.from(block.buffer, block.byteOffset + field.offset, field.bytes).toString('utf16le'),
    );
    values[field.key] = fromCardText(text, field.kind);
  }
  const idNumber = values.idNumber ?? '';
  const card: IdCardText = {
    cardType,
    name: values.name ?? '',
    gender: genderOf(values.genderCode ?? ''),
    genderCode: values.genderCode ?? '',
    birthDate: values.birthDate ?? '',
    idNumber,
    checkDigitValid: checkDigitStatus(idNumber, cardType),
    validFrom: values.validFrom ?? '',
    validTo: values.validTo ?? '',
  };
  for (const key of OPTIONAL_KEYS) {
    const value = values[key];
    if (value !== undefined && value !== '') card[key] = value;
  }
  if (card.nationCode !== undefined) {
    const nation = nationName(card.nationCode);
    if (nation !== undefined) card.nation = nation;
  }
  return { kind: 'card', card };
}

/** The block fields `encodeTextBlock` writes; derived fields (nation name, check flag) are ignored. */
export type TextBlockInput = Omit<IdCardText, 'nation' | 'checkDigitValid' | 'genderCode'> & {
  genderCode?: string;
};

/**
 * Builds the 256-byte block for a card (the simulator's cards). Throws a RangeError naming
 * the field when a value does not fit, so a bad profile is caught where it is written.
 */
export function encodeTextBlock(input: TextBlockInput): Uint8Array {
  const layout = LAYOUTS[layoutFor(input)];
  const block = new Uint8Array(TEXT_BLOCK_SIZE);
  // Unused and reserved areas are spaces on real cards, so fill everything first.
  for (let i = 0; i < TEXT_BLOCK_SIZE; i += 2) block[i] = 0x20;
  const values: Partial<Record<BlockKey, string>> = {
    ...input,
    genderCode: input.genderCode ?? genderCodeOf(input.gender),
  };
  for (const field of layout.fields) {
    const text = toCardText(values[field.key] ?? '', field.kind);
    if (text.length * 2 > field.bytes) {
      // The value itself stays out of the message: it may be a real person's data.
      throw new RangeError(
        `${field.key} has ${text.length} characters; the ${input.cardType} card holds ${field.bytes / 2}. Shorten it.`,
      );
    }
    block.set(Buffer.from(text.padEnd(field.bytes / 2, ' '), 'utf16le'), field.offset);
  }
  block.set(Buffer.from(layout.flag, 'utf16le'), TYPE_FLAG_OFFSET);
  return block;
}

const OPTIONAL_KEYS = [
  'nameEn',
  'nationCode',
  'address',
  'issuer',
  'passNumber',
  'issueCount',
  'nationality',
  'cardVersion',
  'authorityCode',
] as const satisfies readonly BlockKey[];

function layoutOfFlag(flagCode: number): LayoutName | undefined {
  // Resident cards carry a space; some modules deliver NULs instead (spec §7).
  if (flagCode === 0x20 || flagCode === 0x00) return 'resident';
  if (flagCode === 0x4a) return 'hkmotw-permit';
  if (flagCode === 0x49) return 'foreign-permanent';
  if (flagCode === 0x59) return 'foreign-permanent-2023';
  return undefined;
}

function fromCardText(text: string, kind: FieldKind): string {
  if (kind === 'validTo' && text === '长期') return 'long-term';
  if ((kind === 'date' || kind === 'validTo') && /^\d{8}$/.test(text)) {
    return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
  }
  return text;
}

function toCardText(value: string, kind: FieldKind): string {
  if (kind === 'validTo' && value === 'long-term') return '长期';
  if ((kind === 'date' || kind === 'validTo') && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return value.replaceAll('-', '');
  return value;
}

function genderOf(code: string): Gender {
  if (code === '1') return 'male';
  if (code === '2') return 'female';
  return 'unknown';
}

function genderCodeOf(gender: Gender): string {
  if (gender === 'male') return '1';
  if (gender === 'female') return '2';
  return '0';
}

function checkDigitStatus(idNumber: string, cardType: CardType): boolean | null {
  if (cardType === 'foreign-permanent' && /^[A-Z]{3}\d{12}$/.test(idNumber)) return null;
  return isValidCheckDigit(idNumber);
}
