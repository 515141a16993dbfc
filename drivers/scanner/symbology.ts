/**
 * AIM / ISO/IEC 15424 symbology identifiers (`]` + code character + modifier), as data.
 * Scanners put them in front of the data (serial, keyboard) or in their own report fields
 * (HID POS usages 0x8C:FB-FD); the kiosk only needs the symbology name and the raw id.
 */

/** The symbologies the kiosk names; anything else is `other` with its raw AIM id kept. */
export type Symbology =
  | 'qr'
  | 'qr-model1'
  | 'qr-eci'
  | 'gs1-qr'
  | 'code39'
  | 'code128'
  | 'gs1-128'
  | 'ean-upc'
  | 'ean8'
  | 'codabar'
  | 'code93'
  | 'itf'
  | 'pdf417'
  | 'data-matrix'
  | 'gs1-data-matrix'
  | 'gs1-databar'
  | 'aztec'
  | 'maxicode'
  | 'dotcode'
  | 'other'
  | 'non-barcode'
  | 'unknown';

/** One code character of the AIM table: its default symbology and modifier exceptions. */
export interface AimEntry {
  /** The code character after `]`. */
  code: string;
  symbology: Symbology;
  /** Modifiers that name a different symbology than the default (e.g. `]C1` is GS1-128). */
  modifiers?: Readonly<Record<string, Symbology>>;
}

/** The AIM code characters from the spec (§3.2); case matters (`]d` is not `]D`). */
export const AIM_TABLE: readonly AimEntry[] = [
  { code: 'A', symbology: 'code39' },
  { code: 'C', symbology: 'code128', modifiers: { '1': 'gs1-128' } },
  { code: 'E', symbology: 'ean-upc', modifiers: { '4': 'ean8' } },
  { code: 'F', symbology: 'codabar' },
  { code: 'G', symbology: 'code93' },
  { code: 'I', symbology: 'itf' },
  { code: 'L', symbology: 'pdf417' },
  { code: 'Q', symbology: 'qr', modifiers: { '0': 'qr-model1', '2': 'qr-eci', '3': 'gs1-qr' } },
  { code: 'd', symbology: 'data-matrix', modifiers: { '2': 'gs1-data-matrix' } },
  { code: 'e', symbology: 'gs1-databar' },
  { code: 'z', symbology: 'aztec' },
  { code: 'U', symbology: 'maxicode' },
  { code: 'J', symbology: 'dotcode' },
  { code: 'X', symbology: 'other' },
  { code: 'Z', symbology: 'non-barcode' },
];

const BY_CODE = new Map(AIM_TABLE.map((entry) => [entry.code, entry]));

/** Modifiers are one character from 0-9 or A-Z in ISO/IEC 15424. */
const MODIFIER = /^[0-9A-Z]$/;

/** The symbology an AIM id such as `]Q1` names, or undefined when it is not in the table. */
export function symbologyOfAim(aimId: string): Symbology | undefined {
  if (aimId.length !== 3 || aimId[0] !== ']') return undefined;
  const entry = BY_CODE.get(aimId[1] ?? '');
  const modifier = aimId[2] ?? '';
  if (!entry || !MODIFIER.test(modifier)) return undefined;
  return entry.modifiers?.[modifier] ?? entry.symbology;
}

/** The AIM id to send for a symbology: the reverse of the table, used by simulators. */
export function aimIdOf(symbology: Symbology): string | undefined {
  for (const entry of AIM_TABLE) {
    for (const [modifier, name] of Object.entries(entry.modifiers ?? {})) {
      if (name === symbology) return `]${entry.code}${modifier}`;
    }
  }
  const entry = AIM_TABLE.find((e) => e.symbology === symbology);
  if (!entry) return undefined;
  // `]Q1` is standard QR and `]E0` EAN-13; 0 is the plain modifier elsewhere.
  return `]${entry.code}${entry.code === 'Q' || entry.code === 'd' ? '1' : '0'}`;
}

/** What a leading AIM id split off: the id and its symbology, and the bytes after it. */
export interface AimSplit {
  aimId: string | undefined;
  symbology: Symbology;
  rest: Uint8Array;
}

/**
 * Splits a leading AIM id off raw scan bytes. Only ids in the table are taken, so data that
 * merely starts with `]` passes through whole and is reported with symbology `unknown`.
 */
export function splitAimPrefix(bytes: Uint8Array): AimSplit {
  if (bytes.length >= 3 && bytes[0] === 0x5d) {
    const aimId = String.fromCharCode(0x5d, bytes[1] ?? 0, bytes[2] ?? 0);
    const symbology = symbologyOfAim(aimId);
    if (symbology) return { aimId, symbology, rest: bytes.subarray(3) };
  }
  return { aimId: undefined, symbology: 'unknown', rest: bytes };
}
