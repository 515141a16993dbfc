import iconv from 'iconv-lite';

/**
 * The characters of a QR payload without an ECI, judged from its bytes. Valid UTF-8 wins (an
 * ASCII code is valid UTF-8). Otherwise Shift_JIS and GB18030 both often decode the same
 * bytes without error, so each byte sequence is scored by how ordinary text in that charset
 * uses those code ranges: kana and JIS level-1 kanji for Shift_JIS, GB2312 punctuation and
 * level-1 hanzi for GB18030. The rare ranges (GBK extension rows, half-width katakana,
 * user-defined rows) count against a charset. Only a tie goes to GB18030, the charset of the
 * Chinese codes this kiosk meets most.
 */

/** How a payload's bytes were turned into text. */
export type QrCharset =
  | 'utf-8'
  | 'gb18030'
  | 'shift_jis'
  /** The charset the symbol declared: an ECI designator, or a Kanji or Hanzi mode segment. */
  | 'declared'
  /** No charset fits: the text is the bytes one for one (ISO-8859-1); use the bytes. */
  | 'binary';

/** A payload's text and the charset it was read in. */
export interface QrText {
  text: string;
  charset: QrCharset;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** C0 controls other than tab, LF, CR and ESC: no text payload carries them; binary data does. */
function hasBinaryControl(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x1b) {
      return true;
    }
  }
  return false;
}

/**
 * Scores bytes as Shift_JIS text: positive for the ranges Japanese text lives in, negative for
 * rare ones; undefined when the bytes are not Shift_JIS at all.
 */
export function shiftJisScore(bytes: Uint8Array): number | undefined {
  let score = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) continue;
    if (lead >= 0xa1 && lead <= 0xdf) {
      score -= 1; // half-width katakana: legal, but rare in modern payloads
      continue;
    }
    const trail = bytes[++i];
    const leadOk = (lead >= 0x81 && lead <= 0x9f) || (lead >= 0xe0 && lead <= 0xfc);
    if (!leadOk || trail === undefined || trail < 0x40 || trail === 0x7f || trail > 0xfc) {
      return undefined;
    }
    if (lead === 0x82 || lead === 0x83)
      score += 3; // hiragana, katakana
    else if (lead === 0x81)
      score += 2; // 、。「」 and other punctuation
    else if (lead >= 0x88 && lead <= 0x98)
      score += 2; // JIS level-1 kanji
    else if (lead <= 0xea)
      score += 1; // level-2 kanji, symbols
    else score -= 3; // user-defined and vendor rows
  }
  return score;
}

/**
 * Scores bytes as GB18030 text the same way: GB2312 rows score, GBK extension rows and
 * four-byte sequences count against; undefined when the bytes are not GB18030.
 */
export function gb18030Score(bytes: Uint8Array): number | undefined {
  let score = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) continue;
    if (lead === 0x80 || lead === 0xff) return undefined;
    const second = bytes[++i];
    if (second === undefined) return undefined;
    if (second >= 0x30 && second <= 0x39) {
      const third = bytes[++i];
      const fourth = bytes[++i];
      if (third === undefined || third < 0x81 || third > 0xfe) return undefined;
      if (fourth === undefined || fourth < 0x30 || fourth > 0x39) return undefined;
      score -= 2; // four-byte sequences: rare characters outside GBK
      continue;
    }
    if (second < 0x40 || second === 0x7f || second === 0xff) return undefined;
    const gb2312 = lead >= 0xa1 && lead <= 0xf7 && second >= 0xa1;
    if (!gb2312)
      score -= 1; // GBK extension rows: rare characters
    else if (lead >= 0xb0 && lead <= 0xd7)
      score += 3; // level-1 hanzi, the common ones
    else if (lead >= 0xa1 && lead <= 0xa3)
      score += 2; // punctuation, full-width forms
    else score += 1; // level-2 hanzi, kana and other GB2312 rows
  }
  return score;
}

/** Decodes bytes in a charset with iconv-lite; undefined when a byte has no character there. */
function strictDecode(bytes: Uint8Array, charset: 'gb18030' | 'shift_jis'): string | undefined {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), charset);
  return text.includes('\uFFFD') ? undefined : text;
}

/** The bytes as one character each, for payloads that are data, not text. */
export function latin1Text(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}

/**
 * Reads a payload that carries no ECI. `binaryHint` is the decoder's own judgement that the
 * bytes are data (zxing-cpp's content type); bytes that no charset fits are binary anyway.
 */
export function decodePayload(bytes: Uint8Array, binaryHint = false): QrText {
  if (binaryHint || hasBinaryControl(bytes)) return { text: latin1Text(bytes), charset: 'binary' };
  try {
    return { text: utf8.decode(bytes), charset: 'utf-8' };
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    // Not UTF-8: judged below between the two multi-byte charsets of the region.
  }
  const sjis = shiftJisScore(bytes);
  const gb = gb18030Score(bytes);
  const order: ('shift_jis' | 'gb18030')[] =
    sjis !== undefined && (gb === undefined || sjis > gb)
      ? ['shift_jis', 'gb18030']
      : ['gb18030', 'shift_jis'];
  for (const charset of order) {
    if ((charset === 'shift_jis' ? sjis : gb) === undefined) continue;
    const text = strictDecode(bytes, charset);
    if (text !== undefined) return { text, charset };
  }
  return { text: latin1Text(bytes), charset: 'binary' };
}
