/**
 * What a card read produces. Everything here is personal data: it lives in memory for the
 * session only, and any log or screen goes through kiosk/core/privacy masking first.
 */

/** The card layouts this driver decodes (spec §7, §8.1, §8.2). */
export type CardType = 'resident' | 'hkmotw-permit' | 'foreign-permanent';

/** Gender as the kiosk uses it; GB/T 2261.1 codes 0 (unknown) and 9 (unspecified) are 'unknown'. */
export type Gender = 'male' | 'female' | 'unknown';

/**
 * The decoded 256-byte text block. Dates are `YYYY-MM-DD`; a date field that is not eight
 * digits on the card is passed through unchanged rather than guessed at.
 */
export interface IdCardText {
  cardType: CardType;
  /** Chinese name; on a foreigner's card it may be empty. */
  name: string;
  /** English name, foreigner's card only (`SURNAME, GIVEN NAMES`). */
  nameEn?: string;
  gender: Gender;
  /** The raw GB/T 2261.1 gender code from the card (`0`, `1`, `2`, `9`). */
  genderCode: string;
  /** GB 3304 nation code, resident card only (`01`). */
  nationCode?: string;
  /** Nation name from the code (`汉`), resident card only; undefined for an unknown code. */
  nation?: string;
  birthDate: string;
  /** Address at issue; resident card and HK/Macau/Taiwan permit only. */
  address?: string;
  /** ID number: 18 characters, or 3 letters + 12 digits on a 2017 foreigner's card. */
  idNumber: string;
  /**
   * Whether the GB 11643 check character matches. `null` for numbers that carry none (2017
   * foreigner's card). A mismatch is flagged, not refused: the card is genuine per the SAM,
   * and the flow decides what to do.
   */
  checkDigitValid: boolean | null;
  /** Issuing authority; absent on a foreigner's card. */
  issuer?: string;
  validFrom: string;
  /** `YYYY-MM-DD`, or `'long-term'` for cards marked 长期. */
  validTo: string;
  /** HK/Macau/Taiwan travel-permit number (permit only). */
  passNumber?: string;
  /** How many times the permit has been issued, two digits (permit only). */
  issueCount?: string;
  /** ISO 3166-1 alpha-3 nationality (foreigner's card only). */
  nationality?: string;
  /** Card version, e.g. `01` (foreigner's card only). */
  cardVersion?: string;
  /** Accepting-authority code, e.g. `1500` (foreigner's card only). */
  authorityCode?: string;
}

/** A complete card read: the text block plus the binary parts that came with it. */
export interface IdCardRecord extends IdCardText {
  /** The photo exactly as read (WLT, normally 1024 bytes); decode only with a `WltDecoder`. */
  photoWlt: Uint8Array;
  /** Fingerprint templates when read with `withFingerprint`; usable only by a licensed matcher. */
  fingerprint?: Uint8Array;
  /** The appended (changed) address when read with `withAppendedAddress` and the card has one. */
  appendedAddress?: string;
}

/** A decoded photo: 102 x 126 pixels, 24-bit BGR (spec §9). */
export interface DecodedPhoto {
  width: number;
  height: number;
  /** Pixel bytes, BGR, `width * height * 3` long, rows top-down. */
  bgr: Uint8Array;
}

/**
 * Hook for a licensed WLT decoder (e.g. a vendor's wlt2bmp library behind a native addon).
 * The kiosk ships none: WLT is proprietary and decoders are licensed per SAM. An
 * implementation may need the SAM ID for its licence check, and must keep the result in
 * memory only.
 */
export interface WltDecoder {
  /** Decodes one 1024-byte WLT photo; rejects when the licence or the data is bad. */
  decode(photoWlt: Uint8Array, context: { samId?: Uint8Array }): Promise<DecodedPhoto>;
}
