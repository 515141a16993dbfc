/**
 * The journal's guards against personal data. The journal survives power cuts and restarts,
 * so anything written to it stays on disk for months: no name, ID number, address or phone
 * number may ever reach it. The guards are deliberately blunt and refuse whole values instead
 * of masking them, because a value that needs masking means the caller passed the wrong thing.
 *
 * Decisions:
 * - Free strings in step details, outbox payloads and audit details are ASCII tokens (ids,
 *   operation names, error codes). CJK text is refused in all of them: a run of two to four
 *   Han characters cannot be told apart from a name, and a longer run may be an address. The
 *   only fields that may hold CJK are `z.enum` fields, whose every value is written in the
 *   schema files; none does today. A flow's Chinese title is found from its flow id instead.
 * - A value that contains 17 digits followed by a digit or X (GB 11643) is refused wherever it
 *   sits, checksum or not: a mistyped ID number is still an ID number. Any run of 11 or more
 *   digits is refused too (old 15-digit ID numbers, phone numbers, bank cards, the 12 digits
 *   of an old foreigner's permanent-residence number), except inside a UUID (`reference()`).
 * - Print summaries are meant to be masked text (张*丰, 110105********002X): there a Han
 *   character may stand only alone, as `maskName` leaves it, never two in a row.
 */
import { z } from 'zod';

/** GB 11643 citizen ID number (17 digits + check digit or X), anywhere in a string. */
const ID_NUMBER = /\d{17}[\dXx]/;
/** A run of digits long enough to be an old ID number, a phone number or a bank card. */
const LONG_DIGITS = /\d{11,}/;
/** Han ideographs (CJK unified, extension A, compatibility) plus full-width forms and kana. */
const CJK =
  /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]|[\u{20000}-\u{3ffff}]/u;
/** Two Han characters in a row: an unmasked name (or part of an address). */
const HAN_PAIR = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3ffff}]{2}/u;
/** Printable ASCII only: no control characters, no newlines that could forge log lines. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** True when `value` contains something shaped like a Chinese citizen ID number. */
export function looksLikeIdNumber(value: string): boolean {
  return ID_NUMBER.test(value);
}

/** True when `value` contains CJK characters (Han, kana or full-width forms). */
export function containsCjk(value: string): boolean {
  return CJK.test(value);
}

/** Why `value` may not be stored as free text in the journal, or null when it may. */
export function personalDataProblem(value: string): string | null {
  if (looksLikeIdNumber(value)) return 'looks like an ID number';
  if (LONG_DIGITS.test(value)) return 'holds a long run of digits (ID, phone or card number)';
  if (containsCjk(value)) return 'holds CJK text, which could be a name or an address';
  if (!PRINTABLE_ASCII.test(value)) return 'holds characters outside printable ASCII';
  return null;
}

/** Why a print summary is not safely masked, or null when it is. */
export function summaryProblem(value: string): string | null {
  if (looksLikeIdNumber(value)) return 'holds an unmasked ID number';
  if (LONG_DIGITS.test(value)) return 'holds a long run of digits (ID, phone or card number)';
  if (HAN_PAIR.test(value)) {
    return 'holds two Han characters in a row: a name must be masked (张*丰) and a title given by its template id';
  }
  if ([...value].some((c) => c < ' ' || c === '\x7f')) return 'holds control characters';
  return null;
}

/** A bounded ASCII token that carries no personal data, for free-text detail fields. */
export function safeText(max: number): z.ZodString {
  return z
    .string()
    .min(1)
    .max(max)
    .superRefine((value, ctx) => {
      const problem = personalDataProblem(value);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: `refused: ${problem}` });
    });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An opaque reference the kiosk or the platform made up: session refs, idempotency keys, job
 * ids, platform references. Same rules as free text, with one exception: a UUID may hold a
 * twelve-digit group (about one random UUID in 300 does), which would otherwise be refused
 * as a long digit run, and a reference must never fail at random.
 */
export function reference(max = 128): z.ZodString {
  return z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/, 'must be an ASCII reference')
    .superRefine((value, ctx) => {
      if (UUID.test(value)) return;
      const problem = personalDataProblem(value);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: `refused: ${problem}` });
    });
}

/** An identifier: flow ids, operation names, template ids, technician ids. */
export function identifier(max = 64): z.ZodString {
  return safeText(max).regex(/^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/, 'must be an identifier');
}

/**
 * Makes an error message fit to store: long digit runs and CJK runs become placeholders, then
 * it is cut to `max` characters. Errors come from drivers and the platform and may echo what
 * was sent, so they are scrubbed rather than refused.
 */
export function scrubError(message: string, max = 200): string {
  const scrubbed = message
    .replace(/\d{11,}[\dXx]?/g, '[number]')
    .replace(new RegExp(`(?:${CJK.source})+`, 'gu'), '[text]')
    .replace(/[^\x20-\x7e]/g, '?');
  return scrubbed.length <= max ? scrubbed : `${scrubbed.slice(0, max - 3)}...`;
}
