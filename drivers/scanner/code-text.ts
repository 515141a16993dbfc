import iconv from 'iconv-lite';

/**
 * Turns the raw bytes of one scan into text the kiosk can trust. Phone QR codes are usually
 * UTF-8, but GBK-encoded Chinese codes exist (spec §3.1), so bytes that are not valid UTF-8
 * are read as GB18030 (a superset of GBK). What comes out is checked before it leaves the
 * driver: an oversized or control-laden code is refused, never trimmed and passed on.
 */

/** Why a scan was refused. */
export type RefusalReason =
  /** More characters (or bytes on the wire) than the configured limit. */
  | 'tooLong'
  /** A control character other than the allowed ones (tab by default). */
  | 'controlCharacter'
  /** Neither UTF-8 nor GB18030 decodes the bytes. */
  | 'undecodable'
  /** The scan carried no data at all. */
  | 'empty';

/**
 * The text encodings a scan may have arrived in. Byte scanners give UTF-8 or GB18030; a camera
 * also reads Shift_JIS, a charset the code declared itself (ECI, Kanji mode), or binary data.
 */
export type CodeEncoding = 'utf-8' | 'gb18030' | 'shift_jis' | 'declared' | 'binary';

/** How scans are checked; the defaults suit phone QR codes. */
export interface CodeTextRules {
  /** Longest accepted code in characters. Default 4096. */
  maxLength?: number;
  /**
   * Control characters accepted inside a code. Default only tab. GS1 codes carry GS (0x1D)
   * as a field separator: add it here for a kiosk that reads GS1 labels.
   */
  allowedControls?: readonly string[];
}

/** Default longest code: well above the largest phone QR a resident shows (~2 KB). */
export const DEFAULT_MAX_CODE_LENGTH = 4096;

/**
 * Longest scan accepted on the wire in bytes: 4 a character (the most UTF-8 or GB18030 use),
 * so byte-level framers can drop an overlong scan before it is buffered and decoded whole.
 */
export function maxCodeBytes(rules: CodeTextRules = {}): number {
  return (rules.maxLength ?? DEFAULT_MAX_CODE_LENGTH) * 4;
}

/** The result of checking one scan. */
export type CodeText =
  | { ok: true; text: string; encoding: CodeEncoding }
  | { ok: false; reason: RefusalReason; detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes scan bytes: UTF-8 (ASCII included) when valid, else GB18030; undefined when neither fits. */
function decodeCodeBytes(
  bytes: Uint8Array,
): { text: string; encoding: 'utf-8' | 'gb18030' } | undefined {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // Not UTF-8: a GBK/GB18030 code. iconv-lite marks bytes it cannot map with U+FFFD.
  }
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), 'gb18030');
  return text.includes('\uFFFD') ? undefined : { text, encoding: 'gb18030' };
}

/** Checks decoded text against the rules; the detail names the problem, never the content. */
export function checkCodeText(text: string, rules: CodeTextRules = {}): CodeText | undefined {
  const maxLength = rules.maxLength ?? DEFAULT_MAX_CODE_LENGTH;
  const allowed = rules.allowedControls ?? ['\t'];
  if (text.length === 0) return { ok: false, reason: 'empty', detail: 'the scan carried no data' };
  const length = [...text].length;
  if (length > maxLength) {
    return {
      ok: false,
      reason: 'tooLong',
      detail: `the code has ${length} characters, more than the limit of ${maxLength}`,
    };
  }
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    const control = unit < 0x20 || unit === 0x7f || (unit >= 0x80 && unit <= 0x9f);
    if (control && !allowed.includes(text[index] ?? '')) {
      return {
        ok: false,
        reason: 'controlCharacter',
        detail: `control character 0x${unit.toString(16).padStart(2, '0')} at position ${index}`,
      };
    }
  }
  return undefined;
}

/** Decodes and checks one scan's bytes in one step. */
export function readCodeText(bytes: Uint8Array, rules: CodeTextRules = {}): CodeText {
  if (bytes.length === 0) return { ok: false, reason: 'empty', detail: 'the scan carried no data' };
  // A huge scan is refused before decoding so a noisy line cannot make the kiosk decode megabytes.
  const byteLimit = maxCodeBytes(rules);
  if (bytes.length > byteLimit) {
    return {
      ok: false,
      reason: 'tooLong',
      detail: `the scan has ${bytes.length} bytes, more than ${byteLimit} (4 per allowed character)`,
    };
  }
  const decoded = decodeCodeBytes(bytes);
  if (!decoded) {
    return {
      ok: false,
      reason: 'undecodable',
      detail: `${bytes.length} bytes that are neither UTF-8 nor GB18030`,
    };
  }
  return checkCodeText(decoded.text, rules) ?? { ok: true, ...decoded };
}
