import { ReceiptEncodingError } from './errors.ts';

/** The 1-D symbologies this encoder sends with `GS k` function B. */
export type BarcodeSymbology =
  'upcA' | 'upcE' | 'ean13' | 'ean8' | 'code39' | 'itf' | 'codabar' | 'code93' | 'code128';

/** Function-B `m` value per symbology (spec §5). */
export const SYMBOLOGY_CODES: Record<BarcodeSymbology, number> = {
  upcA: 65,
  upcE: 66,
  ean13: 67,
  ean8: 68,
  code39: 69,
  itf: 70,
  codabar: 71,
  code93: 72,
  code128: 73,
};

/** Code 128 code set: A (control + upper case), B (printable ASCII), C (digit pairs). */
export type Code128Set = 'A' | 'B' | 'C';

/** Data rules per symbology; `ascii` adds a code-point check that a regex would spell with control characters. */
const RULES: Record<
  Exclude<BarcodeSymbology, 'code128'>,
  { pattern: RegExp; rule: string; ascii?: boolean }
> = {
  upcA: { pattern: /^\d{11,12}$/, rule: '11 or 12 digits' },
  upcE: { pattern: /^(\d{6,8}|\d{11,12})$/, rule: '6-8 or 11-12 digits' },
  ean13: { pattern: /^\d{12,13}$/, rule: '12 or 13 digits' },
  ean8: { pattern: /^\d{7,8}$/, rule: '7 or 8 digits' },
  code39: {
    pattern: /^(\*[0-9A-Z $%+\-./]+\*|[0-9A-Z $%+\-./]+)$/,
    rule: 'digits, capital letters, space and $ % + - . / (optionally wrapped in *)',
  },
  itf: { pattern: /^(\d\d)+$/, rule: 'an even number of digits' },
  codabar: {
    pattern: /^[A-D][0-9$+\-./:]+[A-D]$/i,
    rule: 'start/stop letters A-D around digits and $ + - . / :',
  },
  code93: { pattern: /^[^]+$/, rule: 'ASCII characters 00-7F', ascii: true },
};

function refuse(symbology: string, data: string, rule: string): never {
  throw new ReceiptEncodingError(
    `${symbology} barcode data ${JSON.stringify(data)} are invalid: the symbology takes ${rule}`,
    'invalidBarcode',
    data,
  );
}

/** GS1 mod-10 check for a full-length EAN/UPC number; the last digit is the check digit. */
function hasValidGs1Check(digits: string): boolean {
  let sum = 0;
  const body = digits.slice(0, -1);
  for (let i = 0; i < body.length; i++) {
    const weight = (body.length - i) % 2 === 1 ? 3 : 1;
    sum += Number(body[i]) * weight;
  }
  return (10 - (sum % 10)) % 10 === Number(digits.slice(-1));
}

/** Turns Code 128 text into the selector-prefixed bytes the printer expects. */
function code128Bytes(data: string, set: Code128Set): number[] {
  if (set === 'C') {
    if (!/^(\d\d)+$/.test(data)) refuse('code128 set C', data, 'an even number of digits');
    // Epson reads set-C data as binary values 0-99, one byte per digit pair.
    const pairs: number[] = [];
    for (let i = 0; i < data.length; i += 2) pairs.push(Number(data.slice(i, i + 2)));
    return [0x7b, 0x43, ...pairs];
  }
  const highest = set === 'A' ? 0x5f : 0x7f;
  const lowest = set === 'A' ? 0x00 : 0x20;
  const codes = [...data].map((char) => char.codePointAt(0) ?? 0);
  if (codes.length === 0 || codes.some((code) => code < lowest || code > highest)) {
    refuse(
      `code128 set ${set}`,
      data,
      set === 'A' ? 'ASCII 00-5F (no lower case)' : 'printable ASCII 20-7F',
    );
  }
  const bytes = [0x7b, set === 'A' ? 0x41 : 0x42];
  for (const char of data) {
    const code = char.charCodeAt(0);
    // A literal brace must be doubled, or the printer takes it as a code-set switch.
    if (code === 0x7b) bytes.push(0x7b, 0x7b);
    else bytes.push(code);
  }
  return bytes;
}

/** Validates barcode data for its symbology and returns the `GS k` function-B data bytes. */
export function barcodeDataBytes(
  symbology: BarcodeSymbology,
  data: string,
  code128Set: Code128Set = 'B',
): Uint8Array {
  let bytes: number[];
  if (symbology === 'code128') {
    bytes = code128Bytes(data, code128Set);
  } else {
    const { pattern, rule, ascii } = RULES[symbology];
    const asciiOk = !ascii || [...data].every((char) => (char.codePointAt(0) ?? 0x80) < 0x80);
    if (!pattern.test(data) || !asciiOk) refuse(symbology, data, rule);
    const fullLength = { upcA: 12, ean13: 13, ean8: 8 } as const;
    if (
      (symbology === 'upcA' || symbology === 'ean13' || symbology === 'ean8') &&
      data.length === fullLength[symbology] &&
      !hasValidGs1Check(data)
    ) {
      refuse(symbology, data, 'a correct check digit (or omit it and the printer adds it)');
    }
    bytes = [...data].map((char) => char.charCodeAt(0));
  }
  if (bytes.length > 255) refuse(symbology, data, 'at most 255 bytes of data');
  return Uint8Array.from(bytes);
}
