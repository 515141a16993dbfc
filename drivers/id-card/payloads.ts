import { DeviceError } from '../device/errors.ts';

/**
 * Command-specific response payloads (spec §6): the data bytes after SW3. Decoders trust the
 * length fields the frame declares rather than the usual 256/1024 constants, and refuse a
 * payload whose declared lengths do not add up instead of reading past its end.
 */

/** The parts of a `30 01` / `30 10` answer, still raw. */
export interface CardReadPayload {
  /** The 256-byte text block (§7, §8). */
  text: Uint8Array;
  /** The WLT-compressed photo, normally 1024 bytes. */
  photo: Uint8Array;
  /** Fingerprint templates (`30 10` only); empty when the card has none. */
  fingerprint?: Uint8Array;
}

/** Size of the appended-address answer: 35 UTF-16LE characters. */
export const APPENDED_ADDRESS_SIZE = 70;

/** Size of the SAM ID answer. */
export const SAM_ID_SIZE = 16;

/** Splits the data of a successful read into text, photo and (for `30 10`) fingerprint. */
export function decodeCardRead(data: Uint8Array, withFingerprint: boolean): CardReadPayload {
  const headerSize = withFingerprint ? 6 : 4;
  if (data.length < headerSize) {
    throw lengthError(
      `read answer has ${data.length} data bytes, fewer than its ${headerSize}-byte header`,
    );
  }
  const textLength = u16be(data, 0);
  const photoLength = u16be(data, 2);
  const fpLength = withFingerprint ? u16be(data, 4) : 0;
  const expected = headerSize + textLength + photoLength + fpLength;
  if (expected !== data.length) {
    throw lengthError(
      `read answer declares text ${textLength} + photo ${photoLength} + fingerprint ${fpLength} bytes but carries ${data.length - headerSize}`,
    );
  }
  let at = headerSize;
  const text = data.slice(at, (at += textLength));
  const photo = data.slice(at, (at += photoLength));
  if (!withFingerprint) return { text, photo };
  return { text, photo, fingerprint: data.slice(at, at + fpLength) };
}

/** Builds the data of a read answer; with `fingerprint` set it is the `30 10` layout. */
export function encodeCardRead(payload: CardReadPayload): Uint8Array {
  const withFp = payload.fingerprint !== undefined;
  const header = withFp ? 6 : 4;
  const fp = payload.fingerprint ?? new Uint8Array(0);
  for (const [part, bytes] of [
    ['text', payload.text],
    ['photo', payload.photo],
    ['fingerprint', fp],
  ] as const) {
    if (bytes.length > 0xffff)
      throw new RangeError(`${part} of ${bytes.length} bytes does not fit a 16-bit length`);
  }
  const out = new Uint8Array(header + payload.text.length + payload.photo.length + fp.length);
  putU16be(out, 0, payload.text.length);
  putU16be(out, 2, payload.photo.length);
  if (withFp) putU16be(out, 4, fp.length);
  out.set(payload.text, header);
  out.set(payload.photo, header + payload.text.length);
  out.set(fp, header + payload.text.length + payload.photo.length);
  return out;
}

/** The SAM's own serial number (spec §6.1): raw bytes plus a display form. */
export interface SamId {
  /** The 16 bytes as received; keep these, the display padding differs between vendors. */
  raw: Uint8Array;
  /** `AA.BB-CCCCCCCC-DDDDDDDDDD-EEEEEEEEEE`. */
  display: string;
}

/**
 * Decodes a SAM ID answer. `padWidth` is the zero-padding of the last two numbers: 10 in
 * one vendor's code and 9 in another's (spec: uncertain), so it is the caller's choice.
 */
export function decodeSamId(data: Uint8Array, padWidth = 10): SamId {
  if (data.length < SAM_ID_SIZE) {
    throw lengthError(`SAM ID answer has ${data.length} data bytes, expected ${SAM_ID_SIZE}`);
  }
  const raw = data.slice(0, SAM_ID_SIZE);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const two = (n: number): string => String(n).padStart(2, '0');
  const display = [
    `${two(raw[0] ?? 0)}.${two(raw[2] ?? 0)}`,
    String(view.getUint32(4, true)),
    String(view.getUint32(8, true)).padStart(padWidth, '0'),
    String(view.getUint32(12, true)).padStart(padWidth, '0'),
  ].join('-');
  return { raw, display };
}

/** Builds a SAM ID answer from its four numbers (the simulator's identity). */
export function encodeSamId(parts: {
  major: number;
  minor: number;
  a: number;
  b: number;
  c: number;
}): Uint8Array {
  const out = new Uint8Array(SAM_ID_SIZE);
  const view = new DataView(out.buffer);
  out[0] = parts.major & 0xff;
  out[2] = parts.minor & 0xff;
  view.setUint32(4, parts.a >>> 0, true);
  view.setUint32(8, parts.b >>> 0, true);
  view.setUint32(12, parts.c >>> 0, true);
  return out;
}

/** Decodes the `30 03` appended address: UTF-16LE, padding (spaces, NULs) trimmed. */
export function decodeAppendedAddress(data: Uint8Array): string {
  const even = data.length - (data.length % 2);
  return trimPadding(Buffer.from(data.buffer, data.byteOffset, even).toString('utf16le'));
}

/** Builds the 70-byte appended-address answer, space padded. */
export function encodeAppendedAddress(address: string): Uint8Array {
  if (address.length > APPENDED_ADDRESS_SIZE / 2) {
    throw new RangeError(
      `an appended address holds ${APPENDED_ADDRESS_SIZE / 2} characters, got ${address.length}; shorten it`,
    );
  }
  return new Uint8Array(Buffer.from(address.padEnd(APPENDED_ADDRESS_SIZE / 2, ' '), 'utf16le'));
}

/** Strips the padding modules put around text fields: spaces and U+0000, at both ends. */
export function trimPadding(text: string): string {
  const isPad = (ch: string | undefined): boolean =>
    ch === '\u0000' || (ch !== undefined && /\s/.test(ch));
  let start = 0;
  let end = text.length;
  while (start < end && isPad(text[start])) start++;
  while (end > start && isPad(text[end - 1])) end--;
  return text.slice(start, end);
}

function lengthError(message: string): DeviceError {
  return new DeviceError(`${message}; the frame is corrupt or from an unknown module variant`, {
    checksum: true,
  });
}

function u16be(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function putU16be(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >> 8;
  bytes[at + 1] = value & 0xff;
}
